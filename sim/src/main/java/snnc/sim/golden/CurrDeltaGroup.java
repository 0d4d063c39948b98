package snnc.sim.golden;

import java.util.Arrays;
import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/**
 * IF_curr_delta: exact leak integration; each input spike adds its weight (mV) to v in step 5, also
 * while the neuron is refractory (as Brian2 does), inhibitory weights by their magnitude subtracted.
 */
final class CurrDeltaGroup extends CellGroup {

  private final double[] v;
  private final double[] vRest;
  private final double[] pm;
  private final double[] offsetTerm;
  private final double[] vThresh;
  private final double[] vReset;
  private final int[] refractorySteps;
  private final long[] lastSpike;

  CurrDeltaGroup(Population p, double dt) {
    super(p);
    int n = size;
    v = ParamValues.initialV(p);
    vRest = ParamValues.orDefault(p, "v_rest");
    vThresh = ParamValues.orDefault(p, "v_thresh");
    vReset = ParamValues.orDefault(p, "v_reset");
    double[] cm = ParamValues.orDefault(p, "cm");
    double[] tauM = ParamValues.orDefault(p, "tau_m");
    double[] iOffset = ParamValues.orDefault(p, "i_offset");
    double[] tauRefrac = ParamValues.orDefault(p, "tau_refrac");
    pm = new double[n];
    offsetTerm = new double[n];
    refractorySteps = new int[n];
    for (int i = 0; i < n; i++) {
      pm[i] = Math.exp(-dt / tauM[i]);
      offsetTerm[i] = iOffset[i] * (tauM[i] / cm[i]) * (1.0 - pm[i]);
      refractorySteps[i] = Steps.refractorySteps(tauRefrac[i], dt);
    }
    lastSpike = new long[n];
    Arrays.fill(lastSpike, Long.MIN_VALUE / 4);
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      boolean active = n - lastSpike[i] >= refractorySteps[i];
      if (active) {
        double vi = vRest[i] + (v[i] - vRest[i]) * pm[i] + offsetTerm[i];
        v[i] = vi;
        if (vi > vThresh[i]) {
          lastSpike[i] = n;
          spikes.add(i);
        }
      }
    }
  }

  @Override
  void receive(long n, int from, int to, IndexList spiked) {
    int base = ring.slotBase(n);
    double[] exc = ring.exc;
    double[] inh = ring.inh;
    for (int i = from; i < to; i++) {
      v[i] = v[i] + exc[base + i] - inh[base + i];
    }
    ring.clear(n, from, to);
    for (int k = 0; k < spiked.size(); k++) {
      int i = spiked.get(k);
      v[i] = vReset[i];
    }
  }

  @Override
  double v(int i) {
    return v[i];
  }
}
