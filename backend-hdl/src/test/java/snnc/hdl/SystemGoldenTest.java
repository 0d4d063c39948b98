package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.HdlEmitter;
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
}
