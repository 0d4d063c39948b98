package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import snnc.hdl.bridge.BridgeClient;
import snnc.hdl.bridge.BridgeException;
import snnc.hdl.bridge.BridgeProtocol;
import snnc.hdl.bridge.BridgeProtocol.BoardStatus;
import snnc.hdl.bridge.LoadImage;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SpramLayout;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;

/**
 * End-to-end co-simulation of a board design: the whole top level Verilated and driven only
 * through its UART pins, as a host would drive the real board. The host loads the memories from
 * the emitted load image (the SPRAM synapse table included), queues the source spikes of a block
 * of steps, runs the block free-running, reads the output spikes with their step numbers, and
 * the spikes are compared with the golden simulator in fixed mode spike for spike.
 */
public final class BoardCosim {

  /** Polls of STATUS before a run is declared stuck. */
  private static final int MAX_POLLS = 100_000;

  private final NumericsProfile profile;
  private final Ice40Board.Options options;
  private final int clocksPerBit;
  private final Path cacheDir;
  private final Path workDir;
  private final int blockSteps;

  /**
   * @param clocksPerBit UART bit time of the simulated board, in clock cycles
   * @param workDir where the board's files are written and the harness runs
   * @param blockSteps steps per RUN at most (their output spikes must fit the spike FIFO; at
   *     most 32,768 so 16-bit step numbers stay unambiguous)
   */
  public BoardCosim(NumericsProfile profile, Ice40Board.Board board, int clocksPerBit,
      Path cacheDir, Path workDir, int blockSteps) {
    this(profile, Ice40Board.Options.defaults(board), clocksPerBit, cacheDir, workDir,
        blockSteps);
  }

  /**
   * A board design built with {@code options} (core template, PLL clock: the PLL's simulation
   * model passes the reference clock through, so cycles are counted at the design clock).
   */
  public BoardCosim(NumericsProfile profile, Ice40Board.Options options, int clocksPerBit,
      Path cacheDir, Path workDir, int blockSteps) {
    if (blockSteps < 1 || blockSteps > 0x8000) {
      throw new IllegalArgumentException("blockSteps " + blockSteps);
    }
    this.blockSteps = blockSteps;
    this.profile = profile;
    this.options = options;
    this.clocksPerBit = clocksPerBit;
    this.cacheDir = cacheDir;
    this.workDir = workDir;
  }

  /**
   * The outcome: spikes of both sides, the first mismatch, the board's counters after the last
   * step, the serial traffic, and how many synapse words were read back (and matched).
   */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Cosim.Mismatch> mismatch,
      BoardStatus finalStatus, long bytesSent, long bytesReceived, long loadWords,
      int wordsReadBack, Ice40Board.Output design) {
    public boolean exact() {
      return mismatch.isEmpty();
    }
  }

  /** Runs {@code network} on the simulated board and in the golden simulator. */
  public Result run(Network network) throws IOException {
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true);
    SimResult golden = new GoldenSimulator(options).run(network);
    CoreImage image = CoreLowering.lower(network, profile, CoreLowering.Sizing.EXACT, false,
        options.poissonSeed());
    Ice40Board.Output out = Ice40Board.emit(image, this.options);
    Path rtl = workDir.resolve("rtl");
    out.write(rtl);
    TreeMap<Long, List<Integer>> sourceKeys = new TreeMap<>();
    List<SpikeRecord> goldenNeurons = new ArrayList<>();
    for (SpikeRecord s : golden.spikes().spikes()) {
      CoreImage.PopulationRange p = image.population(s.population()).orElseThrow();
      if (p.isSource()) {
        if (!image.hostDriven(p)) {
          continue; // a SpikeSourcePoisson: generated on the chip
        }
        sourceKeys.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(p.base() + s.index());
      } else {
        goldenNeurons.add(s);
      }
    }
    Path exe = VerilatedBoard.executable(out, rtl, clocksPerBit, cacheDir);
    List<SpikeRecord> hw = new ArrayList<>();
    BoardStatus last;
    long loadWords;
    int readBack;
    long sent;
    long received;
    try (BoardProcess link = BoardProcess.start(exe, rtl)) {
      BridgeClient host = new BridgeClient(link);
      BridgeProtocol.Info info = host.info();
      if (info.version() != BridgeProtocol.VERSION || info.keyBits() != image.shape().preBits()) {
        throw new BridgeException("unexpected bridge: " + info);
      }
      int fifo = 1 << info.inFifoBits();
      host.awaitIdle(MAX_POLLS);
      LoadImage load = LoadImage.parse(Files.readAllBytes(rtl.resolve(out.loadImageName())));
      loadWords = load.words();
      host.load(load);
      readBack = checkReadBack(host, out.layout() == CoreGenerator.Layout.SPRAM
          ? SpramLayout.pairWords(image.synapses()) : image.synapses());
      long steps = network.steps();
      long step = 0;
      while (step < steps) {
        // As many steps as the input FIFO takes (keys plus one end-of-step marker per step).
        List<int[]> block = new ArrayList<>();
        int entries = 0;
        while (step + block.size() < steps && block.size() < blockSteps) {
          int[] keys = sourceKeys.getOrDefault(step + block.size(), List.of()).stream()
              .mapToInt(Integer::intValue).toArray();
          if (entries + keys.length + 1 > fifo) {
            break;
          }
          entries += keys.length + 1;
          block.add(keys);
        }
        if (block.isEmpty()) {
          throw new BridgeException("step " + step + " has more source spikes than the "
              + fifo + "-entry input FIFO");
        }
        host.queueSpikes(block);
        host.run(block.size(), 0);
        BoardStatus s = host.awaitIdle(MAX_POLLS);
        if (s.dropped() != 0 || s.overrun() || s.receiveErrors()) {
          throw new BridgeException("board status after step " + (step + block.size()) + ": "
              + s);
        }
        for (BridgeProtocol.Spike spike : host.drainSpikes()) {
          long n = BridgeClient.unwrapStep(step, spike.stepLow());
          CoreImage.PopulationRange p = image.neuronOwner(spike.key()).orElseThrow(
              () -> new IOException("the board reported unknown neuron " + spike.key()));
          hw.add(new SpikeRecord(p.name(), spike.key() - p.base(), n));
        }
        step += block.size();
        if (s.stepCount() != step) {
          throw new BridgeException("the board counted " + s.stepCount() + " steps, expected "
              + step);
        }
      }
      last = host.status();
      sent = link.bytesSent();
      received = link.bytesReceived();
    }
    return new Result(new SpikeTrace(network.timestepMs(), hw),
        new SpikeTrace(network.timestepMs(), goldenNeurons),
        Cosim.firstMismatch(hw, goldenNeurons), last, sent, received, loadWords, readBack, out);
  }

  /**
   * Reads synapse-table words back through the bridge (up to 256, spread over the table, first
   * and last included) and checks them against the loaded words; returns how many were read.
   */
  private static int checkReadBack(BridgeClient host, List<java.math.BigInteger> synapses)
      throws IOException {
    int n = synapses.size();
    int count = Math.min(n, 256);
    for (int i = 0; i < count; i++) {
      int addr = count == 1 ? 0 : (int) ((long) i * (n - 1) / (count - 1));
      java.math.BigInteger got = host.readWord(0, 3, addr);
      if (!got.equals(synapses.get(addr))) {
        throw new BridgeException("synapse " + addr + " reads back as " + got.toString(16)
            + ", loaded " + synapses.get(addr).toString(16));
      }
    }
    return count;
  }
}
