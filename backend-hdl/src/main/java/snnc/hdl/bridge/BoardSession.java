package snnc.hdl.bridge;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import snnc.hdl.bridge.BridgeProtocol.BoardStatus;
import snnc.hdl.bridge.BridgeProtocol.Info;

/**
 * One run of a network on a board through its UART bridge, as a host drives it: check the
 * bridge (INFO), optionally reset a board left in an unknown state, wait out the ring clear,
 * send the load image, read synapse words back, then run every step in one keyed RUN while
 * streaming the source keys in and the output spikes (with their full step numbers) out, and
 * check the board's flags and step count. The same sequence drives the Verilated board of
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
   * @param periodCycles RUN's step period in clock cycles (0: each step as soon as the last
   *     one ended)
   * @param maxPolls STATUS polls without progress before a board is declared stuck
   * @param stepsAhead how many steps' keys the host queues beyond the steps the board has
   *     finished (0: as many as the input FIFO takes). 1 makes the board finish each step, and
   *     the host read its spikes, before the next one starts: then a step's cycles are the
   *     system's own (a step waits for the host only when it alone fires more spikes than the
   *     spike FIFO holds), which is what a measurement of cycles per step wants; a real run
   *     wants 0, so that the board never waits for the serial line between steps
   */
  public record Options(boolean resetFirst, long periodCycles, int maxPolls, int stepsAhead) {
    /** Options that queue as many steps ahead as the input FIFO takes. */
    public Options(boolean resetFirst, long periodCycles, int maxPolls) {
      this(resetFirst, periodCycles, maxPolls, 0);
    }

    public Options {
      if (stepsAhead < 0) {
        throw new IllegalArgumentException("stepsAhead " + stepsAhead);
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
          + ", this host version " + BridgeProtocol.VERSION + " (build the bitstream again with "
          + "this snnc)");
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
   * Runs steps 0 to {@code steps - 1} as one keyed RUN while streaming: the input FIFO is
   * filled with whole steps' keys before the RUN and topped up after every STATUS poll, and the
   * output spikes are read whenever STATUS says some are waiting, so neither FIFO bounds the run
   * (the board waits for keys it has not got, and a design that holds its spikes back waits for
   * the host to read them). Nothing about the expected spikes is needed. A board that drops
   * spikes, overruns, reports receive errors, stops making progress for {@code maxPolls} polls
   * or counts other steps than asked is an error naming the step.
   *
   * @param sourceKeys the keys injected at each step (steps without keys may be absent)
   * @return the output spikes in the order the board sent them
   */
  public List<BoardSpike> run(long steps, Map<Long, List<Integer>> sourceKeys)
      throws IOException {
    if (info == null) {
      throw new IllegalStateException("connect() first");
    }
    if (steps < 1 || steps > BridgeProtocol.MAX_RUN_STEPS) {
      throw new IllegalArgumentException("a run of " + steps + " steps");
    }
    int fifo = 1 << info.inFifoBits();
    BoardStatus before = host.status();
    long startCount = before.stepCount();
    if (before.running() || before.inPending() != 0) {
      throw new BridgeException("the board is not idle before the run: " + before);
    }
    KeyFeed feed = new KeyFeed(steps, sourceKeys, fifo);
    feed.send(fifo, 0);
    host.run(steps, options.periodCycles(), true);
    List<BoardSpike> spikes = new ArrayList<>();
    // Spikes still to be read come from steps at or after the one running at the last poll, and
    // the board runs at most two input FIFOs of steps ahead of the poll before (it waits for
    // keys), so their 16-bit step numbers unwrap from there.
    long floor = 0;
    int quiet = 0;
    long lastCount = -1;
    while (true) {
      BoardStatus s = host.status();
      long count = s.stepCount() - startCount;
      if (s.dropped() != 0 || s.overrun() || s.receiveErrors()) {
        throw new BridgeException("board status at step " + count + ": " + s
            + (s.dropped() != 0 ? " (" + s.dropped() + " output spikes did not fit the "
            + (1 << info.outFifoBits()) + "-entry spike FIFO)" : ""));
      }
      int read = 0;
      if (s.outPending() != 0) {
        for (BridgeProtocol.Spike spike : host.drainSpikes()) {
          long step = BridgeClient.unwrapStep(startCount + floor, spike.stepLow())
              - startCount;
          if (!spikes.isEmpty() && step < spikes.get(spikes.size() - 1).step()) {
            throw new BridgeException("the board sent a spike of step " + step + " after one of "
                + "step " + spikes.get(spikes.size() - 1).step());
          }
          spikes.add(new BoardSpike(step, spike.key()));
          read++;
        }
      }
      if (!s.running()) {
        // Not running: the step count and the spikes waiting were final, and all are read.
        if (count != steps) {
          throw new BridgeException("the board counted " + count + " steps, expected " + steps);
        }
        return spikes;
      }
      floor = count;
      int sent = feed.send(fifo - s.inPending(), count);
      if (read == 0 && sent == 0 && count == lastCount) {
        if (++quiet >= options.maxPolls()) {
          throw new BridgeException("the board made no progress at step " + count + " in "
              + options.maxPolls() + " status polls: " + s);
        }
      } else {
        quiet = 0;
      }
      lastCount = count;
    }
  }

  /** The source keys of a run, sent as whole steps (keys and end marker) in SPIKES frames. */
  private final class KeyFeed {
    private final long steps;
    private final Map<Long, List<Integer>> keys;
    private final int fifo;
    private long next;

    KeyFeed(long steps, Map<Long, List<Integer>> keys, int fifo) {
      this.steps = steps;
      this.keys = keys;
      this.fifo = fifo;
    }

    /**
     * Sends the next whole steps that fit {@code free} entries and the steps-ahead limit past
     * {@code done} finished steps; returns how many it sent.
     */
    int send(int free, long done) throws IOException {
      long limit = options.stepsAhead() == 0 ? steps
          : Math.min(steps, done + options.stepsAhead());
      List<int[]> frame = new ArrayList<>();
      int entries = 0;
      while (next + frame.size() < limit) {
        long s = next + frame.size();
        int[] k = keys.getOrDefault(s, List.of()).stream().mapToInt(Integer::intValue).toArray();
        if (k.length + 1 > fifo) {
          throw new BridgeException("step " + s + " has " + k.length + " source spikes, more "
              + "than the " + fifo + "-entry input FIFO holds with its end marker");
        }
        if (entries + k.length + 1 > free
            || 2 * (entries + k.length + 1) > BridgeProtocol.MAX_PAYLOAD) {
          break;
        }
        entries += k.length + 1;
        frame.add(k);
      }
      if (frame.isEmpty()) {
        return 0;
      }
      host.queueSpikes(frame);
      next += frame.size();
      return frame.size();
    }
  }

  /**
   * Reads the synapse-table word at {@code address} of core {@code core} (READ target 3), e.g.
   * a plastic synapse's weight after a run; the board must be idle.
   */
  public BigInteger readSynapse(int core, long address) throws IOException {
    return host.readWord(core, 3, address);
  }

  /** The board's counters and flags now. */
  public BoardStatus status() throws IOException {
    return host.status();
  }
}
