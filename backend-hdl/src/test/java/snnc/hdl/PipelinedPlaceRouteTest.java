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
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Bitstream;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * The pipelined core of examples/tiny.snn (compact) on the iCEBreaker demo top level synthesises,
 * places, routes and packs for an iCE40 UP5K (multipliers on SB_MAC16) and an HX8K (LUT
 * multipliers). It asserts that the design fits and routes, not a clock target (benchmarks hold
 * targets); the achieved Fmax goes to target/place-route-pipelined.txt.
 */
class PipelinedPlaceRouteTest {

  static final Path REPORT = Path.of("target", "place-route-pipelined.txt");

  /** iCE40-HX8K breakout pins (notes/ice40.md): 12 MHz clock, two of the user LEDs. */
  static final String HX8K_PCF = "set_io clk_12mhz J3\nset_io led_red_n B5\n"
      + "set_io led_green_n B4\n";

  @TestFactory
  Stream<DynamicTest> pipelinedCoreRoutes() {
    return Stream.of("up5k", "hx8k").map(device -> DynamicTest.dynamicTest(device,
        () -> placeAndRoute(device)));
  }

  private static void placeAndRoute(String device) throws Exception {
    for (Tool t : new Tool[] {Tool.VERILATOR, Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK}) {
      ExternalTools.require(t);
    }
    boolean up5k = device.equals("up5k");
    Network net = Examples.compile("tiny");
    CoreImage image = CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT,
        false);
    HdlEmitter.Output out = Ice40Board.emit(image,
        HdlEmitter.emit(image, CoreTemplate.PIPELINED), net.timestepMs());
    Path dir = Path.of("target", "place-route", "pipelined-" + device);
    out.write(dir);
    String pcf = out.top() + ".pcf";
    if (!up5k) {
      pcf = out.top() + "-hx8k.pcf";
      Files.writeString(dir.resolve(pcf), HX8K_PCF, StandardCharsets.UTF_8);
    }
    Tool.Result lint = Lint.run(dir, out.top(), out.verilogFiles(),
        List.of("-Wno-PINCONNECTEMPTY"));
    assertTrue(lint.ok() && lint.output().isBlank(), "lint:\n" + lint.output());
    Tool.Result syn = Synthesis.run(dir, out.top(), out.verilogFiles(), up5k);
    assertEquals(0, syn.exitCode(), "yosys:\n" + syn.output());
    Synthesis.Resources res = Synthesis.resources(
        Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8),
        dir.resolve(out.top() + ".json"));
    Bitstream.Result b = up5k ? Bitstream.up5k(dir, out.top(), pcf)
        : Bitstream.hx8k(dir, out.top(), pcf);
    assertTrue(b.ok(), "nextpnr/icepack failed:\n" + b.placeAndRoute().output()
        + b.pack().output());
    assertEquals(up5k ? 104_090 : 135_100, Files.size(b.bitstream()), "bitstream size");
    assertTrue(b.fmaxMhz().isPresent(), "nextpnr reported no Fmax");
    if (up5k) {
      assertEquals(5, res.dsps(), "one SB_MAC16 per product");
    } else {
      assertEquals(0, res.dsps(), "the HX8K has no DSPs");
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, String.format(Locale.ROOT,
        "pipelined tiny compact %s: %d LUT4, %d FF, %d SB_RAM40_4K, %d SB_MAC16, Fmax %.1f MHz%n",
        device, res.luts(), res.flipFlops(), res.blockRams(), res.dsps(),
        b.fmaxMhz().getAsDouble()), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
