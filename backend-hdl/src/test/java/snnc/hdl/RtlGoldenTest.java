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
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.numerics.NumericsProfile;

/**
 * The emitted RTL of examples/tiny.snn (default profile compact, exact sizing) on the compact and
 * the pipelined core against the files under src/test/resources/golden/hdl/tiny and tiny-pipelined;
 * {@code -Dgolden.update=true} rewrites them.
 */
class RtlGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/hdl/tiny");
  static final Path GOLDEN_PIPELINED = Path.of("src/test/resources/golden/hdl/tiny-pipelined");

  @Test
  void tinyRtlMatchesGolden() throws Exception {
    check(CoreTemplate.COMPACT, GOLDEN);
  }

  @Test
  void tinyPipelinedRtlMatchesGolden() throws Exception {
    check(CoreTemplate.PIPELINED, GOLDEN_PIPELINED);
  }

  private static void check(CoreTemplate template, Path golden) throws Exception {
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = HdlEmitter.emit(image, template);
    if (Boolean.getBoolean("golden.update")) {
      out.write(golden);
    }
    for (Map.Entry<String, String> f : out.files().entrySet()) {
      Path file = golden.resolve(f.getKey());
      assertTrue(Files.exists(file), file + " is missing: run with -Dgolden.update=true");
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), f.getValue(),
          f.getKey() + " changed (review, then -Dgolden.update=true)");
    }
    try (var listing = Files.list(golden)) {
      assertEquals(out.files().size(), listing.count(), "stale files under " + golden);
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
