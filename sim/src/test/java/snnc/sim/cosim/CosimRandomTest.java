package snnc.sim.cosim;

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
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.random.RandomNetworks;

/**
 * Random small networks ({@link RandomNetworks}, seeds 1–28; 13 of them with STDP projections, a
 * third of the spike sources Poisson, generated on the core) are spike-exact and end with the
 * same STDP weights, word for word, on the Verilated core as in golden fixed mode, each in both
 * profiles: 56 runs. A failing network's source is written to target/cosim-random/SEED.snn.
 */
class CosimRandomTest {

  static final int NETWORKS = 28;
  static final Path OUT = Path.of("target", "cosim-random");
  private static final AtomicInteger PLASTIC_RUNS = new AtomicInteger();
  private static final AtomicInteger CHANGED_WEIGHTS = new AtomicInteger();
  private static final AtomicInteger POISSON_RUNS = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> randomNetworksSpikeExact() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int seed = 1; seed <= NETWORKS; seed++) {
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        long s = seed;
        tests.add(DynamicTest.dynamicTest("seed " + seed + " " + profile.name(),
            () -> check(s, profile)));
      }
    }
    return tests.stream();
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
  }

  private static void check(long seed, NumericsProfile profile) throws Exception {
    CosimSupport.requireVerilator();
    String text = RandomNetworks.generate(seed, RandomNetworks.Limits.smallWithStdp());
    Network net = CosimSupport.source("random_" + seed, text);
    Cosim.Result r = new Cosim(profile, CosimSupport.CACHE, true).run(net);
    Files.createDirectories(OUT);
    Files.writeString(OUT.resolve("summary.txt"), String.format(Locale.ROOT,
        "seed %2d %-8s neurons %3d keys %3d synapses %4d (plastic %4d) max delay %2d, "
        + "Poisson entries %d: golden %4d core %4d spikes, max %6d cycles/step, %s%n",
        seed, profile.name(), r.image().neurons(), r.image().rows().size(),
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
      POISSON_RUNS.incrementAndGet();
    }
    assertTrue(r.exact(), "random network " + seed + " (" + profile + "): "
        + r.firstDifference() + "\n" + text);
  }
}
