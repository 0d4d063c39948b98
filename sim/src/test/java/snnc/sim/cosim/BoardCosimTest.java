package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.Ice40Board;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * Board designs, driven only through their UART pins (bridge protocol, load image into SPRAM on
 * the iCEBreaker, weights read back, spikes in and out), fire exactly the golden fixed-mode
 * spikes. Figures go to target/board-cosim.txt.
 */
class BoardCosimTest {

  /** UART bit time in the simulation: short, so loading does not dominate the test. */
  static final int CLOCKS_PER_BIT = 8;

  @Test
  void icebreakerThroughTheUartIsSpikeExact() throws Exception {
    check(Ice40Board.Board.ICEBREAKER, "delays", 32);
  }

  @Test
  void hx8kThroughTheUartIsSpikeExact() throws Exception {
    check(Ice40Board.Board.HX8K_BREAKOUT, "tiny", 7);
  }

  private static void check(Ice40Board.Board board, String example, int blockSteps)
      throws Exception {
    CosimSupport.requireVerilator();
    Network net = CosimSupport.example(example);
    Path work = Path.of("target", "board-cosim", board.suffix, example);
    long t0 = System.nanoTime();
    BoardCosim.Result r = new BoardCosim(NumericsProfile.COMPACT, board, CLOCKS_PER_BIT,
        CosimSupport.CACHE, work, blockSteps).run(net);
    double seconds = (System.nanoTime() - t0) / 1e9;
    String line = String.format(Locale.ROOT, "%-10s %-8s golden %4d spikes, board %4d spikes, "
        + "%s, %d load words, %d read back, %d bytes to / %d from the board, %d steps, %d cycles, max %d "
        + "cycles/step, %.1f s%n", board.suffix, example, r.golden().size(), r.hardware().size(),
        r.exact() ? "exact" : "MISMATCH " + r.mismatch().get(), r.loadWords(), r.wordsReadBack(), r.bytesSent(),
        r.bytesReceived(), r.finalStatus().stepCount(), r.finalStatus().cycles(),
        r.finalStatus().maxStepCycles(), seconds);
    Path report = Path.of("target", "board-cosim.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertTrue(r.exact(), board + "/" + example + ": " + r.mismatch().orElse(null));
    assertTrue(r.golden().size() > 0, "the example should spike");
    assertEquals(net.steps(), r.finalStatus().stepCount(), "every step ran on the board");
    assertEquals(0, r.finalStatus().dropped(), "no output spike was lost");
    assertTrue(r.wordsReadBack() > 0, "weights were read back over the bridge");
  }
}
