package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.bridge.LoadImage;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.Ice40Board.Board;
import snnc.hdl.emit.Ice40Pll;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.ir.numerics.NumericsProfile;

/** Board designs: lint clean on both boards, SPRAM only on the UP5K, pins checked. */
class Ice40BoardTest {

  @TestFactory
  Stream<DynamicTest> boardsLintClean() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Board board : Board.values()) {
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        for (String example : List.of("tiny", "synfire")) {
          tests.add(DynamicTest.dynamicTest(board.suffix + "/" + profile.name() + "/" + example,
              () -> lint(board, profile, example)));
        }
      }
    }
    return tests.stream();
  }

  private static void lint(Board board, NumericsProfile profile, String example)
      throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    CoreImage image = CoreLowering.lower(Examples.compile(example), profile,
        CoreLowering.Sizing.EXACT, false);
    boolean spramLayout = board == Board.ICEBREAKER && profile == NumericsProfile.COMPACT;
    if (example.equals("synfire") && !spramLayout) {
      // 1,000 neurons' delay rings in block RAM: far more than either device has.
      HdlException e = assertThrows(HdlException.class,
          () -> Ice40Board.emit(image, Ice40Board.Options.defaults(board)));
      assertEquals(Ice40Board.CAPACITY, e.diagnostics().get(0).code());
      assertTrue(e.getMessage().contains("block RAM: the core and bridge need about"),
          e.getMessage());
      return;
    }
    Ice40Board.Output out = Ice40Board.emit(image, Ice40Board.Options.defaults(board));
    assertEquals(spramLayout ? CoreGenerator.Layout.SPRAM : CoreGenerator.Layout.DUAL_PORT,
        out.layout(), "compact networks that fit take the UP5K's SPRAM layout");
    assertEquals(CoreTemplate.COMPACT, out.template(), "both boards default to the compact core");
    // The receive FIFO is in block RAM exactly when that still leaves one free.
    boolean receiveRam = out.files().get(out.top() + ".v").contains(".RX_FIFO_RAM(1)");
    assertTrue(receiveRam ? out.blockRamEstimate() < board.blockRams
        : out.blockRamEstimate() + 2 > board.blockRams, "estimate " + out.blockRamEstimate());
    if (spramLayout) {
      // The pipelined core's SPRAM layout on request: weights through hr_* as pair words.
      Ice40Board.Output p = Ice40Board.emit(image, Ice40Board.Options.defaults(board)
          .withTemplate(CoreTemplate.PIPELINED));
      assertEquals(CoreTemplate.PIPELINED, p.template());
      assertEquals(CoreGenerator.Layout.SPRAM, p.layout());
      // Block RAM to spare: the bridge's receive FIFO takes one.
      assertEquals(PipelinedSpramLayout.blockRams(image.shape()) + Ice40Board.BRIDGE_BLOCK_RAMS
          + 1, p.blockRamEstimate());
      assertTrue(p.files().get(p.top() + ".v").contains(".RX_FIFO_RAM(1)"));
      assertTrue(p.coreModule().endsWith("_sp_board"), p.coreModule());
      String system = p.files().get(p.system() + ".v");
      assertTrue(system.contains(".SPLIT_PRODUCTS(1'b0)"), "products on the UP5K's SB_MAC16");
      assertTrue(system.contains(".hr_valid(host_read)"), system);
      assertFalse(system.contains("INIT_ROWS"), "rows come through the load port");
      assertTrue(p.simulationFiles().contains("SB_SPRAM256KA.v"));
      assertFalse(p.synthesisFiles().contains("SB_SPRAM256KA.v"));
      Path pdir = Path.of("target", "board", board.suffix + "-pipelined", profile.name(),
          example);
      p.write(pdir);
      Tool.Result pr = Lint.run(pdir, p.top(), p.simulationFiles());
      assertEquals(0, pr.exitCode(), "verilator lint failed:\n" + pr.output());
      assertTrue(pr.output().isBlank(), "verilator lint warnings:\n" + pr.output());
    }
    if (board == Board.HX8K_BREAKOUT) {
      // The pipelined core behind the bridge (weights read through its rb_* beats) lints too.
      Ice40Board.Output p = Ice40Board.emit(image, Ice40Board.Options.defaults(board)
          .withTemplate(CoreTemplate.PIPELINED));
      assertEquals(CoreTemplate.PIPELINED, p.template());
      Path pdir = Path.of("target", "board", board.suffix + "-pipelined", profile.name(),
          example);
      p.write(pdir);
      Tool.Result pr = Lint.run(pdir, p.top(), p.simulationFiles());
      assertEquals(0, pr.exitCode(), "verilator lint failed:\n" + pr.output());
      assertTrue(pr.output().isBlank(), "verilator lint warnings:\n" + pr.output());
    } else if (!spramLayout) {
      // Profiles other than compact do not fit the pipelined core's SPRAM layout.
      HdlException e = assertThrows(HdlException.class, () -> Ice40Board.emit(image,
          Ice40Board.Options.defaults(board).withTemplate(CoreTemplate.PIPELINED)));
      assertTrue(e.getMessage().contains("pipelined core, SPRAM layout: profile"),
          e.getMessage());
    }
    Path dir = Path.of("target", "board", board.suffix, profile.name(), example);
    out.write(dir);
    Tool.Result r = Lint.run(dir, out.top(), out.simulationFiles());
    assertEquals(0, r.exitCode(), "verilator lint failed:\n" + r.output());
    assertTrue(r.output().isBlank(), "verilator lint warnings:\n" + r.output());
    boolean simModel = out.simulationFiles().contains("SB_SPRAM256KA.v");
    assertEquals(board.spram, simModel, "the SPRAM model is in the file list iff SPRAM is used");
    assertFalse(out.synthesisFiles().contains("SB_SPRAM256KA.v"),
        "synthesis uses the hard SPRAM, never the model");
    assertTrue(Files.readString(dir.resolve("filelist.f")).contains(out.top() + ".v"));
    long synapseWords = spramLayout ? (image.synapses().size() + 1) / 2 : image.synapses().size();
    assertEquals(LoadImage.parse(Files.readAllBytes(dir.resolve(out.loadImageName()))).words(),
        image.constants().size() + image.state().size() + image.rows().size()
            + synapseWords + 1L, "the load image writes every word once (synapses in pairs "
            + "in the SPRAM layout)");
  }

  /**
   * A PLL clock: the board's PLL primitive with icepll's settings, the UART divider and the
   * reported clock follow it, reset waits for LOCK, and the PLL's simulation model is linted
   * and simulated but never synthesised; the pipelined core's read-back adapter lints clean.
   */
  @Test
  void pllClockDrivesTheDesignAndLintsClean() throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    for (Board board : Board.values()) {
      double mhz = board == Board.ICEBREAKER ? 16 : 48;
      Ice40Board.Output out = Ice40Board.emit(image, Ice40Board.Options.defaults(board)
          .withClockMhz(mhz).withTemplate(board == Board.HX8K_BREAKOUT ? CoreTemplate.PIPELINED
              : null));
      String top = out.files().get(out.top() + ".v");
      assertEquals(Ice40Pll.forClock(12, mhz).outputHz(), out.clockHz(),
          "the design runs at the clock the PLL achieves");
      assertTrue(top.contains(board.pllCell + " #("), top);
      assertTrue(top.contains(board == Board.ICEBREAKER ? ".PACKAGEPIN(clk_12mhz)"
          : ".REFERENCECLK(clk_12mhz)"), top);
      assertTrue(top.contains("if (!lock_sync) por <= 5'd0;"), "reset held until lock:\n" + top);
      assertTrue(top.contains("parameter CLKS_PER_BIT = "
          + Math.round(out.clockHz() / 115_200.0)), top);
      assertTrue(out.simulationFiles().contains(board.pllCell + ".v"));
      assertFalse(out.synthesisFiles().contains(board.pllCell + ".v"),
          "synthesis uses the hard PLL, never the model");
      Path dir = Path.of("target", "board-pll", board.suffix);
      out.write(dir);
      Tool.Result r = Lint.run(dir, out.top(), out.simulationFiles());
      assertEquals(0, r.exitCode(), "verilator lint failed:\n" + r.output());
      assertTrue(r.output().isBlank(), "verilator lint warnings:\n" + r.output());
    }
    Ice40Board.Output plain = Ice40Board.emit(image,
        Ice40Board.Options.defaults(Board.HX8K_BREAKOUT).withClockMhz(12));
    assertEquals(null, plain.pll(), "12 MHz is the oscillator itself");
    assertFalse(plain.files().get(plain.top() + ".v").contains("SB_PLL40"));
    assertThrows(IllegalArgumentException.class,
        () -> Ice40Board.Options.defaults(Board.ICEBREAKER).withClockMhz(14));
  }

  @Test
  void defaultPinsPlaceEveryPortOnTheBoardsPins() throws Exception {
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    Ice40Board.Output ice = Ice40Board.emit(image, Ice40Board.Options.defaults(Board.ICEBREAKER));
    String pcf = ice.files().get(ice.pinFile());
    for (String line : List.of("set_io clk_12mhz 35", "set_io uart_rx 6", "set_io uart_tx 9",
        "set_io btn_n 10", "set_io led_red_n 11", "set_io led_green_n 37")) {
      assertTrue(pcf.contains(line), line + " in\n" + pcf);
    }
    Ice40Board.Output hx = Ice40Board.emit(image,
        Ice40Board.Options.defaults(Board.HX8K_BREAKOUT));
    String hxPcf = hx.files().get(hx.pinFile());
    for (String line : List.of("set_io clk_12mhz J3", "set_io uart_rx B10",
        "set_io uart_tx B12", "set_io led_running B5")) {
      assertTrue(hxPcf.contains(line), line + " in\n" + hxPcf);
    }
    assertFalse(hx.files().keySet().stream().anyMatch(f -> f.contains("spram")),
        "the HX8K has no SPRAM");
  }

  @Test
  void userPinFileReplacesTheDefaultAndMustPlaceEveryPort() throws Exception {
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    String mine = "# my board\nset_io -nowarn clk_12mhz 35\nset_io uart_rx 2\nset_io uart_tx 3\n"
        + "set_io btn_n 4\nset_io led_red_n 39 # RGB red\nset_io -pullup yes led_green_n 40\n";
    Ice40Board.Output out = Ice40Board.emit(image,
        new Ice40Board.Options(Board.ICEBREAKER, 115_200, mine, "mine.pcf"));
    assertEquals(mine, out.files().get(out.pinFile()));
    String missing = mine.replace("set_io uart_tx 3\n", "# set_io uart_tx 3\n");
    HdlException e = assertThrows(HdlException.class, () -> Ice40Board.emit(image,
        new Ice40Board.Options(Board.ICEBREAKER, 115_200, missing, "mine.pcf")));
    assertEquals(1, e.diagnostics().size());
    assertEquals(Ice40Board.PINS, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains("uart_tx"), e.getMessage());
    assertEquals("mine.pcf", e.diagnostics().get(0).span().file());
  }
}
