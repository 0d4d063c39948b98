package snnc.sim.golden;

import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.StdpConstants;

/**
 * The pair rule with additive weight dependence in fixed point (docs/numerics.md, "STDP"): traces
 * in the profile's trace format decayed by look-up table, weights as raw words of the projection's
 * shift, w ← clamp(w ± round(trace·A·w_max), w_min, w_max).
 */
final class FixedStdp implements StdpArithmetic {

  private final StdpConstants c;
  private final NumericsProfile profile;

  FixedStdp(StdpConstants constants, NumericsProfile profile) {
    this.c = constants;
    this.profile = profile;
  }

  @Override
  public double decayPre(double x, long steps) {
    return StdpConstants.decay((long) x, steps, c.lutPlus(), profile);
  }

  @Override
  public double decayPost(double y, long steps) {
    return StdpConstants.decay((long) y, steps, c.lutMinus(), profile);
  }

  @Override
  public double bump(double trace) {
    return StdpConstants.bump((long) trace, profile);
  }

  @Override
  public double depress(double w, double postTrace) {
    long dw = StdpConstants.step((long) postTrace, c.aMinusRaw(), profile);
    return clamp((long) w - dw);
  }

  @Override
  public double potentiate(double w, double preTrace) {
    long dw = StdpConstants.step((long) preTrace, c.aPlusRaw(), profile);
    return clamp((long) w + dw);
  }

  private long clamp(long w) {
    return Math.max(c.wMinRaw(), Math.min(c.wMaxRaw(), w));
  }
}
