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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.golden.SimOptions;
import snnc.sim.random.RandomNetworks;

/**
 * Random small networks ({@link RandomNetworks}, seeds 1–28; 13 of them with STDP projections, a
 * third of the spike sources Poisson, generated on the core) are spike-exact and end with the
 * same STDP weights, word for word, on the Verilated compact core as in golden fixed mode, each in
 * both profiles: 56 runs. The pipelined template runs the first {@link #PIPELINED_NETWORKS}
 * networks it supports (those without STDP, see {@link CoreTemplate#supports}) in both
 * profiles, at least two of those runs with on-chip Poisson. A failing network's source is written to target/cosim-random/SEED.snn.
 */
class CosimRandomTest {

  static final int NETWORKS = 28;
  /**
   * The pipelined template runs this many of the networks (the first it supports); each new size
   * class costs a Verilator build on a cold cache.
   */
  static final int PIPELINED_NETWORKS = 6;
  static final Path OUT = Path.of("target", "cosim-random");
  private static final AtomicInteger PLASTIC_RUNS = new AtomicInteger();
  private static final AtomicInteger CHANGED_WEIGHTS = new AtomicInteger();
  private static final AtomicInteger POISSON_RUNS = new AtomicInteger();
  private static final AtomicInteger PIPELINED_POISSON_RUNS = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> randomNetworksSpikeExact() {
    List<DynamicTest> tests = new ArrayList<>();
    int pipelined = 0;
    for (int seed = 1; seed <= NETWORKS; seed++) {
      boolean onPipelined = pipelined < PIPELINED_NETWORKS && pipelinedSupports(seed);
      pipelined += onPipelined ? 1 : 0;
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        for (CoreTemplate template : CoreTemplate.values()) {
          if (template == CoreTemplate.PIPELINED && !onPipelined) {
            continue;
          }
          long s = seed;
          tests.add(DynamicTest.dynamicTest("seed " + seed + " " + profile.name() + " "
              + template.label(), () -> check(s, profile, template)));
        }
      }
    }
    assertEquals(PIPELINED_NETWORKS, pipelined, "random networks without STDP");
    return tests.stream();
  }

  /** Whether network {@code seed} lowers (in either profile) to a shape the pipelined core has. */
  private static boolean pipelinedSupports(long seed) {
    Network net = CosimSupport.source("random_" + seed,
        RandomNetworks.generate(seed, RandomNetworks.Limits.smallWithStdp()));
    for (NumericsProfile profile : NumericsProfile.builtIns()) {
      CoreShape shape = CoreLowering.lower(net, profile, CoreLowering.Sizing.CLASS, true,
          SimOptions.defaults().poissonSeed()).shape();
      if (!CoreTemplate.PIPELINED.supports(shape)) {
        return false;
      }
    }
    return true;
  }

  /** The generator's mix reached the features under test, and STDP did change weights. */
  @AfterAll
  static void coverage() {
    if (PLASTIC_RUNS.get() + POISSON_RUNS.get() == 0) {
      return; // verilator missing outside CI: nothing ran
    }
    assertTrue(PLASTIC_RUNS.get() >= 10, "runs with STDP: " + PLASTIC_RUNS.get());
    assertTrue(POISSON_RUNS.get() >= 10, "runs with on-chip Poisson: " + POISSON_RUNS.get());
    assertTrue(CHANGED_WEIGHTS.get() > 100, "plastic weights changed: " + CHANGED_WEIGHTS.get());
    assertTrue(PIPELINED_POISSON_RUNS.get() >= 2,
        "pipelined runs with on-chip Poisson: " + PIPELINED_POISSON_RUNS.get());
  }

  private static void check(long seed, NumericsProfile profile, CoreTemplate template)
      throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    String text = RandomNetworks.generate(seed, RandomNetworks.Limits.smallWithStdp());
    Network net = CosimSupport.source("random_" + seed, text);
    Cosim.Result r = new Cosim(profile, CosimSupport.CACHE, true, template).run(net);
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("summary.txt"), String.format(Locale.ROOT,
        "seed %2d %-8s %-9s neurons %3d keys %3d synapses %4d (plastic %4d) max delay %2d, "
        + "Poisson entries %d: golden %4d core %4d spikes, max %6d cycles/step, %s%n",
        seed, profile.name(), template.label(), r.image().neurons(), r.image().rows().size(),
        r.image().synapses().size(), r.image().plastic().size(), r.image().maxDelaySteps(),
        r.image().poissonSources(), r.golden().size(), r.hardware().size(), r.maxStepCycles(),
        r.exact() ? "exact" : "MISMATCH " + r.firstDifference()),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (!r.exact()) {
      Files.writeString(OUT.resolve(seed + ".snn"), text, StandardCharsets.UTF_8);
    }
    if (!r.image().plastic().isEmpty()) {
      PLASTIC_RUNS.incrementAndGet();
      CHANGED_WEIGHTS.addAndGet(r.changedWeights());
    }
    if (r.image().poissonSources() > 0) {
      (template == CoreTemplate.PIPELINED ? PIPELINED_POISSON_RUNS : POISSON_RUNS)
          .incrementAndGet();
    }
    assertTrue(r.exact(), "random network " + seed + " (" + profile + ", "
        + template.label() + "): "
        + r.firstDifference() + "\n" + text);
  }
}
