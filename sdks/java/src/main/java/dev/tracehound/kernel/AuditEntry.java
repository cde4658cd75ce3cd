package dev.tracehound.kernel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Audit log entries (docs/core.md, "Audit and Merkle tree"): v1's records (neutralization,
 * evacuation) and the capture and purge entries that bind the evidence set, and the block entries
 * that bind rate-limit penalties. A Merkle leaf is SHA-256(0x00 ‖ TH-CJSON-1(entry)), so every
 * field is bound; an entry outside its type's schema (unknown type, extra or missing field,
 * malformed value) is refused, never hashed.
 */
public final class AuditEntry {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SIGNATURE = Pattern.compile("[a-z_]+:[0-9a-f]{64}");
  private static final double MAX_SAFE = 9007199254740991d;

  private static final Predicate<Object> HASH =
      v -> v instanceof String s && HEX64.matcher(s).matches();
  private static final Predicate<Object> TEXT = v -> v instanceof String s && !s.isEmpty();
  private static final Predicate<Object> SIG =
      v -> v instanceof String s && SIGNATURE.matcher(s).matches();
  private static final Predicate<Object> COUNT = AuditEntry::isCount;
  private static final Predicate<Object> BOOL = v -> v instanceof Boolean;

  private static Predicate<Object> oneOf(String... values) {
    List<String> allowed = List.of(values);
    return v -> v instanceof String s && allowed.contains(s);
  }

  private static final Map<String, Predicate<Object>> RECORD =
      Map.of(
          "id",
          TEXT,
          "type",
          TEXT,
          "signature",
          SIG,
          "timestamp",
          COUNT,
          "previousHash",
          HASH,
          "hash",
          HASH);

  /** Per entry type, exactly the fields an entry of that type has. */
  static final Map<String, Map<String, Predicate<Object>>> SCHEMAS =
      Map.of(
          "neutralization", RECORD,
          "evacuation", RECORD,
          "capture",
              Map.of(
                  "type",
                  TEXT,
                  "signature",
                  SIG,
                  "hash",
                  HASH,
                  "size",
                  COUNT,
                  "severity",
                  oneOf("low", "medium", "high", "critical"),
                  "captured",
                  COUNT,
                  "compressed",
                  BOOL),
          "purge",
              Map.of(
                  "type",
                  TEXT,
                  "signature",
                  SIG,
                  "timestamp",
                  COUNT,
                  "reason",
                  oneOf("timeout", "error", "abort", "panic")),
          "block", Map.of("type", TEXT, "source", v -> v instanceof String, "blockedUntil", COUNT));

  private AuditEntry() {}

  /** An integer in [0, 2^53 - 1] as JSON carries it (3.0 counts as 3). */
  private static boolean isCount(Object v) {
    if (!(v instanceof Number n)) return false;
    if (n instanceof BigInteger || n instanceof BigDecimal) {
      BigDecimal d = new BigDecimal(n.toString());
      return d.signum() >= 0
          && d.compareTo(BigDecimal.valueOf(MAX_SAFE)) <= 0
          && d.stripTrailingZeros().scale() <= 0;
    }
    double d = n.doubleValue();
    return d >= 0 && d <= MAX_SAFE && d == Math.rint(d);
  }

  /**
   * Returns the entry if it is exactly its type's schema; throws IllegalArgumentException naming
   * the first problem.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, ?> check(Object entry) {
    if (!(entry instanceof Map<?, ?> raw))
      throw new IllegalArgumentException("an audit entry is a JSON object");
    Map<String, ?> m = (Map<String, ?>) raw;
    Object type = m.get("type");
    Map<String, Predicate<Object>> schema = type instanceof String t ? SCHEMAS.get(t) : null;
    if (schema == null) throw new IllegalArgumentException("unknown audit entry type " + type);
    for (Object key : new TreeSet<>(m.keySet())) {
      if (!schema.containsKey(key))
        throw new IllegalArgumentException(
            "field \"" + key + "\" is not part of a " + type + " entry");
    }
    for (Map.Entry<String, Predicate<Object>> f : new java.util.TreeMap<>(schema).entrySet()) {
      if (!m.containsKey(f.getKey()))
        throw new IllegalArgumentException(type + " entry without \"" + f.getKey() + "\"");
      if (!f.getValue().test(m.get(f.getKey())))
        throw new IllegalArgumentException(type + " entry: \"" + f.getKey() + "\" is malformed");
    }
    return m;
  }
}
