package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.Ice40Pll;
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.numerics.NumericsProfile;

/**
 * The emitted system RTL (system top, core, images, filelist, HX8K board top and pins) of
 * examples/tiny.snn mapped onto ice40-hx8k against src/test/resources/golden/hdl-system/tiny;
 * {@code -Dgolden.update=true} rewrites them.
 */
class SystemGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/hdl-system/tiny");

  @Test
  void tinySystemRtlMatchesGolden() throws Exception {
    SystemImage image = SystemLowering.lower(Mapped.map(Examples.compile("tiny"), "ice40-hx8k"),
        NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = SystemBoard.emit(image, SystemEmitter.emit(image),
        SystemBoard.Board.HX8K_BREAKOUT, 1.0);
    if (Boolean.getBoolean("golden.update")) {
      out.write(GOLDEN);
    }
    for (Map.Entry<String, String> f : out.files().entrySet()) {
      Path file = GOLDEN.resolve(f.getKey());
      assertTrue(Files.exists(file), file + " is missing: run with -Dgolden.update=true");
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), f.getValue(),
          f.getKey() + " changed (review, then -Dgolden.update=true)");
    }
    try (var listing = Files.list(GOLDEN)) {
      assertEquals(out.files().size(), listing.count(), "stale files under " + GOLDEN);
    }
  }

  /** Behind a PLL the demo top's step timer counts the PLL clock and reset waits for LOCK. */
  @Test
  void pllClockedDemoTopCountsThePllClock() throws Exception {
    SystemImage image = SystemLowering.lower(Mapped.map(Examples.compile("tiny"), "ice40-hx8k"),
        NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = SystemBoard.emit(image, SystemEmitter.emit(image),
        SystemBoard.Board.HX8K_BREAKOUT, 1.0, Ice40Pll.forClock(12, 48));
    String top = out.files().get(out.top() + ".v");
    assertTrue(top.contains("SB_PLL40_CORE #("), top);
    assertTrue(top.contains(".REFERENCECLK(clk_12mhz)"), top);
    assertTrue(top.contains(".DIVF(7'h3f)"), top);
    // 1 ms at 48 MHz: the timer wraps at 47,999 = 0xbb7f.
    assertTrue(top.contains("(timer == 24'hbb7f)"), top);
    assertTrue(top.contains("if ((!lock_sync)) begin"), top);
  }
}
