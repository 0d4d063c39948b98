package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.ir.numerics.NumericsProfile;

/**
 * The emitted RTL of examples/tiny.snn (default profile compact, exact sizing) against the files
 * under src/test/resources/golden/hdl/tiny; {@code -Dgolden.update=true} rewrites them.
 */
class RtlGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/hdl/tiny");

  @Test
  void tinyRtlMatchesGolden() throws Exception {
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = HdlEmitter.emit(image);
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

  @Test
  void everyFileNamesTheModelAndVersion() {
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.S16_15,
        CoreLowering.Sizing.EXACT, false);
    for (Map.Entry<String, String> f : HdlEmitter.emit(image).files().entrySet()) {
      String first = f.getValue().lines().findFirst().orElse("");
      assertTrue(first.contains("snnc " + HdlEmitter.version()) && first.contains("'tiny'"),
          f.getKey() + " header: " + first);
    }
  }
}
