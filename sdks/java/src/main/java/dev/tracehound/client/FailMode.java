package dev.tracehound.client;

/** What a verdict becomes when the daemon is down, slow or refusing. */
public enum FailMode {
  /** A {@link Verdict.Clean} marked degraded: the request goes through (the default). */
  OPEN,
  /**
   * A {@link Verdict.Error} with code {@code CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE} (see {@link
   * ClientErrors}), marked degraded.
   */
  CLOSED
}
