package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Bitstream;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * examples/tiny.snn (compact) on the iCEBreaker board top (UART bridge, SPRAM layout: synapse
 * pairs and delay rings in SPRAM)
 * goes through yosys, nextpnr-ice40 and icepack to a real UP5K bitstream (104,090 bytes). Figures
 * go to target/bitstream-tiny.txt.
 */
class BitstreamTest {

  @Test
  void tinyBecomesAnUp5kBitstream() throws Exception {
    for (Tool t : new Tool[] {Tool.VERILATOR, Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK}) {
      ExternalTools.require(t);
    }
    Network net = Examples.compile("tiny");
    CoreImage image = CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT,
        false);
    Ice40Board.Output out = Ice40Board.emit(image,
        Ice40Board.Options.defaults(Ice40Board.Board.ICEBREAKER));
    Path dir = Path.of("target", "bitstream", "tiny");
    out.write(dir);
    Tool.Result lint = Lint.run(dir, out.top(), out.simulationFiles());
    assertTrue(lint.ok() && lint.output().isBlank(), "lint:\n" + lint.output());
    Tool.Result syn = Synthesis.run(dir, out.top(), out.synthesisFiles(), true);
    assertEquals(0, syn.exitCode(), "yosys:\n" + syn.output());
    Synthesis.Resources res = Synthesis.resources(
        Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8),
        dir.resolve(out.top() + ".json"));
    String log = Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8);
    int sprams = Synthesis.cells(log, "SB_SPRAM256KA");
    assertEquals(CoreGenerator.Layout.SPRAM, out.layout());
    assertEquals(4, sprams, "three SPRAM blocks of synapse pairs and one of delay rings");
    assertTrue(res.blockRams() <= out.blockRamEstimate(), "block RAM " + res.blockRams()
        + " within the estimate " + out.blockRamEstimate());
    Bitstream.Result b = Bitstream.up5k(dir, out.top(), out.pinFile());
    assertTrue(b.ok(), "nextpnr/icepack failed:\n" + b.placeAndRoute().output()
        + b.pack().output());
    assertEquals(104_090, Files.size(b.bitstream()), "an UP5K bitstream is 104,090 bytes");
    Files.writeString(Path.of("target", "bitstream-tiny.txt"), String.format(Locale.ROOT,
        "tiny compact iCEBreaker: %d LUT4, %d FF, %d SB_RAM40_4K, %d SB_SPRAM256KA, %d SB_MAC16,"
            + " Fmax %s MHz%n",
        res.luts(), res.flipFlops(), res.blockRams(), sprams, res.dsps(),
        b.fmaxMhz().isPresent() ? String.format(Locale.ROOT, "%.1f", b.fmaxMhz().getAsDouble())
            : "?"), StandardCharsets.UTF_8);
    assertTrue(b.fmaxMhz().orElse(0) >= 12.0, "must meet the board's 12 MHz clock");
  }
}
