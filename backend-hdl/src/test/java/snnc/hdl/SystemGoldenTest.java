package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.numerics.NumericsProfile;

/**
 * The emitted board design of a mapped system (system top, core, images, the bridge adapter, the
 * HX8K board top with the UART bridge, pins, filelist and load image) of examples/tiny.snn
 * mapped onto ice40-hx8k against src/test/resources/golden/hdl-system/tiny;
 * {@code -Dgolden.update=true} rewrites them.
 */
class SystemGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/hdl-system/tiny");
  /** The UART bridge's files are copied resources (tested by the bridge tests), not goldens. */
  static final Set<String> BRIDGE = Set.of("snnc_uart_rx.v", "snnc_uart_tx.v",
      "snnc_byte_fifo.v", "snnc_uart_bridge.v");

  @Test
  void tinySystemRtlMatchesGolden() throws Exception {
    SystemImage image = SystemLowering.lower(Mapped.map(Examples.compile("tiny"), "ice40-hx8k"),
        NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
    Ice40Board.Output out = SystemBoard.emit(image, SystemEmitter.emit(image),
        Ice40Board.Options.defaults(Ice40Board.Board.HX8K_BREAKOUT));
    if (Boolean.getBoolean("golden.update")) {
      try (var old = Files.list(GOLDEN)) {
        for (Path f : old.toList()) {
          Files.delete(f);
        }
      }
      out.write(GOLDEN);
      for (String f : BRIDGE) {
        Files.delete(GOLDEN.resolve(f));
      }
    }
    for (Map.Entry<String, String> f : out.files().entrySet()) {
      if (BRIDGE.contains(f.getKey())) {
        continue;
      }
      Path file = GOLDEN.resolve(f.getKey());
      assertTrue(Files.exists(file), file + " is missing: run with -Dgolden.update=true");
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), f.getValue(),
          f.getKey() + " changed (review, then -Dgolden.update=true)");
    }
    assertArrayEquals(Files.readAllBytes(GOLDEN.resolve(out.loadImageName())), out.loadImage(),
        out.loadImageName() + " changed (review, then -Dgolden.update=true)");
    try (var listing = Files.list(GOLDEN)) {
      assertEquals(out.files().size() + 1 - BRIDGE.size(), listing.count(),
          "stale files under " + GOLDEN);
    }
  }

  /** Behind a PLL the bridge's bit time follows the PLL clock and reset waits for LOCK. */
  @Test
  void pllClockedBoardTopUsesThePllClock() throws Exception {
    SystemImage image = SystemLowering.lower(Mapped.map(Examples.compile("tiny"), "ice40-hx8k"),
        NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
    Ice40Board.Output out = SystemBoard.emit(image, SystemEmitter.emit(image),
        Ice40Board.Options.defaults(Ice40Board.Board.HX8K_BREAKOUT).withClockMhz(48));
    String top = out.files().get(out.top() + ".v");
    assertTrue(top.contains("SB_PLL40_CORE #("), top);
    assertTrue(top.contains(".REFERENCECLK(clk_12mhz)"), top);
    // 48 MHz / 115,200 baud = 416.7: 417 cycles per bit.
    assertTrue(top.contains("parameter CLKS_PER_BIT = 417"), top);
    assertTrue(top.contains("if (!lock_sync) por <= 5'd0;"), top);
    assertEquals(48_000_000L, out.clockHz());
    assertTrue(out.simulationFiles().contains("SB_PLL40_CORE.v"));
    assertTrue(!out.synthesisFiles().contains("SB_PLL40_CORE.v"));
  }
}
