package dev.tracehound.client;

import tracehound.v1.ClientError.ClientErrorCode;

/**
 * The errors the client makes itself, without a verdict from the daemon. Their codes are the
 * generated {@link ClientErrorCode} (tracehound.v1.ClientErrorCode), the one definition every SDK
 * shares; {@link Verdict.Error#code()} holds the value's name without its prefix.
 */
public final class ClientErrors {
  private static final String PREFIX = "CLIENT_ERROR_CODE_";

  private ClientErrors() {}

  /** The string {@link Verdict.Error#code()} holds for {@code code}, e.g. DAEMON_UNAVAILABLE. */
  public static String name(ClientErrorCode code) {
    return code.name().substring(PREFIX.length());
  }

  /** Where the code failed (v1's {@code state}). */
  static String state(ClientErrorCode code) {
    return switch (code) {
      case CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE -> "daemon";
      case CLIENT_ERROR_CODE_SCENT_INVALID -> "scent";
      case CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT -> "client";
      case CLIENT_ERROR_CODE_AGENT_SERIALIZATION_FAILED -> "agent";
      case CLIENT_ERROR_CODE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("no client error " + code);
    };
  }

  /** An error verdict the client made itself; only a daemon failure is worth retrying. */
  static Verdict.Error error(ClientErrorCode code, String message, Verdict.Degraded degraded) {
    boolean recoverable = code == ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE;
    return new Verdict.Error(state(code), name(code), message, recoverable, null, degraded);
  }
}
