package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import snnc.hdl.ExternalTools;
import snnc.hdl.TestModels;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.ir.numerics.NumericsProfile;

/**
 * Board designs, driven only through their UART pins (bridge protocol, load image into SPRAM on
 * the iCEBreaker, weights read back, spikes in and out), fire exactly the golden fixed-mode
 * spikes. Figures go to target/board-cosim.txt. The iCEBreaker cases are the UP5K's two SPRAM
 * layouts (synfire on the pipelined core's, ring1k at the UP5K's capacity on the compact core's); examples/delays.snn, run here before, does not fit
 * the UP5K (its 64-step delays need 2 x 65 x 128 ring entries) and is now refused by
 * {@code Ice40Board} with hdl.board-capacity.
 */
class BoardCosimTest {

  /** UART bit time in the simulation: short, so loading does not dominate the test. */
  static final int CLOCKS_PER_BIT = 8;
  /** A UP5K PLL clock the pipelined SPRAM core meets alone (38.6 MHz, docs/fpga.md). */
  static final double UP5K_MHZ = 36;

  @Test
  void hx8kThroughTheUartIsSpikeExact() throws Exception {
    BoardCosim.Result r = check(Ice40Board.Board.HX8K_BREAKOUT, "tiny");
    assertEquals(CoreTemplate.COMPACT, r.design().template(), "the HX8K board's default core");
  }

  /**
   * The pipelined core on the HX8K behind the bridge and a 48 MHz PLL (its simulation model):
   * bench/models/synfire240.snn, 240 neurons and 1,920 synapses, about as much as the HX8K's
   * block RAM holds beside the bridge; weights read back through the core's 32-bit beats.
   */
  @Test
  void synfire240OnTheHx8kPipelinedCoreWithPllIsSpikeExact() throws Exception {
    Network net = CosimSupport.file(
        RepositoryRoot.path().resolve("bench/models/synfire240.snn"));
    Ice40Board.Options options = Ice40Board.Options.defaults(Ice40Board.Board.HX8K_BREAKOUT)
        .withTemplate(CoreTemplate.PIPELINED).withClockMhz(48);
    BoardCosim.Result r = check(options, net, 1);
    assertEquals(CoreTemplate.PIPELINED, r.design().template());
    assertEquals(48_000_000L, r.design().clockHz());
    assertTrue(r.design().simulationFiles().contains("SB_PLL40_CORE.v"),
        "simulated with the PLL model");
    assertTrue(r.design().blockRamEstimate() >= 26 && r.design().blockRamEstimate() <= 32,
        "uses the HX8K's block RAM well: " + r.design().blockRamEstimate());
    assertEquals(240, r.golden().size(), "the volley crosses all six stages once");
    assertTrue(r.finalStatus().maxStepCycles() <= PipelinedCoreGenerator.worstCaseCyclesPerStep(
        lower(net)), "worst step " + r.finalStatus().maxStepCycles() + " within the bound");
  }

  /**
   * The whole synfire chain (1,000 neurons, 20 sources, 20,000 synapses) on the pipelined core in
   * its UP5K SPRAM layout (pair memory and both delay rings in SPRAM, loaded over the UART,
   * weights read back as pair words through hr_*), behind the iCEBreaker's PLL (its simulation
   * model) at 36 MHz, below the core's own 38.6 MHz Fmax; every step within the core's cycle
   * bound. (The UP5K's default stays the compact core: this design does not fit its logic.)
   */
  @Test
  void synfireOnTheUp5kPipelinedSpramCoreWithPllIsSpikeExact() throws Exception {
    Network net = CosimSupport.example("synfire");
    CoreImage image = lower(net);
    Ice40Board.Options options = Ice40Board.Options.defaults(Ice40Board.Board.ICEBREAKER)
        .withTemplate(CoreTemplate.PIPELINED).withClockMhz(UP5K_MHZ);
    BoardCosim.Result r = check(options, net, 1);
    assertEquals(CoreTemplate.PIPELINED, r.design().template());
    assertEquals(CoreGenerator.Layout.SPRAM, r.design().layout());
    assertTrue(r.design().simulationFiles().contains("SB_PLL40_PAD.v"),
        "simulated with the PLL model");
    assertTrue(r.design().blockRamEstimate() <= 30, "" + r.design().blockRamEstimate());
    assertTrue(r.finalStatus().maxStepCycles() <= PipelinedSpramLayout.worstCaseCyclesPerStep(
        image), "worst step " + r.finalStatus().maxStepCycles() + " within the bound");
  }

  /**
   * UP5K capacity: 1,024 neurons and 32,768 synapses (bench/models/ring1k.snn) on one core: more
   * synapses than the pipelined SPRAM layout's pair memory holds, so the compact core's SPRAM
   * layout.
   */
  @Test
  void ring1kFillsOneUp5kCoreAndIsSpikeExact() throws Exception {
    Network net = CosimSupport.file(RepositoryRoot.path().resolve("bench/models/ring1k.snn"));
    assertEquals(1024, net.populations().stream().mapToInt(p -> p.size()).sum());
    CoreImage image = lower(net);
    assertEquals(32_768, image.synapses().size());
    BoardCosim.Result r = check(Ice40Board.Options.defaults(Ice40Board.Board.ICEBREAKER), net, 1);
    assertEquals(CoreTemplate.COMPACT, r.design().template());
    assertEquals(CoreGenerator.Layout.SPRAM, r.design().layout(), "the compact SPRAM layout");
    assertTrue(r.design().blockRamEstimate() <= 30, "" + r.design().blockRamEstimate());
  }

  /**
   * bench/models/burst.snn: 600 neurons firing together in 8 steps, each step 600 output spikes
   * for a 256-entry spike FIFO. The compact core's update waits in U_WRITE while the bridge's
   * out_ready is low, the pipelined core stops issuing neurons; the host reads the FIFO while
   * the board runs, and not one spike is lost.
   */
  @Test
  void aStepWithMoreSpikesThanTheSpikeFifoLosesNoneOnEitherCore() throws Exception {
    Network net = CosimSupport.file(RepositoryRoot.path().resolve("bench/models/burst.snn"));
    for (CoreTemplate template : List.of(CoreTemplate.COMPACT, CoreTemplate.PIPELINED)) {
      BoardCosim.Result r = check(Ice40Board.Options.defaults(Ice40Board.Board.ICEBREAKER)
          .withTemplate(template), net);
      assertEquals(template, r.design().template());
      Map<Long, Long> perStep = r.golden().spikes().stream().collect(Collectors.groupingBy(
          s -> s.step(), Collectors.counting()));
      long most = perStep.values().stream().mapToLong(Long::longValue).max().orElse(0);
      assertEquals(600, most, "a step where all 600 fire");
      assertTrue(most > 1L << 8, "more spikes in one step than the spike FIFO holds");
      assertEquals(4_800, r.hardware().size());
    }
  }

  /**
   * STDP on a board: the UP5K's single-core design with the compact core (block-RAM tables, the
   * synapse table in SPRAM), host-injected sources onto plastic synapses; after the run every
   * plastic synapse is read back through the bridge (READ target 3) and its weight is the golden
   * simulator's final weight, word for word.
   */
  @Test
  void stdpWeightsReadBackFromTheBoardAreTheGoldenFinalWeights() throws Exception {
    Network net = CosimSupport.source("stdpboard", TestModels.STDP_BOARD);
    BoardCosim.Result r = check(Ice40Board.Board.ICEBREAKER, net);
    assertEquals(CoreTemplate.COMPACT, r.design().template(), "STDP needs the compact core");
    WeightCheck.Outcome w = r.weights().orElseThrow();
    assertEquals(12, w.compared(), "every plastic synapse read back");
    assertTrue(w.changed() > 0, "the run changed weights: " + w);
    assertTrue(w.exact(), "" + w.mismatch());
  }

  private static CoreImage lower(Network net) {
    return CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
  }

  private static BoardCosim.Result check(Ice40Board.Board board, String example)
      throws Exception {
    return check(board, CosimSupport.example(example));
  }

  private static BoardCosim.Result check(Ice40Board.Board board, Network net)
      throws Exception {
    return check(Ice40Board.Options.defaults(board), net);
  }

  private static BoardCosim.Result check(Ice40Board.Options options, Network net)
      throws Exception {
    return check(options, net, 0);
  }

  /**
   * {@code stepsAhead} 1 for the cases whose cycles per step are figures (the board waits for
   * the simulated UART only between steps), 0 to stream as a real host does.
   */
  private static BoardCosim.Result check(Ice40Board.Options options, Network net,
      int stepsAhead) throws Exception {
    Ice40Board.Board board = options.board();
    ExternalTools.require(Tool.VERILATOR);
    String example = net.name();
    Path work = Path.of("target", "board-cosim", board.suffix, example
        + (options.template() == null ? "" : "-" + options.template().label()));
    long t0 = System.nanoTime();
    BoardCosim.Result r = new BoardCosim(NumericsProfile.COMPACT, options, CLOCKS_PER_BIT,
        CosimSupport.CACHE, work).withStepsAhead(stepsAhead).run(net);
    double seconds = (System.nanoTime() - t0) / 1e9;
    String line = String.format(Locale.ROOT, "%-10s %-9s %-10s golden %4d spikes, board %4d "
        + "spikes, %s, %d load words, %d read back, %d bytes to / %d from the board, %d steps, %d cycles, "
        + "mean %.1f / max %d cycles/step, %.1f s%n", board.suffix, r.design().template().label(),
        example + (r.design().pll() == null ? "" : "@" + r.design().clockHz() / 1_000_000 + "MHz"),
        r.golden().size(),
        r.hardware().size(), r.exact() ? "exact" : "MISMATCH " + r.mismatch().get(),
        r.loadWords(), r.wordsReadBack(), r.bytesSent(), r.bytesReceived(),
        r.finalStatus().stepCount(), r.finalStatus().cycles(),
        r.finalStatus().busyCycles() / (double) Math.max(1, r.finalStatus().stepCount()),
        r.finalStatus().maxStepCycles(), seconds);
    Path report = Path.of("target", "board-cosim.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertTrue(r.exact(), board + "/" + example + ": " + r.mismatch().orElse(null) + ", "
        + r.weights().flatMap(WeightCheck.Outcome::mismatch).orElse(null));
    assertTrue(r.golden().size() > 0, "the example should spike");
    assertEquals(net.steps(), r.finalStatus().stepCount(), "every step ran on the board");
    assertEquals(0, r.finalStatus().dropped(), "no output spike was lost");
    assertTrue(r.wordsReadBack() > 0, "weights were read back over the bridge");
    return r;
  }
}
