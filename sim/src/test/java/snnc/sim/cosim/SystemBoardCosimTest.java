package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.hdl.ExternalTools;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.target.Targets;
import snnc.sim.random.RandomNetworks;

/**
 * Mapped multi-core systems on the HX8K breakout's bridge-driven board design
 * ({@link snnc.hdl.emit.SystemBoard}), driven only through the UART pins: every core loaded from
 * the load image (the RTL has no preloaded memories here, so nothing else could fill them), source
 * keys injected through the bridge's SPIKES, steps run with RUN, spikes read with READ_SPIKES
 * and decoded through the mapping, weights of every core read back with READ; the spikes equal
 * the golden simulator's in fixed mode. The target is src/test/resources/targets/hx8k-cores.json:
 * the HX8K board with more cores than ice40-hx8k, so networks spread over several. Each case is
 * one Verilator build (the board top and adapter carry the model's name). Figures go to
 * target/board-cosim.txt.
 */
class SystemBoardCosimTest {

  static final String TARGET = Path.of("src", "test", "resources", "targets", "hx8k-cores.json")
      .toString();

  /** bench/models/synfire240.snn: three cores (more block RAM than the HX8K, see docs). */
  @Test
  void synfire240OnThreeCoresThroughTheUartIsSpikeExact() throws Exception {
    Network net = CosimSupport.file(
        RepositoryRoot.path().resolve("bench/models/synfire240.snn"));
    BoardCosim.Result r = check("synfire240", net, TARGET, NumericsProfile.COMPACT, 3, false);
    assertEquals(240, r.golden().size(), "the volley crosses all six stages once");
  }

  /**
   * Random networks (static synapses, SpikeSourceArray and Poisson sources injected by the host)
   * forced onto several small cores; 101 has a recurrent projection inside one slice.
   */
  @Test
  void randomNetworksOnSeveralCoresAreSpikeExact() throws Exception {
    for (long seed : new long[] {101, 104}) {
      String text = RandomNetworks.generate(seed, RandomNetworks.Limits.small());
      NumericsProfile profile = NumericsProfile.COMPACT;
      check("random_" + seed, CosimSupport.source("random_" + seed, text),
          TARGET + ":cores=16,neurons_per_core=12,delay_slots=64", profile, 2, true);
    }
  }

  /**
   * A random network with STDP (seed 2 of {@link RandomNetworks.Limits#smallWithStdp}: plastic
   * projections on three cores) through the UART: spike-exact, and after the run every plastic
   * synapse of every core, read back with READ (target 3), holds the golden final weight.
   */
  @Test
  void randomStdpNetworkOnThreeCoresEndsWithTheGoldenWeights() throws Exception {
    long seed = 2;
    String text = RandomNetworks.generate(seed, RandomNetworks.Limits.smallWithStdp());
    assertTrue(text.contains("stdp("), "seed 2 has STDP projections");
    BoardCosim.Result r = check("stdp_" + seed, CosimSupport.source("random_" + seed, text),
        TARGET + ":cores=16,neurons_per_core=12,delay_slots=64", NumericsProfile.COMPACT, 3,
        true);
    assertTrue(r.changedWeights() > 0, "STDP changed weights on the board");
  }

  private static BoardCosim.Result check(String name, Network net, String target,
      NumericsProfile profile, int minCores, boolean allowZeroWeights) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result m = new Mapper(Mapper.Options.defaults()).map(net, Targets.resolve(target),
        sink);
    assertTrue(m != null, name + " does not map onto " + target + ": " + sink.all());
    SystemImage image = SystemLowering.lower(m, profile, CoreLowering.Sizing.EXACT,
        allowZeroWeights);
    Path work = Path.of("target", "board-cosim", "hx8k-system", name);
    long t0 = System.nanoTime();
    BoardCosim.Result r = new BoardCosim(profile,
        Ice40Board.Options.defaults(Ice40Board.Board.HX8K_BREAKOUT),
        BoardCosimTest.CLOCKS_PER_BIT, CosimSupport.CACHE, work).run(m, allowZeroWeights);
    double seconds = (System.nanoTime() - t0) / 1e9;
    String line = String.format(Locale.ROOT, "%-10s system    %-10s %d cores, golden %4d spikes, "
        + "board %4d spikes, %s, %d load words, %d read back, %d STDP weights changed (all "
        + "read back after the run), %d bytes to / %d from the board, "
        + "%d steps, mean %.1f / max %d cycles/step (bound %d), %.1f s%n", "hx8k", name,
        image.cores().size(), r.golden().size(), r.hardware().size(),
        r.exact() ? "exact" : "MISMATCH " + r.firstDifference(), r.loadWords(),
        r.wordsReadBack(), r.changedWeights(), r.bytesSent(), r.bytesReceived(),
        r.finalStatus().stepCount(),
        r.finalStatus().busyCycles() / (double) Math.max(1, r.finalStatus().stepCount()),
        r.finalStatus().maxStepCycles(), image.worstCaseCyclesPerStep(), seconds);
    Path report = Path.of("target", "board-cosim.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertTrue(r.exact(), name + ": " + r.firstDifference());
    assertTrue(image.cores().size() >= minCores, name + ": expected at least " + minCores
        + " cores, got " + image.cores().size());
    assertTrue(r.golden().size() > 0, name + " should spike");
    assertEquals(net.steps(), r.finalStatus().stepCount(), "every step ran on the board");
    assertEquals(0, r.finalStatus().dropped(), "no output spike was lost");
    long synapses = image.cores().stream().mapToLong(c -> Math.min(64, c.image().synapses()
        .size())).sum();
    assertEquals(synapses, r.wordsReadBack(), "weights of every core were read back");
    assertTrue(r.finalStatus().maxStepCycles() <= image.worstCaseCyclesPerStep(),
        "worst step " + r.finalStatus().maxStepCycles() + " within the bound");
    return r;
  }
}
