package snnc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.hdl.bridge.BoardSession;
import snnc.hdl.bridge.BridgeClient;
import snnc.hdl.bridge.BridgeException;
import snnc.hdl.bridge.BridgeProtocol;
import snnc.hdl.bridge.BridgeProtocol.BoardStatus;
import snnc.hdl.bridge.HostPlan;
import snnc.hdl.bridge.LoadImage;
import snnc.hdl.bridge.SerialLink;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.Recording;
import snnc.ir.expand.ExpandPass;
import snnc.ir.io.AtomicFiles;
import snnc.ir.pass.PassContext;
import snnc.ir.verify.VerifyPass;
import snnc.mapper.Mapper;
import snnc.sim.cosim.Cosim;
import snnc.sim.cosim.GoldenSplit;
import snnc.sim.cosim.WeightCheck;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.NumericsException;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;
import snnc.sim.trace.TraceWriter;

/**
 * {@code snnc deploy}: runs an iCE40 build on a real board through its UART bridge
 * (docs/fpga.md, "Deploying to a board"). Optionally programs the board with openFPGALoader,
 * then drives the bridge over the serial port exactly as the board co-simulation drives the
 * Verilated board ({@link BoardSession}): version and key-width check, reset, load image,
 * synapse words read back, one keyed RUN with the source spikes streamed in and the spikes
 * read while it runs, STDP weights read back after it; spikes and weights are compared with the
 * golden simulator in fixed mode. SpiNNaker machines are not reached yet.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs a compiled model on an iCE40 board (iCEBreaker, iCE40-HX8K breakout) through its "
            + "UART bridge and compares its spikes with the golden simulator (fixed mode, the "
            + "build's numerics profile). Writes DIR/spikes.csv (the board's spikes, the "
            + "'snnc simulate' format) and DIR/deploy.json.",
        "Exit codes: 0 the board fired exactly the golden spikes, 1 a mistake in the arguments, "
            + "the build or the model, or a board that does not answer or reports an error, "
            + "3 the board's spikes differ, or after an STDP run its weights (the first "
            + "difference is named)."},
    footer = {"", "Examples:",
        "  snnc compile examples/synfire.snn --target ice40-up5k --bitstream --out build/synfire",
        "  snnc deploy build/synfire --model examples/synfire.snn --port /dev/ttyUSB1 "
            + "--program --out run/synfire",
        "  snnc deploy build/synfire --model examples/synfire.snn --port /dev/ttyUSB1 "
            + "--steps 1000 --out run/synfire"})
final class DeployCommand implements Callable<Integer> {

  /** Exit status when the board and the golden simulator disagree. */
  static final int MISMATCH = CosimCommand.MISMATCH;
  /** openFPGALoader's board for the FTDI SPI wiring both boards share. */
  static final String DEFAULT_PROGRAMMER = "ice40_generic";
  /** openFPGALoader gets this long before it is stopped (a flash write takes under a minute). */
  private static final long PROGRAMMER_TIMEOUT_S = 600;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUILD", description = "A folder written by 'snnc "
      + "compile MODEL --target ice40-up5k|ice40-hx8k'.")
  Path build;

  @Option(names = "--model", paramLabel = "FILE", description = "The model BUILD was compiled "
      + "from (.snn): its source spikes are sent to the board and its golden run is the "
      + "reference. It must compile to BUILD's load image.")
  Path model;

  @Option(names = "--port", paramLabel = "PORT", description = "The board's serial port, e.g. "
      + "/dev/ttyUSB1 (the FTDI chip's second interface on the iCEBreaker and HX8K breakout).")
  Path port;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder for spikes.csv, "
      + "deploy.json and logs/.")
  Path out;

  @Option(names = "--baud", paramLabel = "BAUD", description = "UART speed of the build's "
      + "bridge. Default: the build's (snnc compile --baud; 115200).")
  Integer baud;

  @Option(names = "--program", paramLabel = "sram|flash", arity = "0..1", fallbackValue = "sram",
      description = "First load BUILD/bitstream.bin with openFPGALoader: into the FPGA's SRAM "
          + "(the default; gone at power-off; the board must be wired for SRAM programming) or "
          + "into the board's SPI flash (--program=flash; the FPGA boots from it). Its output "
          + "goes to DIR/logs/openFPGALoader.log.")
  String program;

  @Option(names = "--programmer", paramLabel = "BOARD", defaultValue = DEFAULT_PROGRAMMER,
      description = "openFPGALoader's board name (-b). Default: ${DEFAULT-VALUE}, the FTDI "
          + "wiring of both the iCEBreaker and the HX8K breakout.")
  String programmer;

  @Option(names = "--steps", paramLabel = "N", description = "Run N timesteps instead of the "
      + "model's run length.")
  Long steps;

  @Option(names = "--real-time", description = "Pace the steps at the model's timestep (the "
      + "bridge's RUN period, from the build's clock) instead of running each as soon as the "
      + "last one ended; deploy.json's 'late' says whether a step started late (the host sends "
      + "the keys and reads the spikes while the board runs, so a busy UART can delay steps).")
  boolean realTime;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "How long the board may take to start a reply (its bytes' time on the wire "
          + "comes on top). Default: ${DEFAULT-VALUE}.")
  double timeoutSeconds;

  @Option(names = "--board", paramLabel = "ADDRESS", description = "A SpiNNaker machine's "
      + "address (not built yet); iCE40 boards are reached through --port.")
  String board;

  @Mixin DiagnosticOptions diagnostics;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Optional<BoardBuild> found = BoardBuild.read(build);
    if (found.isEmpty()) {
      return NotBuiltYet.report(err, "deploy", "deployment to SpiNNaker machines");
    }
    BoardBuild b = found.get();
    if (baud == null) {
      baud = b.baud();
    }
    checkOptions();
    Path bitstream = program == null ? null : b.bitstream();

    Compilation compilation = diagnostics.newCompilation(err);
    Optional<Network> compiled = compilation.frontend(model);
    Optional<Object> checked = compiled.flatMap(n -> compilation.passes(n,
        List.of(VerifyPass.NAME, ExpandPass.NAME), Set.of(), PassContext.DumpHook.none()));
    Design design = null;
    if (checked.isPresent() && !compilation.hasErrors()) {
      design = design(compiled.get(), b, compilation.sink());
    }
    compilation.printDiagnostics();
    if (design == null || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    checkLoadImage(b, design);
    Network network = steps == null ? compiled.get()
        : SimulateCommand.withSteps(compiled.get(), steps);
    if (network.steps() > BridgeProtocol.MAX_RUN_STEPS) {
      throw new UserErrorException(model + ": " + network.steps() + " steps are more than one "
          + "RUN of the bridge takes (" + BridgeProtocol.MAX_RUN_STEPS + "); use --steps");
    }
    SimResult golden;
    try {
      golden = new GoldenSimulator(SimOptions.defaults().withFixed(b.profile())
          .withRecordAllSpikes(true)).run(network);
    } catch (NumericsException e) {
      err.println(model + ": " + e.getMessage());
      return Main.USER_ERROR;
    }
    GoldenSplit traffic = GoldenSplit.of(golden.spikes().spikes(), design.plan());

    if (bitstream != null) {
      programBoard(bitstream, b, stdout);
    }
    long t0 = System.nanoTime();
    Run run = runOnBoard(network, b, design, traffic, golden);
    double seconds = (System.nanoTime() - t0) / 1e9;

    Optional<Cosim.Mismatch> mismatch = Cosim.firstMismatch(run.spikes(), traffic.fired());
    List<SpikeRecord> recorded = recorded(network, run.spikes(), traffic.injected());
    writeOutputs(network, b, design, traffic, run, recorded, mismatch);
    BoardStatus s = run.status();
    if (mismatch.isPresent()) {
      err.println("snnc deploy: MISMATCH at " + mismatch.get() + " (board " + run.spikes().size()
          + " spikes, golden " + traffic.fired().size() + "); the board's spikes are in "
          + out.resolve("spikes.csv"));
      err.flush();
      return MISMATCH;
    }
    Optional<Cosim.WeightMismatch> weightMismatch = run.weights()
        .flatMap(WeightCheck.Outcome::mismatch);
    if (weightMismatch.isPresent()) {
      err.println("snnc deploy: MISMATCH in the STDP weights after the run: "
          + describe(weightMismatch.get()) + "; see " + out.resolve("deploy.json"));
      err.flush();
      return MISMATCH;
    }
    stdout.printf("%s on the %s (%s): %d steps, %d spikes, identical to the golden simulator "
        + "(fixed, %s); %d words loaded, %d read back; at most %d cycles per step; %.1f s%n",
        network.name(), b.board().title, port, s.stepCount(), run.spikes().size(),
        b.profile().name(), run.loadWords(), run.readBack(), s.maxStepCycles(), seconds);
    run.weights().ifPresent(w -> stdout.printf("%d STDP weights read back after the run (%d "
        + "changed by it), equal to the golden simulator's final weights%n", w.compared(),
        w.changed()));
    stdout.printf("wrote %s and %s%n", out.resolve("spikes.csv"), out.resolve("deploy.json"));
    if (!recorded(network, List.of(), traffic.onChip()).isEmpty()) {
      stdout.println("note: the model records spikes of Poisson sources, which the chip "
          + "generates and the host does not see; spikes.csv leaves them out");
    }
    stdout.flush();
    return 0;
  }

  private void checkOptions() {
    if (board != null) {
      throw new UserErrorException("--board is a SpiNNaker machine's address; " + build
          + " is an iCE40 build, reached through --port");
    }
    if (port == null) {
      throw new UserErrorException("--port is required: the board's serial port, e.g. "
          + "/dev/ttyUSB1");
    }
    if (model == null) {
      throw new UserErrorException("--model is required: the model " + build + " was "
          + "compiled from (the build holds its design, not its source)");
    }
    if (out == null) {
      throw new UserErrorException("--out is required: where spikes.csv and deploy.json go");
    }
    if (program != null && !program.equals("sram") && !program.equals("flash")) {
      throw new UserErrorException("--program: expected sram or flash, not '" + program + "'");
    }
    if (steps != null && (steps < 1 || steps > BridgeProtocol.MAX_RUN_STEPS)) {
      throw new UserErrorException("--steps must be 1 to " + BridgeProtocol.MAX_RUN_STEPS
          + " (one RUN of the bridge), not " + steps);
    }
    if (baud < 300) {
      throw new UserErrorException("--baud must be at least 300, not " + baud);
    }
    if (!(timeoutSeconds > 0)) {
      throw new UserErrorException("--timeout must be positive");
    }
  }

  /**
   * The board design and how a host drives it; {@code cores} are its cores' images (bridge core
   * i is core i: the single core, or the mapped system's), whose plastic synapses are read back
   * after the run.
   */
  record Design(Ice40Board.Output board, HostPlan plan, List<CoreImage> cores) {}

  /**
   * The board design of {@code network} as {@code snnc compile} built {@code b}: the single-core
   * design, or the mapped system (mapped again, as compile maps); errors go to {@code sink} and
   * give null.
   */
  static Design design(Network network, BoardBuild b, DiagnosticSink sink) {
    try {
      if (b.singleCore()) {
        return singleCore(network, b);
      }
      Mapper.Options options = Mapper.Options.defaults();
      // As 'snnc compile' maps (its default --place-time); results never depend on the limit.
      options = options.withPlace(options.place().withTimeLimitMs(60_000));
      Mapper.Result mapped = new Mapper(options).map(network, b.target(), sink);
      return sink.hasErrors() ? null : system(mapped, b);
    } catch (HdlException e) {
      for (Diagnostic d : e.diagnostics()) {
        sink.report(d.span().hasPosition() ? d : new Diagnostic(d.severity(), d.code(),
            network.span(), d.message(), d.notes()));
      }
      return null;
    }
  }

  /** The single-core board design of {@code network}, as {@code snnc compile} built it. */
  static Design singleCore(Network network, BoardBuild b) {
    CoreImage image = CoreLowering.lower(network, b.profile(), CoreLowering.Sizing.EXACT, false);
    Ice40Board.Output board = Ice40Board.emit(image, b.options());
    return new Design(board, HostPlan.of(image, board.layout()), List.of(image));
  }

  /** The mapped system's board design of {@code mapped}, as {@code snnc compile} built it. */
  static Design system(Mapper.Result mapped, BoardBuild b) {
    SystemImage image = SystemLowering.lower(mapped, b.profile(), CoreLowering.Sizing.EXACT,
        false);
    Ice40Board.Output board = SystemBoard.emit(image, SystemEmitter.emit(image), b.options());
    return new Design(board, HostPlan.of(image), image.cores().stream()
        .map(SystemImage.CoreInstance::image).toList());
  }

  /**
   * The build's load image must be the model's: the keys and cells the host uses come from the
   * model, so a build of another model (or of this one with other options) would run with
   * wrong inputs and be compared with the wrong reference.
   */
  private void checkLoadImage(BoardBuild b, Design design) {
    byte[] built;
    try {
      built = Files.readAllBytes(b.loadImage());
    } catch (IOException e) {
      throw new UserErrorException("cannot read " + b.loadImage() + ": " + e.getMessage());
    }
    if (!Arrays.equals(built, design.board().loadImage())) {
      throw new UserErrorException(model + " does not compile to the design in " + build
          + ": its load image differs from " + b.loadImage() + " (built from another model, "
          + "or with other compile options? compile it again)");
    }
  }

  /** What the board did; {@code weights}: the STDP check, for a single core with STDP. */
  record Run(BridgeProtocol.Info info, List<SpikeRecord> spikes, BoardStatus status,
      long loadWords, int readBack, long bytesSent, long bytesReceived,
      Optional<WeightCheck.Outcome> weights) {}

  /** A synapse whose final weight differs, in the board's words. */
  static String describe(Cosim.WeightMismatch m) {
    return "projection '" + m.projection() + "', synapse " + m.pre() + " -> " + m.post()
        + " (delay " + m.delaySteps() + " steps): board " + m.hardwareRaw() + ", golden "
        + m.goldenRaw() + " (raw weights)";
  }

  /** Programs the board with openFPGALoader; a failure is a user error naming the log. */
  private void programBoard(Path bitstream, BoardBuild b, PrintWriter stdout) {
    Tool loader = new Tool("openFPGALoader");
    if (!loader.installed()) {
      throw new UserErrorException("--program needs openFPGALoader, which is not on the PATH "
          + "(Debian/Ubuntu: apt install openfpgaloader)");
    }
    boolean flash = program.equals("flash");
    Path log = out.resolve("logs").resolve("openFPGALoader.log");
    List<String> args = new ArrayList<>(List.of("-b", programmer));
    if (flash) {
      args.add("--write-flash");
    }
    args.add(bitstream.toAbsolutePath().toString());
    stdout.printf("programming the %s (%s) with %s: openFPGALoader %s%n", b.board().title,
        flash ? "SPI flash" : "SRAM", bitstream, String.join(" ", args));
    stdout.flush();
    Tool.Result r;
    try {
      Files.createDirectories(out);
      r = loader.run(out, log, PROGRAMMER_TIMEOUT_S, args);
    } catch (IOException e) {
      throw new UserErrorException("cannot run openFPGALoader: " + e.getMessage());
    }
    if (!r.ok()) {
      String last = r.output().lines().map(String::strip).filter(l -> !l.isEmpty())
          .reduce((x, y) -> y).orElse("no output");
      throw new UserErrorException("openFPGALoader could not program the board (exit "
          + r.exitCode() + ": " + last + "); see " + log);
    }
  }

  /** Drives the board through the serial port; a silent or failing board is a user error. */
  private Run runOnBoard(Network network, BoardBuild b, Design design, GoldenSplit traffic,
      SimResult golden) {
    HostPlan plan = design.plan();
    // One keyed RUN of every step, keys streamed in and spikes out while it runs
    // (BoardSession.run), paced at the model's timestep with --real-time: RESET first, since a
    // real board may hold an earlier run's counters, keys and spikes.
    long period = realTime ? BridgeProtocol.periodCycles(network.timestepMs(),
        design.board().clockHz()) : 0;
    BoardSession.Options options = new BoardSession.Options(true, period,
        BoardSession.DEFAULT_MAX_POLLS);
    long timeoutMs = Math.round(timeoutSeconds * 1000);
    String stage = "opening " + port;
    try (SerialLink link = SerialLink.open(port, baud, timeoutMs)) {
      BoardSession session = new BoardSession(new BridgeClient(link), options);
      stage = "asking the board for its bridge (INFO)";
      BridgeProtocol.Info info = session.connect(plan.keyBits());
      stage = "sending the load image";
      LoadImage image = LoadImage.parse(design.board().loadImage());
      long words = session.load(image);
      stage = "reading synapse words back";
      int readBack = 0;
      for (BoardSession.ReadCheck r : plan.reads()) {
        readBack += session.readBack(r);
      }
      stage = "running " + network.steps() + " steps";
      List<SpikeRecord> hw = new ArrayList<>();
      for (BoardSession.BoardSpike s : session.run(network.steps(), traffic.intKeysByStep())) {
        HostPlan.Cell who = plan.neuron(s.key());
        if (who == null) {
          throw new BridgeException("the board sent key " + s.key() + " at step " + s.step()
              + ", which no neuron of " + network.name() + " owns");
        }
        hw.add(new SpikeRecord(who.population(), who.index(), s.step()));
      }
      BoardStatus last = session.status();
      Optional<WeightCheck.Outcome> weights = Optional.empty();
      if (design.cores().stream().anyMatch(c -> !c.plastic().isEmpty())) {
        // STDP changed the synapse tables during the run: every plastic synapse of every core
        // (bridge core i is the design's core i) is read back.
        stage = "reading the STDP weights back";
        weights = Optional.of(WeightCheck.compare(network, design.cores(), golden,
            WeightCheck.quantisation(network, b.profile(), false),
            (core, address) -> session.readSynapse(core, address)));
      }
      return new Run(info, hw, last, words, readBack, link.bytesSent(), link.bytesReceived(),
          weights);
    } catch (SerialLink.LinkTimeoutException e) {
      throw new UserErrorException("the board on " + port + " does not answer while " + stage
          + ": " + e.getMessage() + ". Is the bitstream loaded (--program), " + port
          + " the board's UART, and its bridge at " + baud + " baud?");
    } catch (BridgeException e) {
      throw new UserErrorException("the board on " + port + " failed while " + stage + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw new UserErrorException(stage + ": " + e.getMessage());
    }
  }

  /**
   * The spikes {@code snnc simulate} would write for {@code network}: those of its recorded
   * populations (and recorded slices); a neuron's from the board, a host-injected source's as
   * sent. Sources generated on the chip are not seen by the host and are missing.
   */
  static List<SpikeRecord> recorded(Network network, List<SpikeRecord> board,
      List<SpikeRecord> injected) {
    Map<String, List<Recording.Range>> ranges = new HashMap<>();
    Map<snnc.ir.PopulationId, String> names = new HashMap<>();
    for (Population p : network.populations()) {
      names.put(p.id(), p.name());
    }
    for (Recording r : network.recordings()) {
      if (r.variables().contains(Recording.Variable.SPIKES)) {
        ranges.computeIfAbsent(names.get(r.population()), x -> new ArrayList<>())
            .add(r.slice().orElse(new Recording.Range(0, Integer.MAX_VALUE)));
      }
    }
    List<SpikeRecord> all = new ArrayList<>(board);
    all.addAll(injected);
    List<SpikeRecord> kept = new ArrayList<>();
    for (SpikeRecord s : all) {
      for (Recording.Range r : ranges.getOrDefault(s.population(), List.of())) {
        if (s.index() >= r.from() && s.index() < r.to()) {
          kept.add(s);
          break;
        }
      }
    }
    kept.sort(SpikeRecord.CSV_ORDER);
    return kept;
  }

  private void writeOutputs(Network network, BoardBuild b, Design design, GoldenSplit traffic,
      Run run, List<SpikeRecord> recorded, Optional<Cosim.Mismatch> mismatch) {
    BoardStatus s = run.status();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", network.name());
    report.put("build", build.toString());
    report.put("board", b.board().title);
    report.put("design", b.singleCore() ? "single core" : "mapped system");
    report.put("board_top", design.board().top());
    report.put("port", port.toString());
    report.put("baud", baud);
    report.put("numerics", b.profile().name());
    report.put("clock_mhz", design.board().clockHz() / 1e6);
    BridgeProtocol.Info info = run.info();
    Map<String, Object> bridge = new LinkedHashMap<>();
    bridge.put("version", info.version());
    bridge.put("key_bits", info.keyBits());
    bridge.put("input_fifo", 1 << info.inFifoBits());
    bridge.put("spike_fifo", 1 << info.outFifoBits());
    bridge.put("holds_spikes", info.holdsSpikes());
    report.put("bridge", bridge);
    report.put("steps", s.stepCount());
    report.put("real_time", realTime);
    report.put("load_words", run.loadWords());
    report.put("synapse_words_read_back", run.readBack());
    report.put("source_spikes_sent", traffic.injected().size());
    report.put("board_spikes", run.spikes().size());
    report.put("golden_spikes", traffic.fired().size());
    report.put("exact", mismatch.isEmpty()
        && run.weights().map(WeightCheck.Outcome::exact).orElse(true));
    mismatch.ifPresent(m -> {
      Map<String, Object> first = new LinkedHashMap<>();
      first.put("step", m.step());
      first.put("population", m.population());
      first.put("neuron", m.neuron());
      first.put("fired", m.onHardware() ? "on the board only" : "in the golden simulator only");
      report.put("first_mismatch", first);
    });
    run.weights().ifPresent(w -> {
      Map<String, Object> stdp = new LinkedHashMap<>();
      stdp.put("compared", w.compared());
      stdp.put("changed_by_the_run", w.changed());
      stdp.put("exact", w.exact());
      w.mismatch().ifPresent(m -> {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("projection", m.projection());
        first.put("pre", m.pre());
        first.put("post", m.post());
        first.put("delay_steps", m.delaySteps());
        first.put("board_raw", m.hardwareRaw());
        first.put("golden_raw", m.goldenRaw());
        stdp.put("first_mismatch", first);
      });
      report.put("stdp_weights", stdp);
    });
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("cycles", s.cycles());
    counters.put("busy_cycles", s.busyCycles());
    counters.put("max_step_cycles", s.maxStepCycles());
    counters.put("dropped_spikes", s.dropped());
    counters.put("overrun", s.overrun());
    counters.put("late", s.late());
    report.put("board_counters", counters);
    report.put("bytes_to_board", run.bytesSent());
    report.put("bytes_from_board", run.bytesReceived());
    try {
      Files.createDirectories(out);
      TraceWriter.writeSpikes(out, new SpikeTrace(network.timestepMs(), recorded));
      AtomicFiles.writeString(out.resolve("deploy.json"), JSON.writeValueAsString(report)
          + "\n");
    } catch (IOException e) {
      throw new UserErrorException("cannot write into " + out + ": " + e.getMessage());
    }
  }
}
