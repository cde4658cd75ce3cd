package dev.tracehound.client;

/** Ordered from least to most severe; eviction drops the lowest first. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The v1 name: "low", "medium", "high", "critical". */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Severity fromWireName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
