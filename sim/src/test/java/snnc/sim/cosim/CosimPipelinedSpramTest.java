package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.ir.Network;
import snnc.sim.random.RandomNetworks;

/**
 * The pipelined core in its UP5K layout (synapse pairs and rows in SPRAM, rings in SPRAM behind
 * live-entry bits; snnc's SB_SPRAM256KA model, which starts with junk, so every word read must
 * have been loaded) is spike-exact with golden fixed mode on synfire, on the hazard networks, on
 * ring inputs beyond the update pipeline's narrowed registers and on random networks (delays up to 7 steps, the layout's ring). Figures go to
 * target/cosim-pipelined-spram.txt.
 */
class CosimPipelinedSpramTest {

  static final Path REPORT = Path.of("target", "cosim-pipelined-spram.txt");
  /** Random networks run (seeds 1 …), each fitting the class. */
  static final int NETWORKS = 24;
  /** {@link RandomNetworks.Limits#small()} with the delays the layout's 8 ring slots hold. */
  static final RandomNetworks.Limits LIMITS = new RandomNetworks.Limits(64, 48, 1500, 7, 150);

  /**
   * Consecutive synapses of one row onto one neuron in different slots and receptors: each one's
   * live-bit read happens in the cycle the synapse ahead sets its own bit in the same word, so
   * the word must be forwarded, or an earlier bit is lost with its input. Then synapses onto one
   * entry back to back (the first writes a dead entry, the next reads it), and both receptors
   * live in one step (the update's stall). The neuron fires only if every weight arrives.
   */
  static final String LIVE_BITS = """
      network livebits {
        timestep 1 ms
        population src = SpikeSourceArray(spike_times = [[5 ms], [5 ms]]) * 2
        population out = IF_curr_exp(tau_m = 20 ms, tau_syn_E = 5 ms, tau_syn_I = 5 ms,
                                     v_thresh = -50 mV, v_rest = -65 mV, v_reset = -65 mV) * 3
        connect src -> out from_list [(0, 0, 1.5 nA, 1 ms), (0, 0, 1.5 nA, 2 ms),
                                      (0, 0, 1.5 nA, 3 ms), (0, 0, 1.5 nA, 4 ms),
                                      (0, 1, 2 nA, 1 ms), (0, 1, 2 nA, 1 ms),
                                      (0, 1, 2 nA, 1 ms), (0, 2, 1.5 nA, 7 ms),
                                      (1, 2, 1.5 nA, 6 ms), (1, 2, 1.5 nA, 7 ms),
                                      (1, 2, 1.5 nA, 5 ms), (1, 1, 2 nA, 2 ms)]
        connect src -> out from_list [(0, 0, -0.2 nA, 2 ms), (1, 1, -0.2 nA, 1 ms),
                                      (1, 2, -0.2 nA, 6 ms)] receptor inhibitory
        record out.spikes
        run 30 ms
      }
      """;

  /**
   * Ring inputs beyond the narrowed registers of the update pipeline (docs/fpga.md, "Register
   * widths"). cur: 513 weight words at shift 8 are 2^17 + 256 LSBs of current, held at
   * 2^17 − 1, so the current saturates (taken modulo 2^17 it would be 0.5 nA and the neuron
   * would stay silent). volt[0]: 1,143 excitatory and 1,133 inhibitory words at shift 7, each
   * beyond 2^17 but 5 mV apart, so the exact difference must be formed before it is narrowed
   * (held separately, both would be 2^17 − 1 and cancel); volt[1]: 1,143 words alone, beyond
   * the 18-bit register, saturate v. Each neuron fires exactly once (refractory for the rest).
   */
  static final String SATURATING = """
      network saturating {
        timestep 1 ms
        population src = SpikeSourceArray(spike_times = [[5 ms]]) * 1
        population cur = IF_curr_exp(tau_refrac = 50 ms, v_thresh = -50 mV, v_rest = -65 mV,
                                     v_reset = -65 mV) * 1
        population volt = IF_curr_delta(tau_refrac = 50 ms, v_thresh = -62 mV, v_rest = -65 mV,
                                        v_reset = -65 mV) * 2
        connect src -> cur from_list [(0, 0, 60 nA, 1 ms), (0, 0, 60 nA, 1 ms),
                                      (0, 0, 60 nA, 1 ms), (0, 0, 60 nA, 1 ms),
                                      (0, 0, 16.5 nA, 1 ms)]
        connect src -> volt from_list [%s, %s]
        connect src -> volt from_list [%s, (0, 0, -58.5 mV, 1 ms)] receptor inhibitory
        record cur.spikes
        record volt.spikes
        run 30 ms
      }
      """.formatted(repeat("(0, 0, 63.5 mV, 1 ms)", 9), repeat("(0, 1, 63.5 mV, 1 ms)", 9),
      repeat("(0, 0, -63.5 mV, 1 ms)", 8));

  private static String repeat(String entry, int times) {
    return String.join(", ", java.util.Collections.nCopies(times, entry));
  }

  @Test
  void synfire() throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Cosim.Result r = Cosim.pipelinedSpram(CosimSupport.CACHE, false)
        .run(CosimSupport.example("synfire"));
    assertTrue(r.exact(), "synfire: " + r.firstDifference());
    assertEquals(1000, r.golden().size(), "every neuron fires once");
    long steps = 200;
    report(String.format(Locale.ROOT, "synfire pipelined-spram: %d golden spikes, %d on the "
        + "core, %.1f cycles/step mean, %d max%n", r.golden().size(), r.hardware().size(),
        (double) r.stepCycles() / steps, r.maxStepCycles()));
  }

  @TestFactory
  Stream<DynamicTest> hazards() {
    return Stream.of(DynamicTest.dynamicTest("hazards", () -> exact("hazards",
        CosimHazardTest.NET, 2)), DynamicTest.dynamicTest("livebits", () -> exact("livebits",
        LIVE_BITS, 3)), DynamicTest.dynamicTest("saturating", () -> exact("saturating",
        SATURATING, 3)));
  }

  private static void exact(String name, String text, int spikes) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Cosim.Result r = Cosim.pipelinedSpram(CosimSupport.CACHE, false)
        .run(CosimSupport.source(name, text));
    assertTrue(r.exact(), name + ": " + r.firstDifference());
    assertEquals(spikes, r.golden().size(), name + ": each neuron fires once, with every weight");
  }

  @TestFactory
  Stream<DynamicTest> randomNetworks() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int seed = 1; seed <= NETWORKS; seed++) {
      long s = seed;
      tests.add(DynamicTest.dynamicTest("seed " + seed, () -> random(s)));
    }
    return tests.stream();
  }

  private static void random(long seed) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    String text = RandomNetworks.generate(seed, LIMITS);
    Network net = CosimSupport.source("random_" + seed, text);
    Cosim.Result r = Cosim.pipelinedSpram(CosimSupport.CACHE, true).run(net);
    report(String.format(Locale.ROOT, "random %2d: neurons %3d synapses %4d max delay %d "
        + "Poisson entries %d: golden %4d core %4d spikes, max %d cycles/step, %s%n", seed,
        r.image().neurons(), r.image().synapses().size(), r.image().maxDelaySteps(),
        r.image().poissonSources(), r.golden().size(), r.hardware().size(), r.maxStepCycles(),
        r.exact() ? "exact" : "MISMATCH " + r.firstDifference()));
    if (!r.exact()) {
      Files.createDirectories(Path.of("target", "cosim-random"));
      Files.writeString(Path.of("target", "cosim-random", "spram-" + seed + ".snn"), text);
    }
    assertTrue(r.exact(), "seed " + seed + ": " + r.firstDifference());
  }

  private static synchronized void report(String line) throws Exception {
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
