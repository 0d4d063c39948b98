package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.model.CellType;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
import snnc.sim.trace.VoltageTrace;

/** Fixed mode against float mode on single neurons, determinism, and what it refuses. */
class FixedModeTest {

  static NumericsProfile profile(String name) {
    return NumericsProfile.byName(name).orElseThrow();
  }

  /** One IF_curr_exp neuron below threshold: an offset current plus exc and inh input volleys. */
  static Network subThreshold(double vThresh) {
    return new Nets("one", 1.0, 300.0)
        .sourceArray("src", new double[] {10, 12, 14, 60, 61}, new double[] {100, 150})
        .population("n", 1, CellType.IF_CURR_EXP, "i_offset", 0.3, "tau_m", 20.0,
            "tau_syn_E", 5.0, "tau_syn_I", 10.0, "v_thresh", vThresh)
        .fromList("exc", "src", "n", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {1.5}, new double[] {1.0})
        .fromList("inh", "src", "n", Receptor.INHIBITORY, new int[] {1}, new int[] {0},
            new double[] {-2.0}, new double[] {2.0})
        .record("n", Recording.Variable.V)
        .build();
  }

  /**
   * The trajectory error stays within the bound of docs/numerics.md: per step at most
   * 2 v-LSBs of rounding (the decay product and the two propagator products at ½ LSB each, plus
   * the constant term's ½ LSB) and the host's error in Pm and P21 times the largest |v − v_rest|
   * and current, carried through 1/(1 − Pm); the currents' own error (½ LSB per step and the Pe
   * error, through 1/(1 − Pe)) enters through P21. Weights here are exact in both profiles.
   */
  @ParameterizedTest
  @ValueSource(strings = {"s16.15", "compact"})
  void singleNeuronFollowsFloatWithinTheBound(String name) {
    NumericsProfile p = profile(name);
    Network net = subThreshold(-40.0);
    VoltageTrace flt = Nets.run(net).voltage("n").orElseThrow();
    VoltageTrace fix = new GoldenSimulator(SimOptions.defaults().withFixed(p)).run(net)
        .voltage("n").orElseThrow();
    double maxErr = 0;
    double maxDev = 0;
    for (long n = 0; n < flt.steps(); n++) {
      maxErr = Math.max(maxErr, Math.abs(flt.value(n, 0) - fix.value(n, 0)));
      maxDev = Math.max(maxDev, Math.abs(flt.value(n, 0) + 65.0));
    }
    double pm = Math.exp(-1.0 / 20.0);
    double pe = Math.exp(-1.0 / 10.0);
    double lsbV = p.voltage().lsb();
    double lsbI = p.current().lsb();
    double decayErr = p.decay().lsb() / 2;
    double coefErr = p.coefficient().lsb() / 2;
    double maxCurrent = 4.5;
    double p21 = 20.0 * 5.0 / (15.0) * (pm - Math.exp(-1.0 / 5.0));
    double currentErr = (lsbI / 2 + maxCurrent * decayErr) / (1 - pe);
    double perStep = 2 * lsbV + maxDev * decayErr + 2 * maxCurrent * coefErr
        + 2 * p21 * currentErr;
    double bound = perStep / (1 - pm);
    System.out.printf("%s: max |v_fixed − v_float| = %.3g mV, bound %.3g mV%n", name, maxErr,
        bound);
    assertTrue(maxDev > 5, "the neuron should move: " + maxDev);
    assertTrue(maxErr <= bound, name + ": error " + maxErr + " mV over bound " + bound);
    assertTrue(maxErr > 0 || name.equals("s16.15"), "compact must show some rounding");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s16.15", "compact"})
  void deterministicAndThreadIndependent(String name) {
    Network net = ExampleReferenceTest.compile("synfire");
    SimOptions o = SimOptions.defaults().withFixed(profile(name)).withRecordAllSpikes(true);
    SimResult a = new GoldenSimulator(o.withThreads(1)).run(net);
    SimResult b = new GoldenSimulator(o.withThreads(1)).run(net);
    SimResult c = new GoldenSimulator(o.withThreads(3)).run(net);
    assertEquals(a.spikes().spikes(), b.spikes().spikes());
    assertEquals(a.spikes().spikes(), c.spikes().spikes());
  }

  /**
   * 1,100 sources fire together onto one neuron with the largest weight of the projection, so one
   * compact ring entry (16 bits) receives 1,100 raw words of up to 127: every addition past
   * floor(limit / raw) saturates, and the run counts exactly those.
   */
  @Test
  void ringSaturationsAreCounted() {
    int sources = 1100;
    double[][] times = new double[sources][];
    int[] pre = new int[sources];
    int[] post = new int[sources];
    double[] weight = new double[sources];
    double[] delay = new double[sources];
    for (int i = 0; i < sources; i++) {
      times[i] = new double[] {5.0};
      pre[i] = i;
      weight[i] = 1.0;
      delay[i] = 1.0;
    }
    Network net = new Nets("flood", 1.0, 20.0)
        .sourceArray("src", times)
        .population("n", 1, CellType.IF_CURR_EXP)
        .fromList("e", "src", "n", Receptor.EXCITATORY, pre, post, weight, delay)
        .build();
    NumericsProfile p = profile("compact");
    Quantisation q = new Quantiser(new Quantiser.Options(p, false),
        SynapseExpander.shared()::expand).run(net, new PassContext(new DiagnosticSink()));
    Population n = net.populations().get(1);
    long raw = q.weightRaw(q.shift(n.id(), Receptor.EXCITATORY).orElseThrow(), 1.0);
    long expected = sources - p.ringMaxRaw() / raw;
    assertTrue(expected > 0, "raw weight " + raw + " should overflow the ring");
    SimResult fixed = new GoldenSimulator(SimOptions.defaults().withFixed(p))
        .run(net, q, GoldenSimulator.Progress.NONE);
    assertEquals(expected, fixed.stats().ringSaturations());
    assertEquals(0, Nets.run(net).stats().ringSaturations(), "float rings never saturate");
  }

  @Test
  void deltaNeuronMatchesFloatOnExactWeights() {
    Network net = new Nets("delta", 1.0, 100.0)
        .sourceArray("src", new double[] {5, 6, 7, 8, 30, 31, 32, 33})
        .population("n", 1, CellType.IF_CURR_DELTA, "tau_refrac", 3.0)
        .fromList("e", "src", "n", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {4.5}, new double[] {1.0})
        .build();
    long[] flt = Nets.spikeSteps(Nets.run(net), "n", 0);
    for (NumericsProfile p : NumericsProfile.builtIns()) {
      SimResult r = new GoldenSimulator(SimOptions.defaults().withFixed(p)
          .withRecordAllSpikes(true)).run(net);
      assertArrayEquals(flt, Nets.spikeSteps(r, "n", 0), p.name());
    }
    assertTrue(flt.length >= 2, "the delta neuron should spike");
  }

  @Test
  void conductanceAndIzhikevichAreRefusedWithADiagnostic() {
    Network net = new Nets("cobe", 1.0, 10.0)
        .population("c", 2, CellType.IF_COND_EXP)
        .population("z", 2, CellType.IZHIKEVICH)
        .build();
    NumericsException e = assertThrows(NumericsException.class,
        () -> new GoldenSimulator(SimOptions.defaults().withFixed(NumericsProfile.COMPACT))
            .run(net));
    assertEquals(2, e.diagnostics().size());
    e.diagnostics().forEach(d -> assertEquals(Quantiser.UNSUPPORTED, d.code()));
    assertTrue(e.diagnostics().get(0).message().contains("'c'"));
    assertTrue(e.diagnostics().get(0).message().contains("compact"));
  }

  @Test
  void thresholdBeyondTheStateRangeIsOutOfRange() {
    Network net = subThreshold(200.0);
    NumericsException e = assertThrows(NumericsException.class,
        () -> new GoldenSimulator(SimOptions.defaults().withFixed(NumericsProfile.COMPACT))
            .run(net));
    assertEquals(Quantiser.OUT_OF_RANGE, e.diagnostics().get(0).code());
    assertTrue(e.diagnostics().get(0).message().contains("v_thresh"));
    // s16.15 holds ±65536 mV.
    new GoldenSimulator(SimOptions.defaults().withFixed(NumericsProfile.S16_15)).run(net);
  }
}
