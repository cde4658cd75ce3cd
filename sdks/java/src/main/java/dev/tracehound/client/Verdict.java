package dev.tracehound.client;

import java.util.Map;

/**
 * The outcome of one intercept: exactly one of v1's six results. A verdict the daemon did not give
 * (it was down, slow or refusing) is {@link #degraded()}: {@link Clean} when failing open (the
 * default), {@link Error} when failing closed.
 */
public sealed interface Verdict
    permits Verdict.Clean,
        Verdict.RateLimited,
        Verdict.PayloadTooLarge,
        Verdict.Ignored,
        Verdict.Quarantined,
        Verdict.Error {

  /** v1's status: clean, rate_limited, payload_too_large, ignored, quarantined or error. */
  String status();

  /** Why the client answered instead of the daemon, or null for a real verdict. */
  default Degraded degraded() {
    return null;
  }

  default boolean isDegraded() {
    return degraded() != null;
  }

  /**
   * True for the outcomes that are reasons to block the request (rate_limited, payload_too_large,
   * quarantined).
   */
  default boolean blocks() {
    return this instanceof RateLimited
        || this instanceof PayloadTooLarge
        || this instanceof Quarantined;
  }

  /** The transport failure behind a degraded verdict: a gRPC status code name and its message. */
  record Degraded(String code, String message) {}

  /** No threat signal: nothing was inspected or kept. */
  record Clean(Degraded degraded) implements Verdict {
    public static final Clean INSTANCE = new Clean(null);

    public String status() {
      return "clean";
    }
  }

  /** The source exceeded its rate limit. */
  record RateLimited(long retryAfterMs) implements Verdict {
    public String status() {
      return "rate_limited";
    }
  }

  /** The canonical payload exceeded the configured limit. */
  record PayloadTooLarge(long limitBytes) implements Verdict {
    public String status() {
      return "payload_too_large";
    }
  }

  /** Evidence with this signature is already quarantined. */
  record Ignored(String signature) implements Verdict {
    public String status() {
      return "ignored";
    }
  }

  /** The evidence was captured (an item that evicted itself has {@code handle.disposed()}). */
  record Quarantined(EvidenceHandle handle) implements Verdict {
    public String status() {
      return "quarantined";
    }
  }

  /** The engine (or, degraded, the client) refused the scent; {@code context} may be null. */
  record Error(
      String state,
      String code,
      String message,
      boolean recoverable,
      Map<String, Object> context,
      Degraded degraded)
      implements Verdict {
    public String status() {
      return "error";
    }
  }
}
