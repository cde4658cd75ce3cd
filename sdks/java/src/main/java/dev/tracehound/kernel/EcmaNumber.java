package dev.tracehound.kernel;

import java.math.BigInteger;

/**
 * ECMAScript Number::toString(x) for finite doubles (ECMA-262 §6.1.6.1.20), as TH-CJSON-1 writes
 * numbers. Java 17's Double.toString is neither in this form ("1.0", "1.0E21") nor always the
 * shortest, so the digits come from Schubfach (R. Giulietti, "The Schubfach way to render doubles",
 * 2020): the fewest significant digits that read back as the same double, the closest such decimal
 * when several qualify, the even one on a tie. One deviation from the paper: it keeps at least two
 * digits for the tiniest subnormals, ECMAScript wants one ("5e-324").
 */
public final class EcmaNumber {
  private static final double EXACT_LONG_LIMIT = 9007199254740992.0; // 2^53
  private static final int P = 53; // precision in bits
  private static final int Q_MIN = -1074; // exponent of the least subnormal
  private static final long C_MIN = 1L << (P - 1);
  private static final long C_TINY = 3; // subnormals below this get one more decimal digit
  private static final int K_MIN = -324;
  private static final int K_MAX = 292;
  private static final long MASK_63 = (1L << 63) - 1;

  /**
   * g(k) = floor(10^-k 2^-r) + 1 with r chosen so that 2^125 <= g < 2^126, split as g1 2^63 + g0.
   */
  private static final long[] G = powersOfTen();

  private EcmaNumber() {}

  /** Throws IllegalArgumentException for NaN and ±Infinity, which JSON cannot carry. */
  public static String toString(double value) {
    StringBuilder out = new StringBuilder(24);
    append(out, value);
    return out.toString();
  }

  /**
   * Appends Number::toString(value) to out; throws IllegalArgumentException for NaN and ±Infinity.
   */
  public static void append(StringBuilder out, double value) {
    if (Double.isNaN(value)) throw new IllegalArgumentException("NaN is not allowed");
    if (Double.isInfinite(value)) throw new IllegalArgumentException("Infinity is not allowed");
    if (value == 0) {
      out.append('0'); // also -0
      return;
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG_LIMIT) {
      out.append((long) value);
      return;
    }
    if (value < 0) out.append('-');
    long bits = Double.doubleToRawLongBits(value);
    long t = bits & (C_MIN - 1);
    int bq = (int) (bits >>> (P - 1)) & 0x7ff;
    if (bq != 0) shortest(out, -Q_MIN + 1 - bq, C_MIN | t, 0);
    else if (t < C_TINY) shortest(out, -Q_MIN, 10 * t, -1);
    else shortest(out, -Q_MIN, t, 0);
  }

  /** Shortest digits for c 2^-mq (c scaled by 10^-dk), written into out. */
  private static void shortest(StringBuilder out, int mq, long c, int dk) {
    int q = -mq;
    boolean even = (c & 1) == 0;
    long out1 = even ? 0 : 1; // an odd significand excludes the interval's ends (round half even)
    long cb = c << 2;
    long cbr = cb + 2;
    long cbl;
    int k;
    if (c != C_MIN || q == Q_MIN) {
      cbl = cb - 2;
      k = flog10pow2(q);
    } else {
      cbl = cb - 1; // at a power of two the gap below is half the gap above
      k = flog10threeQuartersPow2(q);
    }
    int h = q + flog2pow10(-k) + 2;
    long g1 = G[2 * (k - K_MIN)];
    long g0 = G[2 * (k - K_MIN) + 1];
    long vb = rop(g1, g0, cb << h);
    long vbl = rop(g1, g0, cbl << h);
    long vbr = rop(g1, g0, cbr << h);
    long s = vb >> 2;
    if (s >= 10) {
      // A decimal one digit shorter (a multiple of 10) inside the rounding interval wins.
      long sp10 = s / 10 * 10;
      long tp10 = sp10 + 10;
      boolean upin = vbl + out1 <= sp10 << 2;
      boolean wpin = (tp10 << 2) + out1 <= vbr;
      if (upin && wpin) {
        format(out, closest(vb, sp10, tp10, 10), k + dk);
        return;
      }
      if (upin || wpin) {
        format(out, upin ? sp10 : tp10, k + dk);
        return;
      }
    }
    long tt = s + 1;
    boolean uin = vbl + out1 <= s << 2;
    boolean win = (tt << 2) + out1 <= vbr;
    format(out, uin != win ? (uin ? s : tt) : closest(vb, s, tt, 1), k + dk);
  }

  /**
   * Of lo and hi = lo + step, the one nearer to vb/4; on a tie the one whose last digit is even.
   */
  private static long closest(long vb, long lo, long hi, long step) {
    long cmp = vb - ((lo + hi) << 1);
    return cmp < 0 || cmp == 0 && ((lo / step) & 1) == 0 ? lo : hi;
  }

  /** Round-to-odd of g cp / 2^127, the scaled value with a sticky bit. */
  private static long rop(long g1, long g0, long cp) {
    long x1 = Math.multiplyHigh(g0, cp);
    long y0 = g1 * cp;
    long y1 = Math.multiplyHigh(g1, cp);
    long z = (y0 >>> 1) + x1;
    long vbp = y1 + (z >>> 63);
    return vbp | (((z & MASK_63) + MASK_63) >>> 63);
  }

  /** floor(e log10 2), exact for |e| <= 5456721. */
  private static int flog10pow2(int e) {
    return (int) (e * 661_971_961_083L >> 41);
  }

  /** floor(e log10 2 + log10 3/4), exact for |e| <= 5456721. */
  private static int flog10threeQuartersPow2(int e) {
    return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
  }

  /** floor(e log2 10), exact for |e| <= 1838394. */
  private static int flog2pow10(int e) {
    return (int) (e * 913_124_641_741L >> 38);
  }

  /** Writes f 10^e in Number::toString notation; f > 0 may carry trailing zeros. */
  private static void format(StringBuilder out, long f, int e) {
    while (f % 10 == 0) {
      f /= 10;
      e++;
    }
    String digits = Long.toString(f);
    int k = digits.length();
    int n = k + e; // value = 0.d1…dk × 10^n
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
      int exp = n - 1;
      out.append(digits.charAt(0));
      if (k > 1) out.append('.').append(digits, 1, k);
      out.append('e').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
    }
  }

  /** The g(k) table, computed once (about a millisecond) rather than shipped as 1,234 literals. */
  private static long[] powersOfTen() {
    long[] g = new long[2 * (K_MAX - K_MIN + 1)];
    BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
    for (int k = K_MIN; k <= K_MAX; k++) {
      int r = flog2pow10(-k) - 125;
      // floor(10^-k 2^-r): numerator and denominator are integers whichever signs k and r have.
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      if (k <= 0) num = num.multiply(BigInteger.TEN.pow(-k));
      else den = den.multiply(BigInteger.TEN.pow(k));
      if (r <= 0) num = num.shiftLeft(-r);
      else den = den.shiftLeft(r);
      BigInteger v = num.divide(den).add(BigInteger.ONE);
      g[2 * (k - K_MIN)] = v.shiftRight(63).longValueExact();
      g[2 * (k - K_MIN) + 1] = v.and(mask63).longValue();
    }
    return g;
  }
}
