package snnc.sim.golden;

import java.util.Arrays;
import snnc.ir.Population;

/**
 * IF_curr_exp with exact integration (the propagators of the package documentation). The
 * inhibitory current {@code ii} is held as a magnitude and subtracted.
 */
final class CurrExpGroup extends CellGroup {

  private final double[] v;
  private final double[] ie;
  private final double[] ii;
  private final double[] vRest;
  private final double[] pm;
  private final double[] offsetTerm;
  private final double[] p21e;
  private final double[] p21i;
  private final double[] pe;
  private final double[] pi;
  private final double[] vThresh;
  private final double[] vReset;
  private final int[] refractorySteps;
  private final long[] lastSpike;

  CurrExpGroup(Population p, double dt) {
    super(p);
    int n = size;
    v = PopulationParams.initialV(p);
    ie = PopulationParams.values(p, "isyn_exc");
    ii = PopulationParams.values(p, "isyn_inh");
    for (int i = 0; i < n; i++) {
      ii[i] = Math.abs(ii[i]);
    }
    vRest = PopulationParams.values(p, "v_rest");
    vThresh = PopulationParams.values(p, "v_thresh");
    vReset = PopulationParams.values(p, "v_reset");
    double[] cm = PopulationParams.values(p, "cm");
    double[] tauM = PopulationParams.values(p, "tau_m");
    double[] tauE = PopulationParams.values(p, "tau_syn_E");
    double[] tauI = PopulationParams.values(p, "tau_syn_I");
    double[] iOffset = PopulationParams.values(p, "i_offset");
    double[] tauRefrac = PopulationParams.values(p, "tau_refrac");
    pm = new double[n];
    offsetTerm = new double[n];
    p21e = new double[n];
    p21i = new double[n];
    pe = new double[n];
    pi = new double[n];
    refractorySteps = new int[n];
    for (int i = 0; i < n; i++) {
      pm[i] = Math.exp(-dt / tauM[i]);
      pe[i] = Math.exp(-dt / tauE[i]);
      pi[i] = Math.exp(-dt / tauI[i]);
      double r = tauM[i] / cm[i];
      offsetTerm[i] = iOffset[i] * r * (1.0 - pm[i]);
      p21e[i] = p21(tauM[i], tauE[i], cm[i], pm[i], pe[i], dt);
      p21i[i] = p21(tauM[i], tauI[i], cm[i], pm[i], pi[i], dt);
      refractorySteps[i] = Steps.refractorySteps(tauRefrac[i], dt);
    }
    lastSpike = new long[n];
    Arrays.fill(lastSpike, Long.MIN_VALUE / 4);
  }

  /** The propagator from synaptic current to voltage; {@code dt/cm·Pm} when τsyn = τm exactly. */
  static double p21(double tauM, double tauSyn, double cm, double pm, double ps, double dt) {
    if (tauSyn == tauM) {
      return dt / cm * pm;
    }
    return tauM * tauSyn / (cm * (tauM - tauSyn)) * (pm - ps);
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      boolean active = n - lastSpike[i] >= refractorySteps[i];
      double vi = v[i];
      if (active) {
        vi = vRest[i] + (vi - vRest[i]) * pm[i] + offsetTerm[i] + ie[i] * p21e[i]
            - ii[i] * p21i[i];
        v[i] = vi;
      }
      ie[i] *= pe[i];
      ii[i] *= pi[i];
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
      ie[i] += exc[base + i];
      ii[i] += inh[base + i];
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
