package dev.tracehound.kernel;

/**
 * A value TH-CJSON-1 cannot encode (NaN, ±Infinity, a non-JSON type, a cycle, nesting past {@link
 * CanonicalJson#MAX_DEPTH}), with where it was.
 */
public final class CanonicalJsonException extends IllegalArgumentException {
  private final String reason;
  private final String path;
  private final boolean tooDeep;

  public CanonicalJsonException(String reason, String path) {
    this(reason, path, false);
  }

  public CanonicalJsonException(String reason, String path, boolean tooDeep) {
    super(reason + " at " + path);
    this.reason = reason;
    this.path = path;
    this.tooDeep = tooDeep;
  }

  /**
   * Nesting past {@link CanonicalJson#MAX_DEPTH}: the engine's payload_too_large, not a
   * serialization error.
   */
  public boolean tooDeep() {
    return tooDeep;
  }

  public String reason() {
    return reason;
  }

  /** e.g. {@code root.a[2]}. */
  public String path() {
    return path;
  }
}
