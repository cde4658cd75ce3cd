package dev.tracehound.client;

import io.grpc.Status;

/**
 * A failed call outside the request path (handshake, neutralize, proofs, stats), with its gRPC
 * status.
 */
public final class TracehoundException extends RuntimeException {
  private final Status.Code code;

  public TracehoundException(Status.Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }
}
