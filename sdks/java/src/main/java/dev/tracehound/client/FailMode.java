package dev.tracehound.client;

/** What a verdict becomes when the daemon is down, slow or refusing. */
public enum FailMode {
  /** A {@link Verdict.Clean} marked degraded: the request goes through (the default). */
  OPEN,
  /** A {@link Verdict.Error} with code DAEMON_UNAVAILABLE, marked degraded. */
  CLOSED
}
