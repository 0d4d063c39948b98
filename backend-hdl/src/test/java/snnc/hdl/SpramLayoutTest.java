package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SpramLayout;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.ir.numerics.NumericsProfile;

/** The UP5K's SPRAM layout: what fits, the block RAM estimate, the pair words. */
class SpramLayoutTest {

  private static final int BUDGET = 30 - Ice40Board.BRIDGE_BLOCK_RAMS;

  private static CoreImage lower(Network net, NumericsProfile profile) {
    return CoreLowering.lower(net, profile, CoreLowering.Sizing.EXACT, false);
  }

  @Test
  void synfireFitsWithTheBlockRamYosysUses() {
    CoreImage image = lower(Examples.compile("synfire"), NumericsProfile.COMPACT);
    assertEquals(List.of(), SpramLayout.problems(image, BUDGET));
    // Measured with yosys synth_ice40 on synfire's board design: 29 SB_RAM40_4K in all, the
    // bridge's 3 and the core's parameter table 1, state 56 x 1024 14, rows 30 x 1024 8,
    // queue 10 x 1024 3.
    assertEquals(26, SpramLayout.blockRams(image.shape(), CoreGenerator.Layout.SPRAM, true));
    assertEquals(22, image.shape().synapses().width(), "a synapse fits half a pair word");
  }

  @Test
  void s1615AndTwelveStagesDoNotFitAndSayWhy() throws Exception {
    CoreImage wide = lower(Examples.compile("synfire"), NumericsProfile.S16_15);
    assertTrue(SpramLayout.problems(wide, BUDGET).stream()
        .anyMatch(p -> p.startsWith("profile s16.15")), SpramLayout.problems(wide, BUDGET)
        .toString());
    String text = Files.readString(RepositoryRoot.examples().resolve("synfire.snn"))
        .replace("let stages = 10", "let stages = 12");
    DiagnosticSink sink = new DiagnosticSink();
    Network twelve = new Frontend(new SourceMap(), sink).compileText("synfire12.snn", text)
        .orElseThrow();
    List<String> why = SpramLayout.problems(lower(twelve, NumericsProfile.COMPACT), BUDGET);
    assertTrue(why.stream().anyMatch(p -> p.startsWith("SPRAM: the delay rings need 2 receptors "
        + "x 8 slots (delays up to 5 steps) x 2,048 neurons = 32,768 entries")), why.toString());
    assertTrue(why.stream().anyMatch(p -> p.startsWith("block RAM: the core needs")),
        why.toString());
  }

  @Test
  void pairWordsPutTheEvenSynapseLow() {
    List<BigInteger> pairs = SpramLayout.pairWords(List.of(BigInteger.valueOf(0x123456),
        BigInteger.valueOf(0xABCDEF), BigInteger.valueOf(7)));
    assertEquals(List.of(new BigInteger("ABCDEF123456", 16), BigInteger.valueOf(7)), pairs);
  }
}
