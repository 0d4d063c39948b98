package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snnc.diag.DiagnosticSink;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.RouterTable;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.target.Targets;
import snnc.sim.random.RandomNetworks;

/**
 * Mapped multi-core systems (cores, router, step controller), Verilated, fire exactly the golden
 * fixed-mode spikes: examples on the FPGA targets, and random networks forced onto several cores
 * by a small {@code neurons_per_core}. Figures go to target/cosim-system.txt.
 */
class SystemCosimTest {

  static final Path REPORT = Path.of("target", "cosim-system.txt");

  // The cases share Verilator builds where their size classes agree (the router table is a
  // memory, loaded as data): delays and random 104 share one, tiny and snnc.cli.MainTest's tiny
  // on fpga-generic (through the command line, compact) another; random 101 runs s16.15. The
  // single-chip table path runs on the HX8K, the flattened mesh tables on fpga-generic.
  @TestFactory
  Stream<DynamicTest> examplesSpikeExact() {
    List<DynamicTest> tests = new ArrayList<>();
    String[][] cases = {
        {"synfire", "fpga-generic", "compact"},
        {"tiny", "ice40-hx8k", "compact"},
        {"delays", "fpga-generic:delay_slots=64,neurons_per_core=24", "compact"}};
    for (String[] c : cases) {
      tests.add(DynamicTest.dynamicTest(c[0] + "@" + c[1] + "/" + c[2], () -> check(c[0],
          CosimSupport.example(c[0]), c[1], NumericsProfile.byName(c[2]).orElseThrow(), 1)));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> randomNetworksOnSeveralCores() {
    List<DynamicTest> tests = new ArrayList<>();
    // 101 has a recurrent projection inside one slice, 104 spreads over five cores (eight
    // instances, three of them off: the size class of delays above, so no build of its own).
    for (int seed : new int[] {101, 104}) {
      long s = seed;
      NumericsProfile profile = seed % 2 == 0 ? NumericsProfile.COMPACT : NumericsProfile.S16_15;
      tests.add(DynamicTest.dynamicTest("seed " + seed, () -> {
        String text = RandomNetworks.generate(s, RandomNetworks.Limits.small());
        check("random " + s, CosimSupport.source("random_" + s, text),
            "fpga-generic:neurons_per_core=12,delay_slots=64,cores=64", profile, 2);
      }));
    }
    return tests.stream();
  }

  /**
   * Random networks with STDP projections ({@link RandomNetworks.Limits#smallWithStdp}, the
   * seeds of {@link #STDP_SEEDS}: three or four cores each, so one size class and one Verilator
   * build per profile; compact, and two of them in s16.15 too) spread over several cores, plastic synapses on every core that holds a post neuron
   * and pre keys from other cores and from the host: spike-exact, and every plastic synapse of
   * every core ends with the golden final weight, word for word. Across the runs STDP must have
   * changed weights, or the comparison would prove nothing.
   */
  @TestFactory
  Stream<DynamicTest> randomStdpNetworksOnSeveralCores() {
    List<DynamicTest> tests = new ArrayList<>();
    int runs = 0;
    for (int seed : STDP_SEEDS) {
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        boolean wide = Arrays.stream(STDP_SEEDS_S16_15).anyMatch(x -> x == seed);
        if (profile != NumericsProfile.COMPACT && !wide) {
          continue;
        }
        runs++;
        long s = seed;
        tests.add(DynamicTest.dynamicTest("stdp seed " + seed + " " + profile.name(), () -> {
          String text = RandomNetworks.generate(s, RandomNetworks.Limits.smallWithStdp());
          assertTrue(text.contains("stdp("), "seed " + s + " has STDP projections");
          SystemCosim.Result r = check("stdp " + s, CosimSupport.source("random_" + s, text),
              "fpga-generic:neurons_per_core=12,delay_slots=64,cores=64", profile, 3);
          assertTrue(r.image().shape().stdp());
          STDP_CHANGED.addAndGet(r.changedWeights());
          STDP_RUNS.incrementAndGet();
        }));
      }
    }
    int expected = runs;
    tests.add(DynamicTest.dynamicTest("stdp changed weights", () -> {
      assertEquals(expected, STDP_RUNS.get(), "every STDP run finished");
      assertTrue(STDP_CHANGED.get() > 100, "STDP changed only " + STDP_CHANGED.get()
          + " weights over the runs");
    }));
    return tests.stream();
  }

  /** Seeds of {@link RandomNetworks.Limits#smallWithStdp} with STDP that map onto 3–4 cores. */
  static final int[] STDP_SEEDS = {2, 9, 10, 11, 12, 13, 14, 15, 16, 24, 27, 30};
  /** Of {@link #STDP_SEEDS}, those also run in s16.15 (one more Verilator build). */
  static final int[] STDP_SEEDS_S16_15 = {11, 24};
  private static final AtomicInteger STDP_CHANGED = new AtomicInteger();
  private static final AtomicInteger STDP_RUNS = new AtomicInteger();

  /**
   * One Verilator build serves two mappings of one size: delays on 24 and on 20 neurons per core
   * (different core counts, eight instances each) run on the same executable, both
   * spike-exact.
   */
  @Test
  void oneBuildServesTwoMappingsOfOneSize() throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Network net = CosimSupport.example("delays");
    List<Path> executables = new ArrayList<>();
    List<Integer> cores = new ArrayList<>();
    for (String target : List.of("fpga-generic:delay_slots=64,neurons_per_core=24",
        "fpga-generic:delay_slots=64,neurons_per_core=20")) {
      Mapper.Result m = new Mapper(Mapper.Options.defaults()).map(net, Targets.resolve(target),
          new DiagnosticSink());
      SystemCosim.Result r = new SystemCosim(NumericsProfile.COMPACT, CosimSupport.CACHE, true)
          .run(m);
      assertTrue(r.exact(), target + ": " + r.firstDifference());
      assertEquals(r.golden().size(), r.hardware().size());
      executables.add(VerilatedSystem.executable(r.image(), CosimSupport.CACHE));
      cores.add(r.image().cores().size());
    }
    assertTrue(!cores.get(0).equals(cores.get(1)), "two different mappings: " + cores);
    assertEquals(executables.get(0), executables.get(1));
  }

  /**
   * The router takes one key per clock: a step with K host keys of a block that reaches no core
   * (tiny's neurons: nothing listens to them) takes K cycles more than a step without keys, up
   * to the pipeline's latency (the scanning router took at least four per key).
   */
  @Test
  void routerTakesOneHostKeyPerClock() throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Mapper.Result m = new Mapper(Mapper.Options.defaults()).map(CosimSupport.example("tiny"),
        Targets.resolve("ice40-hx8k"), new DiagnosticSink());
    SystemImage image = SystemLowering.lower(m, NumericsProfile.COMPACT,
        CoreLowering.Sizing.CLASS, false);
    SystemImage.SliceKeys out = image.cores().get(0).neurons().get(0);
    assertEquals(List.of(), image.route(out.key()), "nothing listens to tiny's neurons");
    int k = 64;
    long[] keys = new long[k];
    for (int i = 0; i < k; i++) {
      keys[i] = out.key() + i % out.size();
    }
    try (SystemProcess system = SystemProcess.start(VerilatedSystem.executable(image,
        CosimSupport.CACHE))) {
      system.load(image);
      long quiet = system.step(new long[0]).cycles();
      long busy = system.step(keys).cycles();
      assertTrue(busy - quiet >= k && busy - quiet <= k + RouterTable.LATENCY,
          k + " keys took " + (busy - quiet) + " cycles more than none (" + quiet + ")");
    }
  }

  private static SystemCosim.Result check(String name, Network net, String target,
      NumericsProfile profile, int minCores) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result m = new Mapper(Mapper.Options.defaults()).map(net, Targets.resolve(target),
        sink);
    assertTrue(m != null, name + " does not map onto " + target + ": " + sink.all());
    SystemCosim.Result r = new SystemCosim(profile, CosimSupport.CACHE, true).run(m);
    String line = String.format(Locale.ROOT,
        "%-10s %-45s %-8s cores %2d router %3d: golden %5d core %5d %s, %d weights changed, "
            + "%d cycles, cycles/step mean %.1f max %d (bound %d)%n", name, target,
        profile.name(), r.image().cores().size(), r.image().table().size(), r.golden().size(),
        r.hardware().size(), r.exact() ? "exact" : "MISMATCH " + r.firstDifference(),
        r.changedWeights(), r.cycles(), (double) r.stepCycles() / net.steps(),
        r.maxStepCycles(), r.image().worstCaseCyclesPerStep());
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertTrue(r.exact(), name + "@" + target + ": " + r.firstDifference());
    assertTrue(r.image().cores().size() >= minCores, "expected at least " + minCores + " cores");
    assertTrue(r.maxStepCycles() <= r.image().worstCaseCyclesPerStep(),
        "a step took longer than the documented bound");
    assertEquals(r.golden().size(), r.hardware().size());
    return r;
  }
}
