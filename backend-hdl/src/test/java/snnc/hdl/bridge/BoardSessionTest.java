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
 * The host sequence of {@link BoardSession} against a small behavioural bridge in Java that
 * runs while the host talks to it: one keyed RUN for the whole run, keys streamed into a small
 * input FIFO and spikes out of a smaller spike FIFO (a step with more spikes than it holds
 * waits for the host), step numbers rebuilt past 16 bits, RESET only when asked for, and a
 * board that drops spikes, miscounts steps, stops or is another design is an error.
 */
class BoardSessionTest {

  @Test
  void oneKeyedRunStreamsPastBothFifos() throws Exception {
    // Input FIFO 8 entries, spike FIFO 4 spikes; every injected key comes back as key + 100.
    FakeBridge board = new FakeBridge(3, 2, 10);
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(true, 0, 10));
    s.connect(10);
    assertEquals(List.of(Command.INFO, Command.RESET, Command.STATUS), board.commands);
    Map<Long, List<Integer>> keys = new TreeMap<>();
    keys.put(1L, List.of(1, 2, 3));
    // Seven spikes in one step: more than the spike FIFO holds.
    keys.put(2L, List.of(4, 5, 6, 7, 8, 9, 10));
    keys.put(5L, List.of(11, 12));
    keys.put(7L, List.of(13, 14, 15));
    List<BoardSession.BoardSpike> spikes = s.run(12, keys);
    assertEquals(List.of(12L | BridgeProtocol.RUN_KEYED), board.runs, "one keyed RUN");
    assertTrue(board.commands.stream().filter(c -> c == Command.SPIKES).count() >= 3,
        "keys streamed in several frames: " + board.commands);
    assertTrue(board.maxHeld == 4, "the spike FIFO filled up: " + board.maxHeld);
    List<BoardSession.BoardSpike> want = new ArrayList<>();
    keys.forEach((step, k) -> k.forEach(key -> want.add(new BoardSession.BoardSpike(step,
        key + 100))));
    assertEquals(want, spikes);
    assertEquals(12, s.status().stepCount());
    assertEquals(0, board.dropped);
  }

  @Test
  void oneStepAheadQueuesEachStepsKeysOnlyOnceTheStepBeforeIsDone() throws Exception {
    FakeBridge board = new FakeBridge(4, 2, 10);
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(true, 0, 10, 1));
    s.connect(10);
    Map<Long, List<Integer>> keys = new TreeMap<>();
    keys.put(0L, List.of(1, 2));
    keys.put(3L, List.of(3, 4, 5, 6, 7));
    List<BoardSession.BoardSpike> spikes = s.run(6, keys);
    assertEquals(1, board.maxQueuedSteps, "never more than one step's keys queued");
    List<BoardSession.BoardSpike> want = new ArrayList<>();
    keys.forEach((step, k) -> k.forEach(key -> want.add(new BoardSession.BoardSpike(step,
        key + 100))));
    assertEquals(want, spikes);
  }

  @Test
  void aFreshBoardIsNotResetAndStepNumbersWrapPast16Bits() throws Exception {
    FakeBridge board = new FakeBridge(4, 8, 10);
    board.stepCount = 0;
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(false, 0, 10));
    s.connect(10);
    assertEquals(List.of(Command.INFO, Command.STATUS), board.commands);
    Map<Long, List<Integer>> keys = new TreeMap<>();
    keys.put(3L, List.of(1));
    keys.put(70_000L, List.of(3));
    List<BoardSession.BoardSpike> spikes = s.run(70_001, keys);
    assertEquals(List.of(new BoardSession.BoardSpike(3, 101),
        new BoardSession.BoardSpike(70_000, 103)), spikes);
  }

  @Test
  void droppedSpikesWrongStepCountsStuckBoardsAndOtherDesignsAreErrors() throws Exception {
    FakeBridge lossy = new FakeBridge(4, 1, 10);
    lossy.lossy = true;
    BoardSession s = new BoardSession(new BridgeClient(lossy),
        new BoardSession.Options(true, 0, 10));
    s.connect(10);
    // A board that cannot hold its spikes back meets a 2-entry spike FIFO with three.
    BridgeException e = assertThrows(BridgeException.class,
        () -> s.run(4, Map.of(0L, List.of(1, 2, 3))));
    assertTrue(e.getMessage().contains("1 output spikes did not fit the 2-entry spike FIFO"),
        e.getMessage());

    FakeBridge skipping = new FakeBridge(4, 4, 10);
    skipping.skipSteps = 1;
    BoardSession t = new BoardSession(new BridgeClient(skipping),
        new BoardSession.Options(true, 0, 10));
    t.connect(10);
    e = assertThrows(BridgeException.class, () -> t.run(3, Map.of()));
    assertTrue(e.getMessage().contains("counted 6 steps, expected 3"), e.getMessage());

    FakeBridge stuck = new FakeBridge(4, 4, 10);
    stuck.stepsPerExchange = 0;
    BoardSession v = new BoardSession(new BridgeClient(stuck),
        new BoardSession.Options(true, 0, 10));
    v.connect(10);
    e = assertThrows(BridgeException.class, () -> v.run(3, Map.of()));
    assertTrue(e.getMessage().contains("no progress at step 0 in 10 status polls"),
        e.getMessage());

    BoardSession u = new BoardSession(new BridgeClient(new FakeBridge(4, 4, 9)),
        new BoardSession.Options(true, 0, 10));
    e = assertThrows(BridgeException.class, () -> u.connect(10));
    assertTrue(e.getMessage().contains("takes 9-bit spike keys, the network's design 10"),
        e.getMessage());

    FakeBridge old = new FakeBridge(4, 4, 10);
    old.version = 1;
    BoardSession w = new BoardSession(new BridgeClient(old),
        new BoardSession.Options(true, 0, 10));
    e = assertThrows(BridgeException.class, () -> w.connect(10));
    assertTrue(e.getMessage().contains("protocol version 1, this host version 2"),
        e.getMessage());
  }

  @Test
  void aStepWithMoreKeysThanTheInputFifoIsRefused() throws Exception {
    FakeBridge board = new FakeBridge(2, 4, 10);
    BoardSession s = new BoardSession(new BridgeClient(board),
        new BoardSession.Options(true, 0, 10));
    s.connect(10);
    BridgeException e = assertThrows(BridgeException.class,
        () -> s.run(2, Map.of(1L, List.of(1, 2, 3, 4))));
    assertTrue(e.getMessage().contains("step 1 has 4 source spikes, more than the 4-entry "
        + "input FIFO"), e.getMessage());
  }

  /**
   * A bridge that runs between frames: before answering each frame it advances its step engine
   * by up to {@code stepsPerExchange} steps. A keyed step starts only when its end marker is
   * queued; each key comes back as a spike of key + 100, and a step whose spikes do not fit the
   * spike FIFO waits for READ_SPIKES (or, {@code lossy}, counts them dropped).
   */
  private static final class FakeBridge implements ByteLink {
    final List<Command> commands = new ArrayList<>();
    final List<Long> runs = new ArrayList<>();
    long stepCount = 123; // an earlier run's, until RESET
    int skipSteps;
    int stepsPerExchange = 3;
    boolean lossy;
    int version = BridgeProtocol.VERSION;
    int maxHeld;
    int maxQueuedSteps;
    long dropped;
    private final int inFifoBits;
    private final int outFifoBits;
    private final int keyBits;
    private final Deque<Integer> input = new ArrayDeque<>();
    private final Deque<int[]> spikes = new ArrayDeque<>();
    private final Deque<Integer> stepOutput = new ArrayDeque<>();
    private boolean inStep;
    private boolean keyed;
    private long stepsLeft;
    private byte[] pending = new byte[0];
    private int at;

    FakeBridge(int inFifoBits, int outFifoBits, int keyBits) {
      this.inFifoBits = inFifoBits;
      this.outFifoBits = outFifoBits;
      this.keyBits = keyBits;
    }

    private void advance() {
      int budget = stepsPerExchange;
      while (budget > 0) {
        if (inStep) {
          while (!stepOutput.isEmpty() && (spikes.size() < 1 << outFifoBits || lossy)) {
            int key = stepOutput.poll();
            if (spikes.size() < 1 << outFifoBits) {
              spikes.add(new int[] {(int) (stepCount & 0xFFFF), key});
            } else {
              dropped++;
            }
          }
          maxHeld = Math.max(maxHeld, spikes.size());
          if (!stepOutput.isEmpty()) {
            return;
          }
          inStep = false;
          stepCount += 1 + skipSteps;
          stepsLeft--;
          budget--;
        } else if (stepsLeft > 0) {
          if (keyed && !input.contains(BridgeProtocol.END_OF_STEP)) {
            return;
          }
          while (!input.isEmpty() && input.peek() != BridgeProtocol.END_OF_STEP) {
            stepOutput.add(input.poll() + 100);
          }
          input.poll();
          inStep = true;
        } else {
          return;
        }
      }
    }

    @Override
    public void send(byte[] f) {
      advance();
      Command c = Command.of(f[1] & 0xFF);
      commands.add(c);
      byte[] p = Arrays.copyOfRange(f, 4, f.length - 1);
      ByteArrayOutputStream r = new ByteArrayOutputStream();
      switch (c) {
        case INFO -> r.writeBytes(new byte[] {(byte) version, 1, (byte) keyBits,
            (byte) keyBits, 16, (byte) inFifoBits, (byte) outFifoBits, (byte) (lossy ? 0 : 1)});
        case RESET -> {
          stepCount = 0;
          dropped = 0;
          input.clear();
          spikes.clear();
        }
        case STATUS -> {
          for (long v : new long[] {stepCount, 0, 0, 0, stepsLeft, dropped}) {
            putInt(r, v);
          }
          r.writeBytes(new byte[] {0, (byte) spikes.size(), 0, (byte) input.size(),
              (byte) (stepsLeft > 0 ? 1 : 0), 0});
        }
        case SPIKES -> {
          for (int i = 0; i < p.length; i += 2) {
            input.add(((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF));
          }
          assertTrue(input.size() <= 1 << inFifoBits, "input FIFO overflow");
          maxQueuedSteps = Math.max(maxQueuedSteps, (int) input.stream()
              .filter(e -> e == BridgeProtocol.END_OF_STEP).count());
          r.write(0);
          r.write((1 << inFifoBits) - input.size());
        }
        case RUN -> {
          long n = ((p[0] & 0xFFL) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8)
              | (p[3] & 0xFF);
          runs.add(n);
          keyed = (n & BridgeProtocol.RUN_KEYED) != 0;
          stepsLeft = n & BridgeProtocol.MAX_RUN_STEPS;
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
