package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.ir.Network;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.model.CellType;
import snnc.sim.trace.VoltageTrace;

class GoldenSimulatorTest {

  private static final Recording.Variable V = Recording.Variable.V;
  private static final Recording.Variable SPIKES = Recording.Variable.SPIKES;

  @Test
  void constantCurrentFollowsClosedForm() {
    // R·I = 20 MΩ · 0.6 nA = 12 mV: v approaches −53 mV and never reaches −50.
    Network net = new Nets("leak", 0.1, 200).population("n", 1, CellType.IF_CURR_EXP,
        "i_offset", 0.6).record("n", V, SPIKES).build();
    SimResult r = Nets.run(net);
    VoltageTrace v = r.voltage("n").orElseThrow();
    for (long n = 0; n < 2000; n++) {
      double t = n * 0.1;
      double expected = -65.0 + 12.0 * (1 - Math.exp(-t / 20.0));
      assertEquals(expected, v.value(n, 0), 1e-9, "v at t = " + t);
    }
    assertEquals(0, r.spikes().size());
  }

  @Test
  void firstSpikeAtTheStepWhoseUpdateCrossesThreshold() {
    // v(t) = −65 + 20·(1 − e^(−t/20)) crosses −50 at t* = 20·ln 4 = 27.73 ms. Step n integrates to
    // (n + 1)·dt and records the spike at n·dt, so the first spike is at the largest n with
    // (n + 1)·dt > t*, minus nothing: n = ceil(t*/dt) − 1.
    Network net = new Nets("first", 0.1, 40).population("n", 1, CellType.IF_CURR_EXP,
        "i_offset", 1.0).record("n", SPIKES).build();
    long[] steps = Nets.spikeSteps(Nets.run(net), "n", 0);
    double tStar = 20.0 * Math.log(4.0);
    long expected = (long) Math.ceil(tStar / 0.1) - 1;
    assertEquals(277, expected);
    assertEquals(expected, steps[0]);
  }

  @Test
  void refractoryPeriodHoldsVoltageForRsSteps() {
    // 20 nA lifts v by ~19.5 mV in one 1 ms step: the neuron spikes whenever it is allowed to.
    Network net = new Nets("refr", 1.0, 60).population("n", 2, CellType.IF_CURR_EXP,
        "i_offset", 20.0, "tau_refrac", new double[] {5.0, 0.1}).record("n", V, SPIKES).build();
    SimResult r = Nets.run(net);
    long[] s0 = Nets.spikeSteps(r, "n", 0);
    assertTrue(s0.length > 5);
    for (int k = 1; k < s0.length; k++) {
      assertEquals(5, s0[k] - s0[k - 1], "Rs = floor((5 + 0.001)/1) = 5 steps between spikes");
    }
    VoltageTrace v = r.voltage("n").orElseThrow();
    for (long n = s0[0] + 1; n <= s0[0] + 5; n++) {
      assertEquals(-65.0, v.valueOfNeuron(n, 0), 0.0, "clamped at v_reset at step " + n);
    }
    // PyNN's default 0.1 ms is 0 steps at dt = 1 ms: a spike every step.
    long[] s1 = Nets.spikeSteps(r, "n", 1);
    for (int k = 1; k < s1.length; k++) {
      assertEquals(1, s1[k] - s1[k - 1]);
    }
  }

  @Test
  void sharedConstantUpdateMatchesTheScheduleThroughRefractoryPeriods() {
    // Shared constants take the vectorisable update, which integrates refractory neurons too and
    // puts their voltage back; v_reset ≠ v_rest shows a missed restore. 64 neurons from spread
    // initial voltages spike at many steps, so refractory periods overlap; Rs = 300 keeps every
    // neuron refractory at once (the queue grows past its first size).
    int size = 64;
    double[] v0 = new double[size];
    for (int i = 0; i < size; i++) {
      v0[i] = -70.0 + 19.9 * i / size;
    }
    for (double tauRefrac : new double[] {2.0, 30.0}) {
      Network net = new Nets("uniform", 0.1, 300).population("n", size, CellType.IF_CURR_EXP,
          "i_offset", 1.5, "v_reset", -70.0, "tau_refrac", tauRefrac, "v", v0)
          .record("n", V, SPIKES).build();
      long steps = net.steps();
      int rs = Steps.refractorySteps(tauRefrac, 0.1);
      double pm = Math.exp(-0.1 / 20.0);
      double offset = 1.5 * (20.0 / 1.0) * (1.0 - pm);
      for (int threads : new int[] {1, 2, 3}) {
        SimResult r = Nets.run(net, threads);
        VoltageTrace trace = r.voltage("n").orElseThrow();
        int spikes = 0;
        for (int i = 0; i < size; i++) {
          // The schedule of the package documentation, one neuron at a time; no synaptic input.
          double v = v0[i];
          long last = Long.MIN_VALUE / 4;
          List<Long> expected = new ArrayList<>();
          for (long n = 0; n < steps; n++) {
            assertEquals(v, trace.valueOfNeuron(n, i), 0.0,
                "neuron " + i + " step " + n + " threads " + threads + " Rs " + rs);
            boolean active = n - last >= rs;
            if (active) {
              v = -65.0 + (v - -65.0) * pm + offset + 0.0 * 0.0 - 0.0 * 0.0;
            }
            if (active && v > -50.0) {
              last = n;
              expected.add(n);
              v = -70.0;
            }
          }
          assertEquals(expected, Arrays.stream(Nets.spikeSteps(r, "n", i)).boxed().toList(),
              "spikes of neuron " + i);
          spikes += expected.size();
        }
        assertTrue(spikes > 3 * size, "every neuron spikes several times: " + spikes);
      }
    }
  }

  @Test
  void largeWorkerRangesGiveTheSameSpikesOnEveryUpdatePath() {
    // 20,000 neurons with recurrent input of delay 2 steps. Alone, that delay gives a ring of one
    // slot, which takes the vectorised sweep at any range size. A second projection of weight 0
    // and delay 3 steps adds nothing to any sum (entries are never −0) but makes a ring of four
    // slots: then one worker's range is above CurrExpGroup.MAX_OFFSET_VECTOR_RANGE (one-pass
    // update) and two workers' ranges below it (sweep with the slot at an offset). The spikes
    // must not differ.
    int size = 20_000;
    double[] v0 = new double[size];
    int[] pre = new int[size];
    int[] post = new int[size];
    double[] w = new double[size];
    double[] d = new double[size];
    for (int i = 0; i < size; i++) {
      v0[i] = -70.0 + 19.9 * ((i * 7919) % size) / size;
      pre[i] = i;
      post[i] = (i * 31 + 1) % size;
      w[i] = 2.0;
      d[i] = 0.2;
    }
    Network oneSlot = new Nets("large", 0.1, 40).population("n", size, CellType.IF_CURR_EXP,
        "i_offset", 1.5, "v_reset", -70.0, "tau_refrac", 2.0, "v", v0)
        .fromList("rec", "n", "n", Receptor.EXCITATORY, pre, post, w, d)
        .record("n", SPIKES).build();
    Network fourSlots = new Nets("large", 0.1, 40).population("n", size, CellType.IF_CURR_EXP,
        "i_offset", 1.5, "v_reset", -70.0, "tau_refrac", 2.0, "v", v0)
        .fromList("rec", "n", "n", Receptor.EXCITATORY, pre, post, w, d)
        .fromList("zero", "n", "n", Receptor.EXCITATORY, pre, post, new double[size],
            Arrays.stream(d).map(x -> 0.3).toArray())
        .record("n", SPIKES).build();
    SimResult reference = Nets.run(oneSlot, 1);
    assertTrue(reference.spikes().size() > size, "spikes: " + reference.spikes().size());
    SimResult noInput = Nets.run(new Nets("large", 0.1, 40).population("n", size,
        CellType.IF_CURR_EXP, "i_offset", 1.5, "v_reset", -70.0, "tau_refrac", 2.0, "v", v0)
        .record("n", SPIKES).build(), 1);
    assertNotEquals(noInput.spikes(), reference.spikes(), "the recurrent input changes spikes");
    assertEquals(reference.spikes(), Nets.run(oneSlot, 2).spikes());
    assertEquals(reference.spikes(), Nets.run(fourSlots, 1).spikes());
    assertEquals(reference.spikes(), Nets.run(fourSlots, 2).spikes());
  }

  @Test
  void inputArrivesExactlyDStepsAfterEmission() {
    // Source spikes at step 10; 1.5 ms rounds to 2 steps, so input is taken in step 12.
    Network net = new Nets("delay", 1.0, 20)
        .sourceArray("src", new double[] {10.0})
        .population("delta", 1, CellType.IF_CURR_DELTA, "tau_m", 1e300, "v_thresh", 0.0)
        .population("exp", 1, CellType.IF_CURR_EXP, "v_thresh", 0.0)
        .fromList("a", "src", "delta", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {5.0}, new double[] {1.5})
        .fromList("b", "src", "exp", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {1.0}, new double[] {1.5})
        .record("delta", V).record("exp", V).build();
    SimResult r = Nets.run(net);
    VoltageTrace delta = r.voltage("delta").orElseThrow();
    assertEquals(-65.0, delta.value(12, 0), 0.0, "before step 12");
    assertEquals(-60.0, delta.value(13, 0), 0.0, "after step 12 took the 5 mV input");
    VoltageTrace exp = r.voltage("exp").orElseThrow();
    assertEquals(-65.0, exp.value(13, 0), 0.0, "step 12 integrates with the old current");
    assertTrue(exp.value(14, 0) > -65.0, "the current acts from step 13");
  }

  @Test
  void voltageExactlyAtThresholdDoesNotSpike() {
    double at = -50.0;
    double above = Math.nextUp(at);
    Network net = new Nets("strict", 1.0, 10).population("n", 2, CellType.IF_CURR_EXP,
        "v_rest", new double[] {at, above}, "v", new double[] {at, above}, "v_thresh", at)
        .record("n", SPIKES).build();
    SimResult r = Nets.run(net);
    assertEquals(0, Nets.spikeSteps(r, "n", 0).length, "v == v_thresh must not spike");
    assertEquals(0L, Nets.spikeSteps(r, "n", 1)[0], "one ulp above spikes at step 0");
  }

  @Test
  void ringBuffersWrapWithDelaysUpTo64Steps() {
    // 64 delta neurons, neuron d − 1 reached with delay d steps; with τm = ∞ v is a staircase
    // counting the inputs that have arrived, so every arrival step is visible.
    int maxDelay = 64;
    long[] sourceSteps = {0, 3, 63, 64, 65, 100, 127, 128, 200};
    double[] times = new double[sourceSteps.length];
    for (int k = 0; k < times.length; k++) {
      times[k] = sourceSteps[k] * 0.5;
    }
    int[] pre = new int[maxDelay];
    int[] post = new int[maxDelay];
    double[] w = new double[maxDelay];
    double[] delay = new double[maxDelay];
    for (int d = 1; d <= maxDelay; d++) {
      post[d - 1] = d - 1;
      w[d - 1] = 1.0;
      delay[d - 1] = d * 0.5;
    }
    Network net = new Nets("ring", 0.5, 160).sourceArray("src", times)
        .population("n", maxDelay, CellType.IF_CURR_DELTA, "tau_m", 1e300, "v_thresh", 1000.0)
        .fromList("p", "src", "n", Receptor.EXCITATORY, pre, post, w, delay)
        .record("n", V).build();
    for (int threads : new int[] {1, 2}) {
      VoltageTrace v = Nets.run(net, threads).voltage("n").orElseThrow();
      for (int d = 1; d <= maxDelay; d++) {
        for (long n = 0; n < 320; n++) {
          int arrived = 0;
          for (long s : sourceSteps) {
            if (s + d < n) {
              arrived++;
            }
          }
          assertEquals(-65.0 + arrived, v.valueOfNeuron(n, d - 1), 0.0,
              "delay " + d + ", start of step " + n + ", threads " + threads);
        }
      }
    }
  }

  @Test
  void deltaInputActsDuringRefractorinessAndInhibitionSubtractsMagnitude() {
    Network net = new Nets("delta", 1.0, 20)
        .sourceArray("src", new double[] {0.0, 2.0}, new double[] {2.0})
        .population("n", 1, CellType.IF_CURR_DELTA, "tau_m", 1e300, "tau_refrac", 10.0,
            "v_thresh", -60.0)
        .fromList("e", "src", "n", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {6.0}, new double[] {1.0})
        .fromList("i", "src", "n", Receptor.INHIBITORY, new int[] {1}, new int[] {0},
            new double[] {-2.0}, new double[] {1.0})
        .record("n", V, SPIKES).build();
    SimResult r = Nets.run(net);
    VoltageTrace v = r.voltage("n").orElseThrow();
    // step 1: +6 → −59; step 2 spikes (−59 > −60) and resets to −65; step 3 (refractory): +6 − 2.
    assertArrayEquals(new long[] {2}, Nets.spikeSteps(r, "n", 0));
    assertEquals(-59.0, v.value(2, 0), 0.0);
    assertEquals(-65.0, v.value(3, 0), 0.0);
    assertEquals(-61.0, v.value(4, 0), 0.0);
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Network net = new Nets("mixed", 0.1, 100)
        .population("poisson", 200, CellType.SPIKE_SOURCE_POISSON, "rate", 80.0)
        .population("exc", 300, CellType.IF_CURR_EXP, "tau_syn_E", 2.0)
        .population("inh", 101, CellType.IF_CURR_EXP)
        .projection("in", "poisson", "exc", Receptor.EXCITATORY,
            new snnc.ir.Connector.FixedProbability(0.2, true), new snnc.ir.SynapseDynamics.Static(),
            new snnc.ir.ValueSpec.Constant(0.9), new snnc.ir.ValueSpec.Random(
                new snnc.ir.Distribution.Uniform(0.1, 3.0)))
        .projection("ei", "exc", "inh", Receptor.EXCITATORY,
            new snnc.ir.Connector.FixedProbability(0.1, true), new snnc.ir.SynapseDynamics.Static(),
            new snnc.ir.ValueSpec.Constant(1.5), new snnc.ir.ValueSpec.Constant(1.0))
        .projection("ie", "inh", "exc", Receptor.INHIBITORY,
            new snnc.ir.Connector.FixedProbability(0.1, true), new snnc.ir.SynapseDynamics.Static(),
            new snnc.ir.ValueSpec.Constant(-2.0), new snnc.ir.ValueSpec.Constant(0.7))
        .record("exc", V, SPIKES).record("inh", SPIKES).build();
    SimResult one = Nets.run(net, 1);
    SimResult two = Nets.run(net, 2);
    SimResult three = Nets.run(net, 3);
    assertTrue(one.spikes().countsByPopulation().getOrDefault("exc", 0) > 50,
        "the test network must be active: " + one.spikes().countsByPopulation());
    assertTrue(one.spikes().countsByPopulation().getOrDefault("inh", 0) > 10,
        "the test network must be active: " + one.spikes().countsByPopulation());
    assertEquals(one.spikes(), two.spikes());
    assertEquals(one.spikes(), three.spikes());
    VoltageTrace v1 = one.voltage("exc").orElseThrow();
    VoltageTrace v2 = two.voltage("exc").orElseThrow();
    for (long n = 0; n < v1.steps(); n += 7) {
      for (int k = 0; k < 300; k++) {
        assertEquals(Double.doubleToLongBits(v1.value(n, k)), Double.doubleToLongBits(v2.value(n, k)));
      }
    }
  }
}
