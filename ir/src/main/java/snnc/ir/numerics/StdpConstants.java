package snnc.ir.numerics;

import java.util.Arrays;
import snnc.ir.SynapseDynamics;

/**
 * The host-computed constants of a pair-rule STDP projection with additive weight dependence in
 * fixed point (docs/numerics.md, "STDP"). Weights are raw magnitudes in the projection's weight
 * shift; traces are in the profile's trace format (1.0 = 2^trace.frac).
 *
 * @param lutPlus lutPlus[k] = exp(−k·dt/τ+) in the decay format for 1 ≤ k &lt; length; a trace
 *     last updated k ≥ length steps ago is 0; k = 0 leaves it unchanged ([0] is unused)
 * @param lutMinus the same for τ−
 * @param aPlusRaw A+·w_max in raw weight units, stdpRate format
 * @param aMinusRaw A−·w_max in raw weight units, stdpRate format
 * @param wMinRaw w_min as a raw weight
 * @param wMaxRaw w_max as a raw weight
 */
public record StdpConstants(long[] lutPlus, long[] lutMinus, long aPlusRaw, long aMinusRaw,
    long wMinRaw, long wMaxRaw) {

  /** The longest decay table a profile allows (entries). */
  public static final int MAX_LUT = 1 << 16;

  /**
   * Computes the constants; throws {@link IllegalArgumentException} for what the quantiser reports
   * as an error (multiplicative dependence, a table longer than {@link #MAX_LUT}, rates beyond the
   * rate format).
   *
   * @param shift the weight shift of the projection's (post population, receptor)
   * @param weightFormat the state format weights add into (current for IF_curr_exp)
   */
  public static StdpConstants of(SynapseDynamics.Stdp stdp, double dtMs, int shift,
      QFormat weightFormat, NumericsProfile profile) {
    if (!(stdp.weightDependence() instanceof SynapseDynamics.Additive)) {
      throw new IllegalArgumentException(stdp.weightDependence().kind()
          + " weight dependence has no fixed-point form (additive only)");
    }
    double scale = Math.scalb(1.0, weightFormat.fracBits() - shift);
    SynapseDynamics.PairRule t = stdp.timing();
    double wMax = stdp.weightDependence().wMax();
    double wMin = stdp.weightDependence().wMin();
    long aPlus = FixedPoint.encode(t.aPlus() * wMax * scale, profile.stdpRate().fracBits());
    long aMinus = FixedPoint.encode(t.aMinus() * wMax * scale, profile.stdpRate().fracBits());
    if (!profile.stdpRate().contains(aPlus) || !profile.stdpRate().contains(aMinus)) {
      throw new IllegalArgumentException("A·w_max does not fit " + profile.stdpRate());
    }
    long wMinRaw = FixedPoint.encode(wMin * scale, 0);
    long wMaxRaw = FixedPoint.encode(wMax * scale, 0);
    if (wMinRaw < 0 || wMaxRaw > profile.weightMaxRaw()) {
      throw new IllegalArgumentException("w_min/w_max do not fit the weight word");
    }
    return new StdpConstants(lut(dtMs, t.tauPlusMs(), profile), lut(dtMs, t.tauMinusMs(), profile),
        aPlus, aMinus, wMinRaw, wMaxRaw);
  }

  /** exp(−k·dt/τ) for k = 1 … until the entry rounds to 0 (exclusive). */
  static long[] lut(double dtMs, double tauMs, NumericsProfile profile) {
    int frac = profile.decay().fracBits();
    long[] table = new long[64];
    int k = 1;
    while (true) {
      long e = FixedPoint.decayFactor(k * dtMs, tauMs, frac);
      if (e == 0) {
        break;
      }
      if (k >= MAX_LUT) {
        throw new IllegalArgumentException("STDP time constant " + tauMs + " ms needs a decay "
            + "table of more than " + MAX_LUT + " entries");
      }
      if (k == table.length) {
        table = Arrays.copyOf(table, k * 2);
      }
      table[k++] = e;
    }
    table[0] = (1L << frac) - 1;
    return Arrays.copyOf(table, k);
  }

  /** A trace x (trace format) decayed over k ≥ 0 steps with {@code lut}. */
  public static long decay(long x, long k, long[] lut, NumericsProfile profile) {
    if (k == 0) {
      return x;
    }
    if (k >= lut.length) {
      return 0;
    }
    return FixedPoint.multiply(x, lut[(int) k], profile.decay().fracBits(), profile.rounding());
  }

  /** A trace plus one spike, saturating. */
  public static long bump(long x, NumericsProfile profile) {
    return Math.min(profile.trace().maxRaw(), x + (1L << profile.trace().fracBits()));
  }

  /** The weight change trace·rate in raw weight units (rounded by the profile). */
  public static long step(long trace, long rateRaw, NumericsProfile profile) {
    return FixedPoint.multiply(trace, rateRaw,
        profile.trace().fracBits() + profile.stdpRate().fracBits(), profile.rounding());
  }
}
