package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * The pipelined core of examples/tiny.snn (compact) on its model top is lint clean and synthesises
 * with yosys {@code synth_ice40} within an iCE40 UP5K (multipliers on SB_MAC16) and an HX8K (LUT
 * multipliers); resources go to target/place-route-pipelined.txt. Place and route with a clock
 * figure needs a board top around the pipelined core, which the board generators do not offer yet
 * (they wrap the compact core).
 */
class PipelinedPlaceRouteTest {

  static final Path REPORT = Path.of("target", "place-route-pipelined.txt");

  @TestFactory
  Stream<DynamicTest> pipelinedCoreRoutes() {
    return Stream.of("up5k", "hx8k").map(device -> DynamicTest.dynamicTest(device,
        () -> placeAndRoute(device)));
  }

  private static void placeAndRoute(String device) throws Exception {
    for (Tool t : new Tool[] {Tool.VERILATOR, Tool.YOSYS}) {
      ExternalTools.require(t);
    }
    boolean up5k = device.equals("up5k");
    Network net = Examples.compile("tiny");
    CoreImage image = CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT,
        false);
    // The board tops wrap the compact core (the UART bridge design and the compile flow's
    // SystemBoard), so the pipelined core is synthesised on its model top: yosys needs no pins.
    HdlEmitter.Output out = HdlEmitter.emit(image, CoreTemplate.PIPELINED);
    Path dir = Path.of("target", "place-route", "pipelined-" + device);
    out.write(dir);
    Tool.Result lint = Lint.run(dir, out.top(), out.verilogFiles(), List.of());
    assertTrue(lint.ok() && lint.output().isBlank(), "lint:\n" + lint.output());
    Tool.Result syn = Synthesis.run(dir, out.top(), out.verilogFiles(), up5k);
    assertEquals(0, syn.exitCode(), "yosys:\n" + syn.output());
    Synthesis.Resources res = Synthesis.resources(
        Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8),
        dir.resolve(out.top() + ".json"));
    assertTrue(res.luts() < (up5k ? 5_280 : 7_680), "fits the device's logic: " + res.luts());
    assertTrue(res.blockRams() <= (up5k ? 30 : 32), "fits the block RAM: " + res.blockRams());
    if (up5k) {
      assertEquals(5, res.dsps(), "one SB_MAC16 per product");
    } else {
      assertEquals(0, res.dsps(), "the HX8K has no DSPs");
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, String.format(Locale.ROOT,
        "pipelined tiny compact %s (yosys): %d LUT4, %d FF, %d SB_RAM40_4K, %d SB_MAC16%n",
        device, res.luts(), res.flipFlops(), res.blockRams(), res.dsps()),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
