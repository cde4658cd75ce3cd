package dev.tracehound.kernel;

/** A value TH-CJSON-1 cannot encode (NaN, ±Infinity, a non-JSON type, a cycle), with where it was. */
public final class CanonicalJsonException extends IllegalArgumentException {
  private final String reason;
  private final String path;

  public CanonicalJsonException(String reason, String path) {
    super(reason + " at " + path);
    this.reason = reason;
    this.path = path;
  }

  public String reason() {
    return reason;
  }

  /** e.g. {@code root.a[2]}. */
  public String path() {
    return path;
  }
}
