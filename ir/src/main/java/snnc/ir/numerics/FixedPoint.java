package snnc.ir.numerics;

/**
 * The integer operations of the fixed-point semantics (docs/numerics.md), shared by the golden
 * simulator and the host side of every backend, so there is one definition of each rounding and
 * saturation.
 */
public final class FixedPoint {

  private FixedPoint() {}

  /**
   * a·b·2^−shift rounded by {@code rounding}: the exact 64-bit product, then one rounding. The
   * profile guarantees the operands' magnitudes fit the product into 63 bits; overflow here is an
   * internal bug and throws.
   */
  public static long multiply(long a, long b, int shift, Rounding rounding) {
    return rounding.shiftRight(Math.multiplyExact(a, b), shift);
  }

  /** x clamped to the range of {@code format}. */
  public static long saturate(long x, QFormat format) {
    return Math.max(format.minRaw(), Math.min(format.maxRaw(), x));
  }

  /** x clamped to [0, 2^bits − 1]. */
  public static long saturateUnsigned(long x, int bits) {
    return Math.max(0, Math.min((1L << bits) - 1, x));
  }

  /**
   * The host's conversion of a real value to a raw integer with {@code fracBits} fractional bits:
   * round to nearest, ties away from zero, on the exact product x·2^fracBits (scaling by a power of
   * two is exact in double precision). Values whose raw form needs more than 62 bits, and NaN,
   * return {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE}, which no format contains.
   */
  public static long encode(double x, int fracBits) {
    if (Double.isNaN(x)) {
      return Long.MAX_VALUE;
    }
    double y = Math.scalb(x, fracBits);
    if (Math.abs(y) >= 0x1p62) {
      return y > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    long magnitude = (long) Math.floor(Math.abs(y) + 0.5);
    return y < 0 ? -magnitude : magnitude;
  }

  /**
   * A decay factor exp(−dt/τ) as an unsigned fraction with {@code fracBits} bits: computed with
   * {@link StrictMath#exp} (bit-identical on every JVM), encoded by {@link #encode}, and clamped to
   * at most 2^fracBits − 1 so that it stays below one.
   */
  public static long decayFactor(double dtMs, double tauMs, int fracBits) {
    double p = StrictMath.exp(-dtMs / tauMs);
    return Math.min((1L << fracBits) - 1, encode(p, fracBits));
  }
}
