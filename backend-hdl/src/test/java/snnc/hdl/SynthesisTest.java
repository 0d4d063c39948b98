package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.ir.numerics.NumericsProfile;

/**
 * yosys {@code synth_ice40 -dsp} synthesises the generated core of examples/tiny.snn (compact),
 * block RAMs initialised from the emitted images, within an iCE40 UP5K's cells. The counts go to
 * target/synth-tiny.txt.
 */
class SynthesisTest {

  @Test
  void tinySynthesisesForIce40() throws Exception {
    ExternalTools.require(Tool.YOSYS);
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = HdlEmitter.emit(image);
    Path dir = Path.of("target", "synth", "tiny");
    out.write(dir);
    Tool.Result r = Synthesis.run(dir, out.top(), out.verilogFiles(), true);
    String log = Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8);
    assertEquals(0, r.exitCode(), "yosys failed:\n" + r.output());
    Synthesis.Resources res = Synthesis.resources(log, dir.resolve(out.top() + ".json"));
    Files.writeString(Path.of("target", "synth-tiny.txt"), String.format(Locale.ROOT,
        "tiny compact synth_ice40 -dsp: %d LUT4, %d FF, %d SB_RAM40_4K, %d SB_MAC16%n",
        res.luts(), res.flipFlops(), res.blockRams(), res.dsps()), StandardCharsets.UTF_8);
    assertTrue(res.luts() > 100 && res.luts() <= 5280, "LUT4 count " + res.luts());
    assertTrue(res.blockRams() > 0 && res.blockRams() <= 30, "block RAMs " + res.blockRams());
    assertTrue(Files.size(res.json()) > 0);
    assertTrue(!log.contains("readmemh") || !log.toLowerCase(Locale.ROOT).contains("can't open"),
        "a memory image was not found");
  }
}
