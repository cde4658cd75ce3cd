package dev.tracehound.client;

import java.util.Objects;

/**
 * One observed input, as v1's Scent. {@code payload} is any JSON value in plain Java form ({@code
 * null}, Boolean, String, Number, Map with String keys, List or array); {@code threat} is {@code
 * null} for a clean scent, whose payload is never inspected.
 */
public record Scent(String id, Object payload, String source, long timestampMs, Threat threat) {
  public Scent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
  }

  /** A detector's finding attached to a scent. */
  public record Threat(Category category, Severity severity) {
    public Threat {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(severity, "severity");
    }
  }

  /** A scent without a threat signal: the daemon answers clean without looking at the payload. */
  public static Scent clean(String id, String source, long timestampMs, Object payload) {
    return new Scent(id, payload, source, timestampMs, null);
  }

  /** A scent carrying a detector's threat signal. */
  public static Scent threat(
      String id,
      String source,
      long timestampMs,
      Object payload,
      Category category,
      Severity severity) {
    return new Scent(id, payload, source, timestampMs, new Threat(category, severity));
  }
}
