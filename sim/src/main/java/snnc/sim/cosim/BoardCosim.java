package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import snnc.diag.DiagnosticSink;
import snnc.hdl.bridge.BoardSession;
import snnc.hdl.bridge.BridgeClient;
import snnc.hdl.bridge.HostPlan;
import snnc.hdl.bridge.BridgeProtocol.BoardStatus;
import snnc.hdl.bridge.LoadImage;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
import snnc.mapper.Mapper;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;

/**
 * End-to-end co-simulation of a board design: the whole top level Verilated and driven only
 * through its UART pins, as a host would drive the real board. The host loads the memories from
 * the emitted load image (the SPRAM synapse table included), runs every step in one keyed RUN
 * while streaming the source spikes in and the output spikes (with their step numbers) out, and
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
  private final int stepsAhead;

  /**
   * @param clocksPerBit UART bit time of the simulated board, in clock cycles
   * @param workDir where the board's files are written and the harness runs
   */
  public BoardCosim(NumericsProfile profile, Ice40Board.Board board, int clocksPerBit,
      Path cacheDir, Path workDir) {
    this(profile, Ice40Board.Options.defaults(board), clocksPerBit, cacheDir, workDir);
  }

  /**
   * A board design built with {@code options} (core template, PLL clock: the PLL's simulation
   * model passes the reference clock through, so cycles are counted at the design clock).
   */
  public BoardCosim(NumericsProfile profile, Ice40Board.Options options, int clocksPerBit,
      Path cacheDir, Path workDir) {
    this(profile, options, clocksPerBit, cacheDir, workDir, 0);
  }

  private BoardCosim(NumericsProfile profile, Ice40Board.Options options, int clocksPerBit,
      Path cacheDir, Path workDir, int stepsAhead) {
    this.stepsAhead = stepsAhead;
    this.profile = profile;
    this.options = options;
    this.clocksPerBit = clocksPerBit;
    this.cacheDir = cacheDir;
    this.workDir = workDir;
  }

  /**
   * This co-simulation with the host queueing at most {@code n} steps' keys ahead of the board
   * ({@link BoardSession.Options#stepsAhead}; 0, the default, streams as far as the input FIFO
   * allows). 1 gives the system's own cycles per step (the board never waits for the simulated
   * UART inside a step unless that step alone overfills the spike FIFO), for speed figures.
   */
  public BoardCosim withStepsAhead(int n) {
    return new BoardCosim(profile, options, clocksPerBit, cacheDir, workDir, n);
  }

  /**
   * The outcome: spikes of both sides, the first mismatch, the board's counters after the last
   * step, the serial traffic, how many synapse words were read back after loading (and
   * matched), and the first final STDP weight mismatch (every plastic synapse of every core read
   * back through READ after the run) with how many plastic synapses the run changed.
   */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Cosim.Mismatch> mismatch,
      BoardStatus finalStatus, long bytesSent, long bytesReceived, long loadWords,
      int wordsReadBack, Ice40Board.Output design, Optional<WeightCheck.Outcome> weights) {
    /** The spikes are the golden ones and so are the final STDP weights (if any). */
    public boolean exact() {
      return mismatch.isEmpty() && weights.map(WeightCheck.Outcome::exact).orElse(true);
    }

    /** How many plastic synapses the run changed (0 without STDP). */
    public int changedWeights() {
      return weights.map(WeightCheck.Outcome::changed).orElse(0);
    }

    /** The first difference, spikes first. */
    public String firstDifference() {
      return mismatch.map(Cosim.Mismatch::toString).orElse(weights
          .flatMap(WeightCheck.Outcome::mismatch).map(Cosim.WeightMismatch::toString)
          .orElse("none"));
    }
  }

  /** Runs {@code network} on the simulated board and in the golden simulator. */
  public Result run(Network network) throws IOException {
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true);
    Quantisation q = quantise(network, false);
    SimResult golden = new GoldenSimulator(options).run(network, q, GoldenSimulator.Progress.NONE);
    CoreImage image = CoreLowering.lower(network, profile, CoreLowering.Sizing.EXACT, false,
        options.poissonSeed());
    Ice40Board.Output out = Ice40Board.emit(image, this.options);
    Path rtl = workDir.resolve("rtl");
    out.write(rtl);
    return drive(network, out, rtl, golden, HostPlan.of(image, out.layout()), List.of(image),
        q);
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
    Quantisation q = quantise(network, allowZeroWeights);
    SimResult golden = new GoldenSimulator(simOptions).run(network, q,
        GoldenSimulator.Progress.NONE);
    SystemImage image = SystemLowering.lower(mapping, profile, CoreLowering.Sizing.EXACT,
        allowZeroWeights);
    Ice40Board.Output out = SystemBoard.emit(image, SystemEmitter.emit(image, false),
        this.options, SystemBoard.Fit.BRIDGE);
    Path rtl = workDir.resolve("rtl");
    out.write(rtl);
    return drive(network, out, rtl, golden, HostPlan.of(image), image.cores().stream()
        .map(SystemImage.CoreInstance::image).toList(), q);
  }

  /** The quantise pass the golden run and the weight comparison share (null on its errors). */
  private Quantisation quantise(Network network, boolean allowZeroWeights) {
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    return sink.hasErrors() ? null : q;
  }

  /**
   * Runs the board harness of {@code out} through a {@link BoardSession}: the golden
   * simulator's host-driven source spikes go in as {@code plan}'s keys, output keys come back
   * as its cells and are compared with the golden neurons' spikes; then, when any core has
   * plastic synapses, every plastic synapse of {@code cores} (core i is bridge core i) is read
   * back after the run and its weight compared with the golden final weight.
   */
  private Result drive(Network network, Ice40Board.Output out, Path rtl, SimResult golden,
      HostPlan plan, List<CoreImage> cores, Quantisation q) throws IOException {
    GoldenSplit split = GoldenSplit.of(golden.spikes().spikes(), plan);
    Path exe = VerilatedBoard.executable(out, rtl, clocksPerBit, cacheDir);
    List<SpikeRecord> hw = new ArrayList<>();
    BoardStatus last;
    long loadWords;
    int readBack = 0;
    long sent;
    long received;
    Optional<WeightCheck.Outcome> weights = Optional.empty();
    try (BoardProcess link = BoardProcess.start(exe, rtl)) {
      // A freshly started harness is a board just out of its power-on reset: no RESET needed.
      BoardSession session = new BoardSession(new BridgeClient(link), new BoardSession.Options(
          false, 0, MAX_POLLS, stepsAhead));
      session.connect(plan.keyBits());
      loadWords = session.load(LoadImage.parse(Files.readAllBytes(
          rtl.resolve(out.loadImageName()))));
      for (BoardSession.ReadCheck r : plan.reads()) {
        readBack += session.readBack(r);
      }
      for (BoardSession.BoardSpike s : session.run(network.steps(), split.intKeysByStep())) {
        HostPlan.Cell who = plan.neuron(s.key());
        if (who == null) {
          throw new IOException("the board sent key " + s.key() + ", which no neuron owns");
        }
        hw.add(new SpikeRecord(who.population(), who.index(), s.step()));
      }
      last = session.status();
      if (cores.stream().anyMatch(c -> !c.plastic().isEmpty())) {
        // Target 3 is the synapse table, a plain word per synapse (STDP cores are dual-port).
        weights = Optional.of(WeightCheck.compare(network, cores, golden, q,
            (core, address) -> session.readSynapse(core, address)));
      }
      sent = link.bytesSent();
      received = link.bytesReceived();
    }
    return new Result(new SpikeTrace(network.timestepMs(), hw),
        new SpikeTrace(network.timestepMs(), split.fired()),
        Cosim.firstMismatch(hw, split.fired()), last, sent, received, loadWords, readBack, out,
        weights);
  }
}
