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
import snnc.hdl.emit.TimingHarness;
import snnc.hdl.flow.Bitstream;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * The pipelined core of examples/tiny.snn (compact) synthesises, places, routes and packs for an
 * iCE40 UP5K (multipliers on SB_MAC16) and an HX8K (split LUT multipliers), wrapped in a
 * {@link TimingHarness} (three pins, every core input from a shift register, so the load port is
 * live and the parameter table stays a RAM). It asserts that the design fits and routes and that
 * nextpnr reports a clock; the figures go to target/place-route-pipelined.txt (the clock targets
 * are the benchmark's, bench/run fpga).
 */
class PipelinedPlaceRouteTest {

  static final Path REPORT = Path.of("target", "place-route-pipelined.txt");

  /** The harness pins: iCEBreaker clock, UART RX and TX; HX8K breakout the same. */
  static final String UP5K_PCF = "set_io clk 35\nset_io sin 6\nset_io sout 9\n";
  static final String HX8K_PCF = "set_io clk J3\nset_io sin B10\nset_io sout B12\n";

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
    HdlEmitter.Output out = HdlEmitter.emit(image, CoreTemplate.PIPELINED);
    Path dir = Path.of("target", "place-route", "pipelined-" + device);
    out.write(dir);
    // The core itself in the harness: its memories start empty and are written through the live
    // load port, so yosys cannot fold the parameter table into the multipliers.
    String top = "tiny_timing";
    Files.writeString(dir.resolve(top + ".v"), TimingHarness.verilog(top, out.core(),
        List.of(new Item.Connection("SPLIT_PRODUCTS", Expr.lit(1, up5k ? 0 : 1))),
        PipelinedCoreGenerator.generate(image.shape(), List.of()).ports(), "clk",
        List.of("Timing harness of tiny's pipelined core (PipelinedPlaceRouteTest)")),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(top + ".pcf"), up5k ? UP5K_PCF : HX8K_PCF,
        StandardCharsets.UTF_8);
    List<String> files = List.of(out.core() + ".v", top + ".v");
    Tool.Result lint = Lint.run(dir, top, files, List.of());
    assertTrue(lint.ok() && lint.output().isBlank(), "lint:\n" + lint.output());
    Tool.Result syn = Synthesis.run(dir, top, files, up5k);
    assertEquals(0, syn.exitCode(), "yosys:\n" + syn.output());
    Synthesis.Resources res = Synthesis.resources(
        Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8),
        dir.resolve(top + ".json"));
    assertTrue(res.luts() < (up5k ? 5_280 : 7_680), "fits the device's logic: " + res.luts());
    assertTrue(res.blockRams() <= (up5k ? 30 : 32), "fits the block RAM: " + res.blockRams());
    if (up5k) {
      assertEquals(5, res.dsps(), "one SB_MAC16 per product");
    } else {
      assertEquals(0, res.dsps(), "the HX8K has no DSPs");
    }
    Bitstream.Result b = up5k ? Bitstream.up5k(dir, top, top + ".pcf")
        : Bitstream.hx8k(dir, top, top + ".pcf");
    assertTrue(b.ok(), "nextpnr/icepack failed:\n" + b.placeAndRoute().output()
        + b.pack().output());
    assertEquals(up5k ? 104_090 : 135_100, Files.size(b.bitstream()), "bitstream size");
    assertTrue(b.fmaxMhz().isPresent(), "nextpnr reported no Fmax");
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, String.format(Locale.ROOT,
        "pipelined tiny compact %s (timing harness): %d LUT4, %d FF, %d SB_RAM40_4K, "
            + "%d SB_MAC16, Fmax %.1f MHz%n", device, res.luts(), res.flipFlops(),
        res.blockRams(), res.dsps(), b.fmaxMhz().getAsDouble()), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
