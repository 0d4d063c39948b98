package snnc.sim.golden;

import snnc.ir.Population;
import snnc.ir.numerics.FixedPoint;
import snnc.ir.numerics.NeuronConstants;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.QFormat;
import snnc.ir.numerics.Rounding;

/**
 * IF_curr_exp in fixed point (docs/numerics.md): the six-step schedule on raw integers, with the
 * host constants of {@link NeuronConstants}. Ring entries are raw weight sums; step 5 shifts them
 * by the receptor's weight shift into the current format.
 */
final class FixedCurrExpGroup extends CellGroup {

  private final NumericsProfile profile;
  private final QFormat vf;
  private final QFormat cf;
  private final Rounding rounding;
  private final int decayShift;
  private final int propagatorShift;
  private final int shiftE;
  private final int shiftI;
  private final NeuronConstants c;
  private final long[] v;
  private final long[] ie;
  private final long[] ii;
  private final long[] refractoryLeft;

  FixedCurrExpGroup(Population p, double dt, NumericsProfile profile, int shiftE, int shiftI) {
    super(p);
    this.profile = profile;
    this.vf = profile.voltage();
    this.cf = profile.current();
    this.rounding = profile.rounding();
    this.decayShift = profile.decay().fracBits();
    this.propagatorShift = profile.propagatorShift();
    this.shiftE = shiftE;
    this.shiftI = shiftI;
    this.c = NeuronConstants.of(p, dt, profile);
    this.v = c.v0().clone();
    this.ie = c.ie0().clone();
    this.ii = c.ii0().clone();
    this.refractoryLeft = new long[size];
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      // Step 1: the down-counter form of n − lastSpike ≥ Rs.
      boolean active = refractoryLeft[i] == 0;
      if (!active) {
        refractoryLeft[i]--;
      }
      if (active) {
        // Step 2: each product rounded on its own, the sum exact, one saturation at the end.
        long d = FixedPoint.saturate(v[i] - c.vRest()[i], vf);
        long sum = c.vRest()[i]
            + FixedPoint.multiply(d, c.pm()[i], decayShift, rounding)
            + c.offset()[i]
            + FixedPoint.multiply(ie[i], c.p21e()[i], propagatorShift, rounding)
            - FixedPoint.multiply(ii[i], c.p21i()[i], propagatorShift, rounding);
        v[i] = FixedPoint.saturate(sum, vf);
      }
      // Step 3.
      ie[i] = FixedPoint.multiply(ie[i], c.pe()[i], decayShift, rounding);
      ii[i] = FixedPoint.multiply(ii[i], c.pi()[i], decayShift, rounding);
      // Step 4.
      if (active && v[i] > c.vThresh()[i]) {
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
      ie[i] = FixedPoint.saturate(ie[i] + (e << shiftE), cf);
      ii[i] = FixedPoint.saturate(ii[i] + (h << shiftI), cf);
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

  /** Raw state for tests: v, Ie, Ii of neuron i. */
  long[] rawState(int i) {
    return new long[] {v[i], ie[i], ii[i]};
  }
}
