package snnc.hdl.bridge;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;
import snnc.hdl.bridge.BridgeProtocol.BoardStatus;
import snnc.hdl.bridge.BridgeProtocol.Info;

/**
 * One run of a network on a board through its UART bridge, as a host drives it: check the
 * bridge (INFO), optionally reset a board left in an unknown state, wait out the ring clear,
 * send the load image, read synapse words back, then per block of steps queue the source keys,
 * run the block free-running (or paced), check the board's flags and step count, and read the
 * output spikes with their full step numbers. The same sequence drives the Verilated board of
 * the co-simulation and a real board on a serial port ({@code snnc deploy}), so what the
 * co-simulation proves is what the deployment does.
 */
public final class BoardSession {

  /** STATUS polls before a board that stays busy is declared stuck. */
  public static final int DEFAULT_MAX_POLLS = 100_000;

  /**
   * How the session drives the board.
   *
   * @param resetFirst send RESET after INFO (a real board may hold counters, queued keys and
   *     spikes of an earlier run; the load image rewrites every memory); a freshly powered-on
   *     simulated board needs none
   * @param blockSteps steps per RUN at most (at most 32,768, so 16-bit step numbers stay
   *     unambiguous)
   * @param periodCycles RUN's step period in clock cycles (0: each step as soon as the last
   *     one ended)
   * @param maxPolls STATUS polls before a busy board is an error
   */
  public record Options(boolean resetFirst, int blockSteps, long periodCycles, int maxPolls) {
    public Options {
      if (blockSteps < 1 || blockSteps > 0x8000) {
        throw new IllegalArgumentException("blockSteps " + blockSteps);
      }
      if (periodCycles < 0 || periodCycles > 0xFFFF_FFFFL || maxPolls < 1) {
        throw new IllegalArgumentException("periodCycles " + periodCycles + ", maxPolls "
            + maxPolls);
      }
    }
  }

  /** Synapse words of one core to read back (up to {@code max}, spread over the table). */
  public record ReadCheck(int core, List<BigInteger> words, int max) {
    public ReadCheck {
      words = List.copyOf(words);
    }
  }

  /** A spike the board sent: its full step number and its output key. */
  public record BoardSpike(long step, int key) {}

  private final BridgeClient host;
  private final Options options;
  private Info info;

  public BoardSession(BridgeClient host, Options options) {
    this.host = host;
    this.options = options;
  }

  /**
   * Checks that the board runs protocol {@link BridgeProtocol#VERSION} with {@code keyBits}-bit
   * input keys (the design the host's keys are for), resets it when asked to, and waits until it
   * is idle. Returns the bridge's INFO.
   */
  public Info connect(int keyBits) throws IOException {
    Info i = host.info();
    if (i.version() != BridgeProtocol.VERSION) {
      throw new BridgeException("the board's bridge speaks protocol version " + i.version()
          + ", this host version " + BridgeProtocol.VERSION);
    }
    if (i.keyBits() != keyBits) {
      throw new BridgeException("the board's design takes " + i.keyBits() + "-bit spike keys, "
          + "the network's design " + keyBits + " (another bitstream is loaded): " + i);
    }
    if (options.resetFirst()) {
      host.reset();
    }
    host.awaitIdle(options.maxPolls());
    info = i;
    return i;
  }

  /** Sends every frame of {@code image}; returns the words written. */
  public long load(LoadImage image) throws IOException {
    host.load(image);
    return image.words();
  }

  /**
   * Reads synapse-table words back through the bridge (up to {@code check.max()}, spread over
   * the table, first and last included) and checks them against the loaded words; returns how
   * many were read.
   */
  public int readBack(ReadCheck check) throws IOException {
    List<BigInteger> synapses = check.words();
    int n = synapses.size();
    int count = Math.min(n, check.max());
    for (int i = 0; i < count; i++) {
      int addr = count == 1 ? 0 : (int) ((long) i * (n - 1) / (count - 1));
      BigInteger got = host.readWord(check.core(), 3, addr);
      if (!got.equals(synapses.get(addr))) {
        throw new BridgeException("core " + check.core() + ": synapse " + addr
            + " reads back as " + got.toString(16) + ", loaded " + synapses.get(addr)
            .toString(16));
      }
    }
    return count;
  }

  /**
   * Runs steps 0 to {@code steps - 1}: each block as many steps as the input FIFO takes (keys
   * plus one end-of-step marker per step) and, when {@code expectedSpikes} says how many output
   * spikes a step should send, as many as the spike FIFO holds (a block that overflows it is
   * reported, not lost silently). Checks the board's flags and step count after every block.
   *
   * @param sourceKeys the keys injected at each step (steps without keys may be absent)
   * @param expectedSpikes output spikes expected at a step (0 when unknown)
   * @return the output spikes in the order the board sent them
   */
  public List<BoardSpike> run(long steps, Map<Long, List<Integer>> sourceKeys,
      LongToIntFunction expectedSpikes) throws IOException {
    if (info == null) {
      throw new IllegalStateException("connect() first");
    }
    int fifo = 1 << info.inFifoBits();
    int spikeFifo = 1 << info.outFifoBits();
    List<BoardSpike> spikes = new ArrayList<>();
    long step = 0;
    while (step < steps) {
      List<int[]> block = new ArrayList<>();
      int entries = 0;
      long expected = 0;
      while (step + block.size() < steps && block.size() < options.blockSteps()) {
        long s = step + block.size();
        int[] keys = sourceKeys.getOrDefault(s, List.of()).stream().mapToInt(Integer::intValue)
            .toArray();
        int out = expectedSpikes.applyAsInt(s);
        if (entries + keys.length + 1 > fifo
            || (!block.isEmpty() && expected + out > spikeFifo)) {
          break;
        }
        entries += keys.length + 1;
        expected += out;
        block.add(keys);
      }
      if (block.isEmpty()) {
        throw new BridgeException("step " + step + " has more source spikes than the "
            + fifo + "-entry input FIFO");
      }
      host.queueSpikes(block);
      host.run(block.size(), options.periodCycles());
      BoardStatus s = host.awaitIdle(options.maxPolls());
      long end = step + block.size();
      if (s.dropped() != 0 || s.overrun() || s.receiveErrors()) {
        throw new BridgeException("board status after step " + end + ": " + s
            + (s.dropped() != 0 ? " (" + s.dropped() + " output spikes did not fit the "
            + spikeFifo + "-entry spike FIFO)" : ""));
      }
      for (BridgeProtocol.Spike spike : host.drainSpikes()) {
        spikes.add(new BoardSpike(BridgeClient.unwrapStep(step, spike.stepLow()), spike.key()));
      }
      step = end;
      if (s.stepCount() != step) {
        throw new BridgeException("the board counted " + s.stepCount() + " steps, expected "
            + step);
      }
    }
    return spikes;
  }

  /** The board's counters and flags now. */
  public BoardStatus status() throws IOException {
    return host.status();
  }
}
