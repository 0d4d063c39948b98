package snnc.sim.golden;

import snnc.ir.Population;
import snnc.ir.numerics.FixedPoint;
import snnc.ir.numerics.NeuronConstants;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.QFormat;
import snnc.ir.numerics.Rounding;

/**
 * IF_curr_delta in fixed point (docs/numerics.md): leak and constant input as for IF_curr_exp;
 * step 5 adds the shifted ring sums to v (also while refractory), one saturation.
 */
final class FixedCurrDeltaGroup extends CellGroup {

  private final NumericsProfile profile;
  private final QFormat vf;
  private final Rounding rounding;
  private final int decayShift;
  private final int shiftE;
  private final int shiftI;
  private final NeuronConstants c;
  private final long[] v;
  private final long[] refractoryLeft;

  FixedCurrDeltaGroup(Population p, double dt, NumericsProfile profile, int shiftE, int shiftI) {
    super(p);
    this.profile = profile;
    this.vf = profile.voltage();
    this.rounding = profile.rounding();
    this.decayShift = profile.decay().fracBits();
    this.shiftE = shiftE;
    this.shiftI = shiftI;
    this.c = NeuronConstants.of(p, dt, profile);
    this.v = c.v0().clone();
    this.refractoryLeft = new long[size];
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      boolean active = refractoryLeft[i] == 0;
      if (!active) {
        refractoryLeft[i]--;
        continue;
      }
      long d = FixedPoint.saturate(v[i] - c.vRest()[i], vf);
      long sum = c.vRest()[i] + FixedPoint.multiply(d, c.pm()[i], decayShift, rounding)
          + c.offset()[i];
      v[i] = FixedPoint.saturate(sum, vf);
      if (v[i] > c.vThresh()[i]) {
        refractoryLeft[i] = Math.max(0, c.refractorySteps()[i] - 1);
        spikes.add(i);
      }
    }
  }

  @Override
  void receive(long n, int from, int to, IndexList spiked) {
    int base = ring.slotBase(n);
    double[] exc = ring.exc;
    double[] inh = ring.inh;
    for (int i = from; i < to; i++) {
      long e = (long) exc[base + i];
      long h = (long) inh[base + i];
      v[i] = FixedPoint.saturate(v[i] + (e << shiftE) - (h << shiftI), vf);
    }
    ring.clear(n, from, to);
    for (int k = 0; k < spiked.size(); k++) {
      int i = spiked.get(k);
      v[i] = c.vReset()[i];
    }
  }

  @Override
  double ringLimit() {
    return profile.ringMaxRaw();
  }

  @Override
  double v(int i) {
    return vf.toReal(v[i]);
  }
}
