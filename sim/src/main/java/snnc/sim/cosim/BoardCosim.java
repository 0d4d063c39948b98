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
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SpramLayout;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
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
    GoldenSplit split = GoldenSplit.of(golden.spikes().spikes(), image);
    List<ReadCheck> reads = List.of(new ReadCheck(0,
        out.layout() == CoreGenerator.Layout.SPRAM ? SpramLayout.pairWords(image.synapses())
            : image.synapses(), 256));
    return drive(network, out, rtl, image.shape().preBits(), split.intKeysByStep(),
        split.fired(), reads, key -> {
          CoreImage.PopulationRange p = image.neuronOwner(key).orElseThrow(
              () -> new IOException("the board reported unknown neuron " + key));
          return new Sender(p.name(), key - p.base());
        });
  }

  /**
   * Runs the network of {@code mapping} on the bridge-driven board design of its mapped
   * multi-core system ({@link SystemBoard}) and in the golden simulator. The RTL is emitted
   * without preloaded memories, so the run is exact only if the load image loads every core
   * through {@code ld_core}; source spikes are injected as global mapper keys, output keys are
   * decoded through the mapping, and up to 64 synapse words of every core are read back through
   * the bridge's READ (the system's read-back beats gathered into words). The design is not
   * checked against the device's block RAM ({@link SystemBoard.Fit#BRIDGE}), so mappings larger
   * than the board co-simulate too.
   *
   * @param allowZeroWeights as {@link SimOptions#withAllowZeroWeights} (random networks)
   */
  public Result run(Mapper.Result mapping, boolean allowZeroWeights) throws IOException {
    Network network = mapping.partitioned().network();
    SimOptions simOptions = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true)
        .withAllowZeroWeights(allowZeroWeights);
    SimResult golden = new GoldenSimulator(simOptions).run(network);
    SystemImage image = SystemLowering.lower(mapping, profile, CoreLowering.Sizing.EXACT,
        allowZeroWeights);
    Ice40Board.Output out = SystemBoard.emit(image, SystemEmitter.emit(image, false),
        this.options, SystemBoard.Fit.BRIDGE);
    Path rtl = workDir.resolve("rtl");
    out.write(rtl);
    GoldenSplit split = GoldenSplit.of(golden.spikes().spikes(), image);
    List<ReadCheck> reads = new ArrayList<>();
    for (SystemImage.CoreInstance c : image.cores()) {
      reads.add(new ReadCheck(c.index(), c.image().synapses(), 64));
    }
    return drive(network, out, rtl, image.keyBits(), split.intKeysByStep(), split.fired(),
        reads, key -> {
      SystemImage.SliceKeys s = image.sender(key);
      if (s == null) {
        throw new IOException("the board sent key " + key + ", which no neuron owns");
      }
      return new Sender(s.population(), (int) (s.lo() + key - s.key()));
    });
  }

  /** The neuron behind an output key. */
  private record Sender(String population, int index) {}

  /** Turns a key the board sent into its neuron. */
  private interface KeyDecoder {
    Sender decode(int key) throws IOException;
  }

  /** Synapse words of one core to read back (up to {@code max}, spread over the table). */
  private record ReadCheck(int core, List<java.math.BigInteger> words, int max) {}

  private Result drive(Network network, Ice40Board.Output out, Path rtl, int keyBits,
      TreeMap<Long, List<Integer>> sourceKeys, List<SpikeRecord> goldenNeurons,
      List<ReadCheck> reads, KeyDecoder decoder) throws IOException {
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
      if (info.version() != BridgeProtocol.VERSION || info.keyBits() != keyBits) {
        throw new BridgeException("unexpected bridge: " + info);
      }
      int fifo = 1 << info.inFifoBits();
      host.awaitIdle(MAX_POLLS);
      LoadImage load = LoadImage.parse(Files.readAllBytes(rtl.resolve(out.loadImageName())));
      loadWords = load.words();
      host.load(load);
      readBack = 0;
      for (ReadCheck r : reads) {
        readBack += checkReadBack(host, r.core(), r.words(), r.max());
      }
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
          Sender who = decoder.decode(spike.key());
          hw.add(new SpikeRecord(who.population(), who.index(), n));
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
  private static int checkReadBack(BridgeClient host, int core,
      List<java.math.BigInteger> synapses, int max) throws IOException {
    int n = synapses.size();
    int count = Math.min(n, max);
    for (int i = 0; i < count; i++) {
      int addr = count == 1 ? 0 : (int) ((long) i * (n - 1) / (count - 1));
      java.math.BigInteger got = host.readWord(core, 3, addr);
      if (!got.equals(synapses.get(addr))) {
        throw new BridgeException("core " + core + ": synapse " + addr + " reads back as "
            + got.toString(16)
            + ", loaded " + synapses.get(addr).toString(16));
      }
    }
    return count;
  }
}
