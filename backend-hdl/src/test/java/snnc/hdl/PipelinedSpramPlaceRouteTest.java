package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.PipelinedSpramCore;
import snnc.hdl.emit.TimingHarness;
import snnc.hdl.flow.Bitstream;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.ir.numerics.NumericsProfile;

/**
 * The pipelined core of synfire's size class (exact sizing: 1,024 neurons and keys, 32k synapse
 * addresses, 6 ring slots) in its UP5K layout synthesises, places, routes and packs for an iCE40
 * UP5K in a {@link TimingHarness}: pair memory and rings on the four SB_SPRAM256KA, the block RAM
 * the fit check estimates, one SB_MAC16 per product. Figures go to
 * target/place-route-pipelined-spram.txt.
 */
class PipelinedSpramPlaceRouteTest {

  static final Path REPORT = Path.of("target", "place-route-pipelined-spram.txt");

  @Test
  void synfireClassRoutesOnTheUp5k() throws Exception {
    for (Tool t : new Tool[] {Tool.VERILATOR, Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK}) {
      ExternalTools.require(t);
    }
    CoreImage image = CoreLowering.lower(Examples.compile("synfire"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    PipelinedSpramCore core = PipelinedSpramCore.of(image.shape(),
        List.of("PipelinedSpramPlaceRouteTest"));
    Path dir = Path.of("target", "place-route", "pipelined-spram-up5k");
    Files.createDirectories(dir);
    for (var f : core.files().entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    String top = "synfire_spram_timing";
    Files.writeString(dir.resolve(top + ".v"), TimingHarness.verilog(top, core.top(),
        List.of(new Item.Connection("SPLIT_PRODUCTS", Expr.lit(1, 0))),
        PipelinedCoreGenerator.generate(image.shape(), List.of(),
            PipelinedCoreGenerator.Layout.SPRAM).ports(), "clk",
        List.of("Timing harness of synfire's pipelined SPRAM core")), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(top + ".pcf"), PipelinedPlaceRouteTest.UP5K_PCF,
        StandardCharsets.UTF_8);
    List<String> sim = new java.util.ArrayList<>(core.simulationFiles());
    sim.add(top + ".v");
    Tool.Result lint = Lint.run(dir, top, sim);
    assertTrue(lint.ok() && lint.output().isBlank(), "lint:\n" + lint.output());
    List<String> files = new java.util.ArrayList<>(core.synthesisFiles());
    files.add(top + ".v");
    Tool.Result syn = Synthesis.run(dir, top, files, true);
    assertEquals(0, syn.exitCode(), "yosys:\n" + syn.output());
    String log = Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8);
    Synthesis.Resources res = Synthesis.resources(log, dir.resolve(top + ".json"));
    int sprams = cells(log, "SB_SPRAM256KA");
    assertEquals(PipelinedSpramLayout.SPRAMS, sprams, "pair memory 3 + rings 1");
    assertEquals(PipelinedSpramLayout.blockRams(image.shape()), res.blockRams(),
        "block RAM as estimated");
    assertEquals(5, res.dsps(), "one SB_MAC16 per product");
    Bitstream.Result b = Bitstream.up5k(dir, top, top + ".pcf");
    assertTrue(b.ok(), "nextpnr/icepack failed:\n" + b.placeAndRoute().output()
        + b.pack().output());
    assertTrue(b.fmaxMhz().isPresent(), "nextpnr reported no Fmax");
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, String.format(Locale.ROOT,
        "pipelined SPRAM synfire class %s up5k (timing harness): %d LUT4, %d FF, "
            + "%d SB_RAM40_4K, %d SB_SPRAM256KA, %d SB_MAC16, Fmax %.1f MHz%n",
        image.shape().className(), res.luts(), res.flipFlops(), res.blockRams(), sprams,
        res.dsps(), b.fmaxMhz().getAsDouble()), StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  /** The last count of {@code cell} in yosys's statistics. */
  private static int cells(String log, String cell) {
    Matcher m = Pattern.compile("^\\s*" + cell + "\\s+(\\d+)\\s*$", Pattern.MULTILINE)
        .matcher(log);
    int n = 0;
    while (m.find()) {
      n = Integer.parseInt(m.group(1));
    }
    return n;
  }
}
