package snnc.hdl.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import snnc.hdl.bridge.BridgeProtocol.Command;
import snnc.hdl.bridge.BridgeProtocol.Status;

/**
 * The host sequence of {@link BoardSession} against a small behavioural bridge in Java: blocks
 * of steps are cut where the input FIFO or (by the expected counts) the spike FIFO would
 * overflow, step numbers are rebuilt across blocks, RESET is sent only when asked for, and a
 * board that drops spikes or miscounts steps is an error naming the step.
 */
class BoardSessionTest {

  @Test
  void blocksFollowBothFifosAndStepsAreRebuilt() throws Exception {
    // Input FIFO 8 entries, spike FIFO 4 spikes; every injected key comes back as key + 100.
    FakeBridge board = new FakeBridge(3, 2, 10);
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(true, 0x8000, 0, 10));
    s.connect(10);
    assertEquals(List.of(Command.INFO, Command.RESET, Command.STATUS), board.commands);
    Map<Long, List<Integer>> keys = new TreeMap<>();
    keys.put(1L, List.of(1, 2, 3));
    keys.put(2L, List.of(4, 5));
    keys.put(5L, List.of(6, 7));
    keys.put(7L, List.of(8, 9, 10));
    List<BoardSession.BoardSpike> spikes = s.run(12, keys,
        step -> keys.getOrDefault(step, List.of()).size());
    // Steps 0-1 (step 2's spikes would make 5 of 4 spike entries); 2-5 (8 input entries);
    // 6-10 (8 input entries); 11.
    assertEquals(List.of(2L, 4L, 5L, 1L), board.runs);
    List<BoardSession.BoardSpike> want = new ArrayList<>();
    keys.forEach((step, k) -> k.forEach(key -> want.add(new BoardSession.BoardSpike(step,
        key + 100))));
    assertEquals(want, spikes);
    assertEquals(12, s.status().stepCount());
  }

  @Test
  void aFreshBoardIsNotResetAndStepNumbersWrapPast16Bits() throws Exception {
    FakeBridge board = new FakeBridge(4, 8, 10);
    board.stepCount = 0;
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(false, 0x8000, 0, 10));
    s.connect(10);
    assertEquals(List.of(Command.INFO, Command.STATUS), board.commands);
    Map<Long, List<Integer>> keys = new TreeMap<>();
    keys.put(70_000L, List.of(3));
    List<BoardSession.BoardSpike> spikes = s.run(70_001, keys, step -> 0);
    assertEquals(List.of(new BoardSession.BoardSpike(70_000, 103)), spikes);
  }

  @Test
  void droppedSpikesWrongStepCountsAndAnotherDesignAreErrors() throws Exception {
    FakeBridge board = new FakeBridge(4, 1, 10);
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(true, 0x8000, 0, 10));
    s.connect(10);
    Map<Long, List<Integer>> keys = Map.of(0L, List.of(1, 2, 3));
    // The counts say nothing, so the three spikes meet a 2-entry spike FIFO.
    BridgeException e = assertThrows(BridgeException.class, () -> s.run(4, keys, step -> 0));
    assertTrue(e.getMessage().contains("after step 4") && e.getMessage().contains(
        "1 output spikes did not fit the 2-entry spike FIFO"), e.getMessage());

    FakeBridge skipping = new FakeBridge(4, 4, 10);
    skipping.skipSteps = 1;
    BoardSession t = new BoardSession(new BridgeClient(skipping),
        new BoardSession.Options(true, 0x8000, 0, 10));
    t.connect(10);
    e = assertThrows(BridgeException.class, () -> t.run(3, Map.of(), step -> 0));
    assertTrue(e.getMessage().contains("counted 4 steps, expected 3"), e.getMessage());

    BoardSession u = new BoardSession(new BridgeClient(new FakeBridge(4, 4, 9)),
        new BoardSession.Options(true, 0x8000, 0, 10));
    e = assertThrows(BridgeException.class, () -> u.connect(10));
    assertTrue(e.getMessage().contains("takes 9-bit spike keys, the network's design 10"),
        e.getMessage());
  }

  /**
   * A bridge that answers each frame at once: INFO with its widths, RESET, STATUS (idle), SPIKES
   * into an input FIFO, RUN (every step's keys come back as spikes of key + 100, a full spike
   * FIFO counts them dropped), READ_SPIKES.
   */
  private static final class FakeBridge implements ByteLink {
    final List<Command> commands = new ArrayList<>();
    final List<Long> runs = new ArrayList<>();
    long stepCount = 123; // an earlier run's, until RESET
    int skipSteps;
    private final int inFifoBits;
    private final int outFifoBits;
    private final int keyBits;
    private final Deque<Integer> input = new ArrayDeque<>();
    private final Deque<int[]> spikes = new ArrayDeque<>();
    private long dropped;
    private byte[] pending = new byte[0];
    private int at;

    FakeBridge(int inFifoBits, int outFifoBits, int keyBits) {
      this.inFifoBits = inFifoBits;
      this.outFifoBits = outFifoBits;
      this.keyBits = keyBits;
    }

    @Override
    public void send(byte[] f) {
      Command c = Command.of(f[1] & 0xFF);
      commands.add(c);
      byte[] p = Arrays.copyOfRange(f, 4, f.length - 1);
      ByteArrayOutputStream r = new ByteArrayOutputStream();
      switch (c) {
        case INFO -> r.writeBytes(new byte[] {1, 1, (byte) keyBits, (byte) keyBits, 16,
            (byte) inFifoBits, (byte) outFifoBits, 0});
        case RESET -> {
          stepCount = 0;
          dropped = 0;
          input.clear();
          spikes.clear();
        }
        case STATUS -> {
          for (long v : new long[] {stepCount, 0, 0, 0, 0, dropped}) {
            putInt(r, v);
          }
          r.writeBytes(new byte[] {0, (byte) spikes.size(), 0, 0, 0, 0});
        }
        case SPIKES -> {
          for (int i = 0; i < p.length; i += 2) {
            input.add(((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF));
          }
          assertTrue(input.size() <= 1 << inFifoBits, "input FIFO overflow");
          r.write(0);
          r.write((1 << inFifoBits) - input.size());
        }
        case RUN -> {
          long n = ((p[0] & 0xFFL) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8)
              | (p[3] & 0xFF);
          runs.add(n);
          for (long i = 0; i < n; i++) {
            while (!input.isEmpty() && input.peek() != BridgeProtocol.END_OF_STEP) {
              int key = input.poll();
              if (spikes.size() < 1 << outFifoBits) {
                spikes.add(new int[] {(int) (stepCount & 0xFFFF), key + 100});
              } else {
                dropped++;
              }
            }
            input.poll();
            stepCount++;
          }
          stepCount += skipSteps;
        }
        case READ_SPIKES -> {
          int max = ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
          for (int i = 0; i < max && !spikes.isEmpty(); i++) {
            int[] s = spikes.poll();
            r.write(s[0] >>> 8);
            r.write(s[0]);
            r.write(s[1] >>> 8);
            r.write(s[1]);
          }
        }
        default -> throw new AssertionError("unexpected " + c);
      }
      pending = BridgeProtocolTest.reply(c, Status.OK, r.toByteArray());
      at = 0;
    }

    private static void putInt(ByteArrayOutputStream r, long v) {
      r.write((int) (v >>> 24));
      r.write((int) (v >>> 16));
      r.write((int) (v >>> 8));
      r.write((int) v);
    }

    @Override
    public byte[] receive(int n) {
      byte[] b = Arrays.copyOfRange(pending, at, at + n);
      at += n;
      return b;
    }
  }
}
