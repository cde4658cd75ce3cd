package dev.tracehound.kernel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript Number::toString(x) for finite doubles (ECMA-262 §6.1.6.1.20), as TH-CJSON-1 writes
 * numbers. Java's Double.toString differs ("1.0", "1.0E21", "1.0E-7") and on Java 17 is not always
 * the shortest round-trip form, so the digits are derived here: the fewest significant digits that
 * parse back to the same double, the closest such decimal when two qualify, the even one on a tie.
 */
public final class EcmaNumber {
  private static final double EXACT_LONG_LIMIT = 9007199254740992.0; // 2^53

  private EcmaNumber() {}

  /** Throws IllegalArgumentException for NaN and ±Infinity, which JSON cannot carry. */
  public static String toString(double value) {
    if (Double.isNaN(value)) throw new IllegalArgumentException("NaN is not allowed");
    if (Double.isInfinite(value)) throw new IllegalArgumentException("Infinity is not allowed");
    if (value == 0) return "0"; // also -0
    if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG_LIMIT) return Long.toString((long) value);
    StringBuilder out = new StringBuilder(24);
    if (value < 0) out.append('-');
    BigDecimal shortest = shortestDecimal(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = 0.d1…dk × 10^n
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = 0; i < n - k; i++) out.append('0');
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = 0; i < -n; i++) out.append('0');
      out.append(digits);
    } else {
      int e = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) out.append('.').append(digits, 1, k);
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return out.toString();
  }

  /** The shortest decimal (trailing zeros stripped) that reads back as {@code a} (a > 0, finite). */
  static BigDecimal shortestDecimal(double a) {
    BigDecimal exact = new BigDecimal(a);
    for (int p = 1; p <= 17; p++) {
      BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean loOk = Double.parseDouble(lo.toString()) == a;
      boolean hiOk = Double.parseDouble(hi.toString()) == a;
      if (!loOk && !hiOk) continue;
      BigDecimal pick;
      if (loOk && hiOk && lo.compareTo(hi) != 0) {
        int c = exact.subtract(lo).compareTo(hi.subtract(exact));
        if (c < 0) pick = lo;
        else if (c > 0) pick = hi;
        else pick = lo.unscaledValue().testBit(0) ? hi : lo;
      } else {
        pick = loOk ? lo : hi;
      }
      return pick.stripTrailingZeros();
    }
    // Unreachable: 17 significant digits always round-trip a double.
    return new BigDecimal(Double.toString(a)).stripTrailingZeros();
  }
}
