package snnc.sim.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Network;
import snnc.ir.Receptor;
import snnc.ir.SynapseDynamics;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;

/**
 * The deterministic networks checked against Brian2 (bench/reference/expected/NAME). Their
 * construction uses a fixed-seed generator only to write explicit lists; the lists, and so the
 * networks, are the same on every run.
 */
final class ReferenceNetworks {

  private ReferenceNetworks() {}

  static Map<String, Supplier<Network>> all() {
    Map<String, Supplier<Network>> cases = new LinkedHashMap<>();
    cases.put("chain_dt1", () -> chain("chain_dt1", 1.0));
    cases.put("chain_dt01", () -> chain("chain_dt01", 0.1));
    cases.put("recurrent_dt01", ReferenceNetworks::recurrent);
    return cases;
  }

  /**
   * A feed-forward chain: 8 spike sources → 30 → 30 → 12 IF_curr_exp neurons with heterogeneous
   * parameters, excitatory and inhibitory from-list projections with heterogeneous delays
   * (including half-step ties such as 2.5 ms at dt = 1 ms, which round to even).
   */
  static Network chain(String name, double dt) {
    SplittableRandom rng = new SplittableRandom(20240611L);
    double[][] times = new double[8][];
    for (int i = 0; i < times.length; i++) {
      List<Double> t = new ArrayList<>();
      for (double x = 5 + 3 * i; x < 260; x += 15 + rng.nextInt(30)) {
        t.add(Math.round(x * 10) / 10.0);
      }
      times[i] = t.stream().mapToDouble(Double::doubleValue).toArray();
    }
    Nets n = new Nets(name, dt, 300).sourceArray("input", times);
    layer(n, "l1", 30, rng);
    layer(n, "l2", 30, rng);
    layer(n, "l3", 12, rng);
    double[] delayChoices = {1.0, 1.5, 2.0, 2.5, 3.0, 3.7, 4.5, 6.25, 8.0, 11.5};
    randomList(n, "input->l1", "input", "l1", 8, 30, 0.5, 0.9, 2.2, Receptor.EXCITATORY,
        delayChoices, rng);
    randomList(n, "l1->l2", "l1", "l2", 30, 30, 0.3, 0.7, 1.6, Receptor.EXCITATORY,
        delayChoices, rng);
    randomList(n, "l1-|l2", "l1", "l2", 30, 30, 0.1, -1.5, -0.5, Receptor.INHIBITORY,
        delayChoices, rng);
    randomList(n, "l2->l3", "l2", "l3", 30, 12, 0.35, 0.6, 1.8, Receptor.EXCITATORY,
        delayChoices, rng);
    return n.build();
  }

  /**
   * A small recurrent E/I network at dt = 0.1 ms driven by constant currents and a few input
   * spikes, with fixed-probability connectors and uniform random delays expanded by the shared
   * seeded expander.
   */
  static Network recurrent() {
    SplittableRandom rng = new SplittableRandom(77L);
    double[][] times = new double[5][];
    for (int i = 0; i < times.length; i++) {
      times[i] = new double[] {10 + 7 * i, 60 + 11 * i, 140 + 3 * i};
    }
    Nets n = new Nets("recurrent_dt01", 0.1, 200).sourceArray("kick", times);
    double[] exOffset = new double[40];
    for (int i = 0; i < exOffset.length; i++) {
      exOffset[i] = 0.55 + 0.4 * rng.nextDouble();
    }
    n.population("exc", 40, CellType.IF_CURR_EXP, "i_offset", exOffset, "tau_refrac", 2.0,
        "tau_syn_E", 3.0, "tau_syn_I", 7.0, "v_reset", -70.0);
    n.population("inh", 10, CellType.IF_CURR_EXP, "tau_m", 10.0, "tau_refrac", 1.0,
        "tau_syn_E", 2.0, "tau_syn_I", 4.0);
    n.projection("kick->exc", "kick", "exc", Receptor.EXCITATORY,
        new Connector.FixedProbability(0.3, true), new SynapseDynamics.Static(),
        new ValueSpec.Constant(1.2), new ValueSpec.Random(new Distribution.Uniform(0.1, 5.0)));
    n.projection("exc->exc", "exc", "exc", Receptor.EXCITATORY,
        new Connector.FixedProbability(0.15, false), new SynapseDynamics.Static(),
        new ValueSpec.Random(new Distribution.Uniform(0.2, 0.9)),
        new ValueSpec.Random(new Distribution.Uniform(0.5, 4.0)));
    n.projection("exc->inh", "exc", "inh", Receptor.EXCITATORY,
        new Connector.FixedProbability(0.3, true), new SynapseDynamics.Static(),
        new ValueSpec.Constant(0.8), new ValueSpec.Constant(1.0));
    n.projection("inh->exc", "inh", "exc", Receptor.INHIBITORY,
        new Connector.FixedProbability(0.5, true), new SynapseDynamics.Static(),
        new ValueSpec.Constant(-1.4), new ValueSpec.Random(new Distribution.Uniform(0.2, 2.0)));
    return n.build();
  }

  private static void layer(Nets n, String name, int size, SplittableRandom rng) {
    double[] tauM = new double[size];
    double[] thresh = new double[size];
    double[] refrac = new double[size];
    double[] offset = new double[size];
    double[] tauE = new double[size];
    for (int i = 0; i < size; i++) {
      tauM[i] = 10 + rng.nextInt(21);
      thresh[i] = -52 + rng.nextInt(5);
      refrac[i] = new double[] {0.1, 1.0, 2.0, 2.5, 5.0}[rng.nextInt(5)];
      offset[i] = 0.05 * rng.nextInt(8);
      tauE[i] = new double[] {2.0, 3.0, 5.0}[rng.nextInt(3)];
    }
    n.population(name, size, CellType.IF_CURR_EXP, "tau_m", tauM, "v_thresh", thresh,
        "tau_refrac", refrac, "i_offset", offset, "tau_syn_E", tauE, "tau_syn_I", 6.0,
        "v_reset", -68.0);
  }

  private static void randomList(Nets n, String name, String pre, String post, int nPre,
      int nPost, double p, double wLow, double wHigh, Receptor receptor, double[] delays,
      SplittableRandom rng) {
    List<int[]> pairs = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (int i = 0; i < nPre; i++) {
      for (int j = 0; j < nPost; j++) {
        if (rng.nextDouble() < p) {
          pairs.add(new int[] {i, j});
          double w = wLow + (wHigh - wLow) * rng.nextDouble();
          values.add(new double[] {Math.round(w * 1000) / 1000.0,
              delays[rng.nextInt(delays.length)]});
        }
      }
    }
    int[] pi = new int[pairs.size()];
    int[] pj = new int[pairs.size()];
    double[] w = new double[pairs.size()];
    double[] d = new double[pairs.size()];
    for (int k = 0; k < pi.length; k++) {
      pi[k] = pairs.get(k)[0];
      pj[k] = pairs.get(k)[1];
      w[k] = values.get(k)[0];
      d[k] = values.get(k)[1];
    }
    n.fromList(name, pre, post, receptor, pi, pj, w, d);
  }
}
