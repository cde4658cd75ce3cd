package dev.tracehound.kernel;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TH-CJSON-1 (docs/spec/canonical-encoding.md): v1's sorted-key {@code JSON.stringify}, byte for
 * byte.
 *
 * <p>JSON values in Java: {@code null}, {@link Boolean}, {@link CharSequence}, {@link Number}
 * (every number is the IEEE-754 double it rounds to, as in JavaScript), {@link Map} with String
 * keys, {@link Iterable} and arrays. Anything else, NaN and ±Infinity are refused with a {@link
 * CanonicalJsonException}, and so is nesting deeper than {@link #MAX_DEPTH} levels ({@link
 * CanonicalJsonException#tooDeep()}): the recursion stops there, far from the stack's end.
 */
public final class CanonicalJson {
  private static final long MAX_ARRAY_INDEX = 4294967294L;

  /** TH-CJSON-1's one structural limit (a scalar at the top is depth 0, {@code []} is 1). */
  public static final int MAX_DEPTH = 512;

  static final String TOO_DEEP = "nesting deeper than " + MAX_DEPTH + " levels";

  /** Array-index keys numerically first, then UTF-16 code-unit order (String.compareTo). */
  public static final Comparator<String> KEY_ORDER =
      (a, b) -> {
        boolean ai = isArrayIndexKey(a);
        boolean bi = isArrayIndexKey(b);
        if (ai && bi) return Long.compare(Long.parseLong(a), Long.parseLong(b));
        if (ai != bi) return ai ? -1 : 1;
        return a.compareTo(b);
      };

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes. */
  public static byte[] bytes(Object value) {
    return encode(value).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical text; every lone surrogate is escaped, so its UTF-8 encoding is exact. */
  public static String encode(Object value) {
    StringBuilder out = new StringBuilder();
    try {
      write(out, value, new ArrayList<>());
    } catch (Refusal r) {
      if (r.tooDeep) throw new CanonicalJsonException(r.reason, "root", true);
      StringBuilder path = new StringBuilder("root");
      for (int i = r.segments.size() - 1; i >= 0; i--) path.append(r.segments.get(i));
      throw new CanonicalJsonException(r.reason, path.toString());
    }
    return out.toString();
  }

  /** A decimal integer 0..2^32-2 without leading zeros: JavaScript orders such keys first. */
  public static boolean isArrayIndexKey(String key) {
    int len = key.length();
    if (len == 0 || len > 10) return false;
    char first = key.charAt(0);
    if (first < '0' || first > '9' || (first == '0' && len > 1)) return false;
    for (int i = 1; i < len; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return len < 10 || Long.parseLong(key) <= MAX_ARRAY_INDEX;
  }

  /** A JSON number's double, as JavaScript would hold it. */
  public static double toDouble(Number n) {
    if (n instanceof BigInteger || n instanceof BigDecimal) return Double.parseDouble(n.toString());
    return n.doubleValue(); // long → double rounds to nearest, as JavaScript does
  }

  /**
   * JSON.stringify of a string: the short escapes, \\u00xx for other controls and lone surrogates.
   */
  public static void writeString(StringBuilder out, CharSequence s) {
    out.append('"');
    int len = s.length();
    int run = 0; // start of the pending run of characters that need no escape
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) continue;
      out.append(s, run, i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < len
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else {
            unicodeEscape(out, c); // other controls and lone surrogates
          }
        }
      }
      run = i + 1;
    }
    out.append(s, run, len).append('"');
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    String hex = Integer.toHexString(c);
    out.append("\\u");
    for (int i = hex.length(); i < 4; i++) out.append('0');
    out.append(hex);
  }

  /**
   * Internal and cheap (no stack trace): the path is collected while unwinding, off the hot path.
   */
  private static final class Refusal extends RuntimeException {
    final String reason;
    final boolean tooDeep;
    final List<String> segments = new ArrayList<>();

    Refusal(String reason) {
      this(reason, false);
    }

    Refusal(String reason, boolean tooDeep) {
      super(reason, null, false, false);
      this.reason = reason;
      this.tooDeep = tooDeep;
    }
  }

  /**
   * One level deeper: {@code open} holds the containers being written, outermost first. Past
   * MAX_DEPTH the value is refused; only then is it worth looking for a cycle, which is not JSON.
   */
  private static void enter(List<Object> open, Object container) {
    if (open.size() >= MAX_DEPTH) {
      Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Object o : open) if (!seen.add(o)) throw new Refusal("circular value");
      throw seen.contains(container) ? new Refusal("circular value") : new Refusal(TOO_DEEP, true);
    }
    open.add(container);
  }

  private static void write(StringBuilder out, Object value, List<Object> open) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof CharSequence s) {
      writeString(out, s);
    } else if (value instanceof Number n) {
      double d = toDouble(n);
      if (Double.isNaN(d)) throw new Refusal("NaN is not allowed");
      if (Double.isInfinite(d)) throw new Refusal("Infinity is not allowed");
      EcmaNumber.append(out, d);
    } else if (value instanceof Map<?, ?> map) {
      enter(open, map);
      writeObject(out, map, open);
      open.remove(open.size() - 1);
    } else if (value instanceof Iterable<?> items) {
      enter(open, items);
      out.append('[');
      int i = 0;
      for (Object item : items) {
        if (i > 0) out.append(',');
        element(out, item, i++, open);
      }
      out.append(']');
      open.remove(open.size() - 1);
    } else if (value.getClass().isArray()) {
      enter(open, value);
      out.append('[');
      int len = Array.getLength(value);
      for (int i = 0; i < len; i++) {
        if (i > 0) out.append(',');
        element(out, Array.get(value, i), i, open);
      }
      out.append(']');
      open.remove(open.size() - 1);
    } else {
      throw new Refusal(value.getClass().getName() + " is not a JSON value");
    }
  }

  private static void element(StringBuilder out, Object item, int index, List<Object> open) {
    try {
      write(out, item, open);
    } catch (Refusal r) {
      r.segments.add("[" + index + "]");
      throw r;
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, List<Object> open) {
    List<String> keys = new ArrayList<>(map.size());
    for (Object k : map.keySet()) {
      if (!(k instanceof String s)) throw new Refusal("object keys must be strings, not " + k);
      keys.add(s);
    }
    Collections.sort(keys, KEY_ORDER);
    out.append('{');
    boolean first = true;
    for (String k : keys) {
      if (!first) out.append(',');
      first = false;
      writeString(out, k);
      out.append(':');
      try {
        write(out, map.get(k), open);
      } catch (Refusal r) {
        r.segments.add("." + k);
        throw r;
      }
    }
    out.append('}');
  }
}
