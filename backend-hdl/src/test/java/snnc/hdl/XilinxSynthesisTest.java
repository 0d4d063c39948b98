package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.VendorProjects;
import snnc.hdl.flow.Tool;
import snnc.hdl.flow.XilinxSynthesis;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.ir.numerics.NumericsProfile;

/**
 * yosys {@code synth_xilinx} synthesises the RTL of examples/tiny.snn that the Vivado project files
 * point at (same folder, same filelist) for the 7-series family, memories as block RAM, within an
 * Artix-7 35T. The counts go to target/synth-xilinx-tiny.txt.
 */
class XilinxSynthesisTest {

  @Test
  void tinySynthesisesForXilinx7Series() throws Exception {
    ExternalTools.require(Tool.YOSYS);
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = HdlEmitter.emit(image);
    Path dir = Path.of("target", "synth-xilinx", "tiny");
    out.write(dir);
    VendorProjects.write(dir, VendorProjects.Design.modelTop(image, out),
        VendorProjects.Board.GENERIC, List.of());
    Tool.Result r = XilinxSynthesis.run(dir, out.top(), out.verilogFiles());
    assertEquals(0, r.exitCode(), "yosys synth_xilinx failed:\n" + r.output());
    String log = Files.readString(dir.resolve("yosys-xilinx.log"), StandardCharsets.UTF_8);
    XilinxSynthesis.Resources res = XilinxSynthesis.resources(log);
    Files.writeString(Path.of("target", "synth-xilinx-tiny.txt"), String.format(Locale.ROOT,
        "tiny compact synth_xilinx -family xc7: %d LUT, %d FF, %d RAMB18E1, %d RAMB36E1, "
            + "%d DSP48E1%n", res.luts(), res.flipFlops(), res.ramb18(), res.ramb36(),
        res.dsps()), StandardCharsets.UTF_8);
    // xc7a35t: 20,800 LUTs, 41,600 FFs, 50 36-Kbit block RAMs, 90 DSP48E1.
    assertTrue(res.luts() > 100 && res.luts() <= 20_800, "LUTs " + res.luts());
    assertTrue(res.flipFlops() > 50 && res.flipFlops() <= 41_600, "FFs " + res.flipFlops());
    assertTrue(res.bramTiles() >= 3 && res.bramTiles() <= 50, "block RAM " + res.bramTiles());
    assertTrue(res.dsps() >= 1 && res.dsps() <= 90, "DSP48E1 " + res.dsps());
    assertTrue(res.cells().keySet().stream().noneMatch(c -> c.startsWith("$")),
        "generic cells left unmapped: " + res.cells().keySet());
    assertTrue(!log.toLowerCase(Locale.ROOT).contains("can't open"),
        "a memory image was not found");
  }

  @Test
  void statisticsParseTheLastCellList() {
    String log = """
        === tiny_top ===
           Number of cells:                 3
             LUT2                            9
        === design hierarchy ===
           Number of cells:               31
             CARRY4                          2
             FDRE                           10
             FDSE                            1
             LUT1                            3
             LUT6                            4
             RAMB18E1                        3
             RAMB36E1                        1
             DSP48E1                         2

        End of script.
        """;
    XilinxSynthesis.Resources r = XilinxSynthesis.resources(log);
    assertEquals(7, r.luts());
    assertEquals(11, r.flipFlops());
    assertEquals(2.5, r.bramTiles());
    assertEquals(2, r.dsps());
    assertEquals(8, r.cells().size());
    assertThrows(IllegalArgumentException.class, () -> XilinxSynthesis.resources("no stats"));
  }
}
