package snnc.ir.numerics;

/**
 * How a target drops the low bits of a product: {@code shiftRight(p, s)} is p·2^−s rounded to an
 * integer. Both modes are a single adder (or none) in front of an arithmetic shift, on an ARM968
 * ({@code SMULL}, then {@code ADDS}/{@code ADC} of the rounding constant on the 64-bit pair, then the
 * shift) and in RTL alike.
 */
public enum Rounding {
  /**
   * Round to nearest, ties toward +∞: {@code (p + 2^(s−1)) >> s} with an arithmetic shift, i.e.
   * floor(p·2^−s + 1/2). −2.5 → −2, −3.5 → −3, 2.5 → 3. Unbiased but for ties, so a decaying
   * value does not drift down; the price is two extra ARM instructions per multiply.
   */
  HALF_UP,
  /** Truncation toward −∞: {@code p >> s} (arithmetic shift), i.e. floor(p·2^−s). Free, biased. */
  FLOOR;

  /** p·2^−s rounded by this mode; s in [0, 62]. */
  public long shiftRight(long p, int s) {
    if (s < 0 || s > 62) {
      throw new IllegalArgumentException("shift out of range: " + s);
    }
    if (s == 0) {
      return p;
    }
    return switch (this) {
      case HALF_UP -> Math.addExact(p, 1L << (s - 1)) >> s;
      case FLOOR -> p >> s;
    };
  }

  /** The profile-file name: {@code half-up} or {@code floor}. */
  public String label() {
    return this == HALF_UP ? "half-up" : "floor";
  }
}
