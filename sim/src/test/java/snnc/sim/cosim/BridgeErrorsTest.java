package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.hdl.ExternalTools;
import snnc.hdl.bridge.BridgeClient;
import snnc.hdl.bridge.BridgeProtocol.Command;
import snnc.hdl.bridge.BridgeProtocol.Status;
import snnc.hdl.bridge.BridgeProtocol;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.ir.numerics.NumericsProfile;

/**
 * The Verilog bridge detects what the protocol promises to detect: damaged frames, unknown
 * commands, bad lengths, unsupported reads, writes while busy, a full input FIFO; and it skips
 * noise before a frame. Paced runs keep their period and flag late steps. Runs on the (cached)
 * HX8K board of examples/tiny.snn.
 */
class BridgeErrorsTest {

  private static BoardProcess start() throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    CoreImage image = CoreLowering.lower(CosimSupport.example("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    Ice40Board.Output out = Ice40Board.emit(image,
        Ice40Board.Options.defaults(Ice40Board.Board.HX8K_BREAKOUT));
    Path rtl = Path.of("target", "board-cosim", "hx8k", "tiny", "rtl");
    out.write(rtl);
    Path exe = VerilatedBoard.executable(out, rtl, BoardCosimTest.CLOCKS_PER_BIT,
        CosimSupport.CACHE);
    return BoardProcess.start(exe, rtl);
  }

  @Test
  void pacedRunsStartOneStepPerPeriodAndFlagLateSteps() throws Exception {
    try (BoardProcess link = start()) {
      BridgeClient host = new BridgeClient(link);
      host.awaitIdle(1000);
      host.run(10, 200_000);
      BridgeProtocol.BoardStatus early = host.status();
      assertEquals(true, early.stepsLeft() >= 9, "one step per 200,000 cycles: " + early);
      BridgeProtocol.BoardStatus done = host.awaitIdle(100_000);
      assertEquals(10, done.stepCount());
      assertEquals(true, done.cycles() - early.cycles() >= 8 * 200_000L, done.toString());
      assertEquals(false, done.late(), "the core keeps up with a 200,000-cycle period");
      // A period shorter than one step cannot be kept: the late flag says so.
      host.run(5, 3);
      BridgeProtocol.BoardStatus late = host.awaitIdle(1000);
      assertEquals(15, late.stepCount());
      assertEquals(true, late.late(), late.toString());
      assertEquals(false, late.overrun(), "the bridge never starts a step while busy");
    }
  }

  /**
   * A keyed RUN (steps bit 31) starts a step only once its keys are queued: without SPIKES the
   * board waits (running, no step done, STATUS and SPIKES answered meanwhile); each SPIKES frame
   * of whole steps lets that many run; a paced keyed run whose keys come late sets late.
   */
  @Test
  void keyedRunsWaitForEachStepsKeys() throws Exception {
    try (BoardProcess link = start()) {
      BridgeClient host = new BridgeClient(link);
      host.awaitIdle(1000);
      assertEquals(true, host.info().holdsSpikes(), "the single-core design holds spikes back");
      host.run(3, 0, true);
      for (int i = 0; i < 5; i++) {
        BridgeProtocol.BoardStatus waiting = host.status();
        assertEquals(true, waiting.running(), waiting.toString());
        assertEquals(0, waiting.stepCount(), "no step without its keys: " + waiting);
        assertEquals(3, waiting.stepsLeft());
      }
      host.queueSpikes(List.of(new int[] {0}, new int[0]));
      BridgeProtocol.BoardStatus two = host.status();
      for (int i = 0; i < 20 && two.stepCount() < 2; i++) {
        two = host.status();
      }
      assertEquals(2, two.stepCount(), "two steps' keys, two steps: " + two);
      assertEquals(true, two.running(), "the third step waits: " + two);
      host.queueSpikes(List.of(new int[0]));
      BridgeProtocol.BoardStatus done = host.awaitIdle(1000);
      assertEquals(3, done.stepCount());
      assertEquals(false, done.late(), "free-running steps are never late");
      // Paced at 1,000 cycles with its keys sent after a few STATUS polls (each about 3,000
      // cycles on the 8-cycle-per-bit UART): the first step starts at once, the second late.
      host.run(2, 1_000, true);
      host.queueSpikes(List.of(new int[0]));
      host.status();
      host.status();
      host.queueSpikes(List.of(new int[0]));
      BridgeProtocol.BoardStatus paced = host.awaitIdle(1000);
      assertEquals(5, paced.stepCount());
      assertEquals(true, paced.late(), "a step whose keys came late started late: " + paced);
    }
  }

  @Test
  void bridgeRefusesBadFramesAndKeepsWorking() throws Exception {
    try (BoardProcess link = start()) {
      BridgeClient host = new BridgeClient(link);
      host.awaitIdle(1000);
      // While a run is going, WRITE and a second RUN are refused; RUN 0 stops it.
      host.run(1_000_000, 0);
      byte[] write = BridgeProtocol.write(0, 3, 1, 0, List.of(BigInteger.valueOf(5)));
      assertEquals(Status.BUSY, host.exchange(write).status());
      assertEquals(Status.BUSY, host.exchange(BridgeProtocol.run(5, 0)).status());
      host.run(0, 0);
      BridgeProtocol.BoardStatus stopped = host.awaitIdle(1000);
      assertEquals(0, stopped.stepsLeft());
      assertEquals(true, stopped.stepCount() > 0 && stopped.stepCount() < 1_000_000,
          "the run stopped early: " + stopped);

      byte[] damaged = BridgeProtocol.status();
      damaged[damaged.length - 1] ^= 0x01;
      assertEquals(Status.CHECKSUM, host.exchange(damaged).status());

      byte[] unknown = {(byte) 0xA5, 0x33, 0, 0, (byte) 0xCD};
      BridgeProtocol.Reply refused = host.exchange(unknown);
      assertEquals(Status.UNKNOWN_COMMAND, refused.status());
      assertEquals(0x33, refused.code());

      byte[] shortWrite = BridgeProtocol.write(0, 3, 2, 0, List.of(BigInteger.ONE));
      // Cut the last byte of the last beat and fix the length and checksum: half a word.
      byte[] partial = new byte[shortWrite.length - 1];
      System.arraycopy(shortWrite, 0, partial, 0, partial.length - 1);
      int len = partial.length - 5;
      partial[2] = (byte) (len >>> 8);
      partial[3] = (byte) len;
      partial[partial.length - 1] = (byte) BridgeProtocol.checksum(partial, 1,
          partial.length - 1);
      assertEquals(Status.LENGTH, host.exchange(partial).status());

      assertEquals(Status.UNSUPPORTED, host.exchange(BridgeProtocol.read(0, 0, 0)).status());

      // Noise before the sync byte is skipped.
      link.send(new byte[] {0x00, 0x11, (byte) 0xFF});
      BridgeProtocol.Reply info = host.exchange(BridgeProtocol.info());
      assertEquals(Command.INFO, info.command());
      assertEquals(Status.OK, info.status());

      // The input FIFO (2^8 entries) takes 255 markers, then refuses a frame that overflows it
      // as a whole.
      List<int[]> steps = java.util.Collections.nCopies(255, new int[0]);
      assertEquals(1, host.queueSpikes(steps));
      assertEquals(Status.FULL, host.exchange(BridgeProtocol.spikes(List.of(new int[0],
          new int[0]))).status());
      assertEquals(255, host.status().inPending(), "the refused frame left nothing behind");
      host.reset();
      assertEquals(0, host.awaitIdle(1000).inPending());
      // A written synapse word reads back.
      host.request(BridgeProtocol.write(0, 3, 1, 1, List.of(BigInteger.valueOf(0x5A5))));
      assertEquals(BigInteger.valueOf(0x5A5), host.readWord(0, 3, 1));
    }
  }
}
