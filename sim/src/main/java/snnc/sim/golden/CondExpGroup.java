package snnc.sim.golden;

import java.util.Arrays;
import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/**
 * IF_cond_exp integrated with forward Euler, as Brian2 integrates PyNN's conductance-based model
 * (its equations are not linear in v and g together). With old values on the right:
 *
 * <pre>
 * if not refractory: v ← v + dt·((v_rest − v)/τm + (ge·(e_rev_E − v) + gi·(e_rev_I − v) + i_offset)/cm)
 * always:            ge ← ge + dt·(−ge/τsynE),  gi ← gi + dt·(−gi/τsynI)
 * </pre>
 *
 * Threshold, refractoriness and reset follow the common schedule; input adds to ge and gi (µS, the
 * inhibitory weight by its magnitude). Use dt ≤ 0.1 ms for accuracy.
 */
final class CondExpGroup extends CellGroup {

  private final double dt;
  private final double[] v;
  private final double[] ge;
  private final double[] gi;
  private final double[] vRest;
  private final double[] tauM;
  private final double[] cm;
  private final double[] iOffset;
  private final double[] eRevE;
  private final double[] eRevI;
  private final double[] tauE;
  private final double[] tauI;
  private final double[] vThresh;
  private final double[] vReset;
  private final int[] refractorySteps;
  private final long[] lastSpike;

  CondExpGroup(Population p, double dt) {
    super(p);
    this.dt = dt;
    v = ParamValues.initialV(p);
    ge = ParamValues.orDefault(p, "gsyn_exc");
    gi = ParamValues.orDefault(p, "gsyn_inh");
    vRest = ParamValues.orDefault(p, "v_rest");
    tauM = ParamValues.orDefault(p, "tau_m");
    cm = ParamValues.orDefault(p, "cm");
    iOffset = ParamValues.orDefault(p, "i_offset");
    eRevE = ParamValues.orDefault(p, "e_rev_E");
    eRevI = ParamValues.orDefault(p, "e_rev_I");
    tauE = ParamValues.orDefault(p, "tau_syn_E");
    tauI = ParamValues.orDefault(p, "tau_syn_I");
    vThresh = ParamValues.orDefault(p, "v_thresh");
    vReset = ParamValues.orDefault(p, "v_reset");
    double[] tauRefrac = ParamValues.orDefault(p, "tau_refrac");
    refractorySteps = new int[size];
    for (int i = 0; i < size; i++) {
      refractorySteps[i] = Steps.refractorySteps(tauRefrac[i], dt);
    }
    lastSpike = new long[size];
    Arrays.fill(lastSpike, Long.MIN_VALUE / 4);
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      boolean active = n - lastSpike[i] >= refractorySteps[i];
      double vi = v[i];
      if (active) {
        double dv = (vRest[i] - vi) / tauM[i]
            + (ge[i] * (eRevE[i] - vi) + gi[i] * (eRevI[i] - vi) + iOffset[i]) / cm[i];
        vi = vi + dt * dv;
        v[i] = vi;
      }
      ge[i] = ge[i] + dt * (-ge[i] / tauE[i]);
      gi[i] = gi[i] + dt * (-gi[i] / tauI[i]);
      if (active && vi > vThresh[i]) {
        lastSpike[i] = n;
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
      ge[i] += exc[base + i];
      gi[i] += inh[base + i];
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
