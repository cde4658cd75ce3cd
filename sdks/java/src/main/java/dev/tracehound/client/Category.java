package dev.tracehound.client;

/** What kind of threat a detector believes a scent carries (v1's categories). */
public enum Category {
  INJECTION,
  DDOS,
  FLOOD,
  SPAM,
  MALWARE,
  UNKNOWN;

  /** The v1 name, as in signatures: "injection", "ddos", … */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Category fromWireName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
