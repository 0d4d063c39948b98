package snnc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import snnc.cli.Main;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Bitstream;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.target.TargetException;
import snnc.mapper.target.Targets;
import snnc.sim.cosim.BoardCosim;
import snnc.sim.cosim.CoreProcess;
import snnc.sim.cosim.VerilatedCore;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;

/**
 * {@code bench/run fpga}: the iCE40 board designs that {@code snnc compile --target ...
 * --bitstream} builds, built by that command itself ({@link Main#run}: mapping, core choice,
 * board design, lint, yosys, nextpnr-ice40, icepack), so the figures are what a user gets.
 * <ol>
 *   <li>Each design of {@link #designs}: resources from the flow's own logs (yosys: LUT4,
 *       flip-flops, block RAM, SPRAM, DSP; nextpnr: logic cells used of the device's, routed
 *       Fmax), whether it met the clock it was asked for, and its cycles per step from the
 *       board co-simulation ({@link BoardCosim}: the whole board top Verilated and driven through
 *       its UART pins, the core's own step counters read over the bridge), spike for spike
 *       against the golden simulator; the real-time factor at 1 ms steps at the design's clock.
 *       The HX8K's pipelined board design is placed with nextpnr seeds 1 … 5 (its Fmax differs
 *       by seed at 98 % of the device).</li>
 *   <li>Co-simulation speed: synfire on its Verilated core (each template), simulated cycles per
 *       second of the step loop against the golden fixed-mode simulator on the same model.</li>
 * </ol>
 * The largest network per device is the largest design that met its clock (ring1k, the SPRAM
 * layout's capacity, on the UP5K; synfire240's single core on the HX8K).
 */
final class FpgaBenchmark {

  /** Targets of the FPGA backend (issue: FPGA backend, "Done means"). */
  static final int TARGET_NEURONS_UP5K = 1024;
  static final int TARGET_SYNAPSES_UP5K = 32 * 1024;
  static final double TARGET_FMAX_UP5K = 35;
  static final double TARGET_FMAX_HX8K = 90;
  static final double TARGET_REALTIME = 20;
  static final double TARGET_COSIM_CYCLES_PER_S = 5e6;

  /** nextpnr seeds of the HX8K pipelined board design. */
  static final int HX8K_SEEDS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private FpgaBenchmark() {}

  /**
   * One board design: {@code snnc compile MODEL --target TARGET OPTIONS --bitstream}.
   *
   * @param name the design's name in the table
   * @param device {@code UP5K} or {@code HX8K}
   * @param model the model, relative to the repository
   * @param target the target name or file
   * @param options further compile options (clock, core)
   * @param clockMhz the clock asked for ({@code --clock}, else the 12 MHz oscillator)
   * @param seed nextpnr's placement seed, 0 for nextpnr's default
   */
  record Design(String name, String device, String model, String target, List<String> options,
      double clockMhz, int seed) {
    /** The compile command line, without {@code --out}. */
    List<String> args(boolean bitstream) {
      List<String> a = new ArrayList<>(List.of("compile", model, "--target", target));
      a.addAll(options);
      if (bitstream) {
        a.add("--bitstream");
        if (seed > 0) {
          a.addAll(List.of("--pnr-seed", Integer.toString(seed)));
        }
      }
      return a;
    }

    /** Designs that differ only by seed share one RTL, so one co-simulation. */
    String rtlKey() {
      return model + " " + target + " " + options;
    }
  }

  /**
   * The board designs of docs/fpga.md: synfire's pipelined SPRAM core on the UP5K behind a 36 MHz
   * PLL; ring1k (1,024 neurons, 32,768 synapses: the SPRAM layout's capacity, which the
   * pipelined core's layout cannot hold, so the compact core) at the 12 MHz oscillator;
   * synfire240's pipelined single-core design on the HX8K at 90 MHz, seeds 1 … 5 ({@code quick}:
   * seed 2 only); and the HX8K's mapped system of two compact cores (chain2 on a target file of
   * smaller cores) at 12 MHz.
   */
  static List<Design> designs(boolean quick) {
    List<Design> d = new ArrayList<>();
    d.add(new Design("synfire", "UP5K", "examples/synfire.snn", "ice40-up5k",
        List.of("--clock", "36"), 36, 0));
    d.add(new Design("ring1k", "UP5K", "bench/models/ring1k.snn", "ice40-up5k", List.of(), 12,
        0));
    for (int s = quick ? 2 : 1; s <= (quick ? 2 : HX8K_SEEDS); s++) {
      d.add(new Design("synfire240", "HX8K", "bench/models/synfire240.snn", "ice40-hx8k",
          List.of("--clock", "90"), 90, s));
    }
    d.add(new Design("chain2 (2 cores)", "HX8K", "bench/models/chain2.snn",
        "bench/models/hx8k-4x32.json", List.of("--core", "compact"), 12, 0));
    return d;
  }

  /** The board co-simulation of a design: the core's counters after the last step. */
  record BoardRun(long steps, long busyCycles, long maxStepCycles, boolean exact,
      Boolean sameRtl, double seconds) {
    double meanStepCycles() {
      return busyCycles / (double) steps;
    }
  }

  /**
   * One built design: what {@code report.json} says the compile built, what the flow's logs say
   * it needs, and its board co-simulation. {@code status} is compile's exit status (1 when the
   * routed design misses its clock: no bitstream, but the logs still hold its Fmax).
   */
  record Built(Design design, int status, String error, String core, int cores, int neurons,
      long synapses, int blockRamEstimate, int luts, int flipFlops, int logicCells,
      int logicCellsTotal, int blockRams, int sprams, int dsps, OptionalDouble fmaxMhz,
      long bitstreamBytes, double buildSeconds, BoardRun run) {
    boolean metClock() {
      return status == 0 && bitstreamBytes > 0;
    }
  }

  /** The synfire co-simulation speed on one Verilated core. */
  record Cosim(String model, String template, int neurons, long synapses, long steps,
      long cycles, long maxStepCycles, double cosimSeconds, double goldenSeconds,
      boolean exact) {
    double cyclesPerSecond() {
      return cycles / cosimSeconds;
    }
  }

  static void runAndWrite(Path out, boolean quick) throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    List<Tool> tools = quick ? List.of(Tool.VERILATOR)
        : List.of(Tool.VERILATOR, Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK);
    for (Tool t : tools) {
      if (!t.installed()) {
        throw new IOException(t.command() + " is not on the PATH: bench fpga needs it");
      }
    }
    long start = System.nanoTime();
    Path work = Files.createTempDirectory("snnc-bench-fpga");
    List<Built> built = new ArrayList<>();
    Map<String, BoardRun> runs = new HashMap<>();
    for (Design d : designs(quick)) {
      System.err.printf("fpga: snnc %s%n", String.join(" ", d.args(!quick)));
      built.add(build(d, repo, work, !quick, runs));
    }
    System.err.println("fpga: co-simulation speed (synfire on its Verilated core)...");
    List<Cosim> speed = new ArrayList<>();
    for (CoreTemplate t : List.of(CoreTemplate.PIPELINED, CoreTemplate.COMPACT)) {
      speed.add(cosim(repo.resolve("examples/synfire.snn"), t));
    }
    double seconds = seconds(start);
    String load = loadAverage();
    print(built, speed, quick, seconds, load);
    write(out.resolve("fpga.json"), built, speed, quick, seconds, load);
  }

  /**
   * Runs {@code snnc compile} for {@code d} into a fresh folder, reads its report and logs, and
   * co-simulates the design on the board (once per RTL: {@code runs}).
   */
  static Built build(Design d, Path repo, Path work, boolean bitstream,
      Map<String, BoardRun> runs) throws IOException {
    Path dir = work.resolve(d.name().replaceAll("[^A-Za-z0-9]+", "-") + "-" + d.device()
        + (d.seed() > 0 ? "-seed" + d.seed() : ""));
    List<String> args = new ArrayList<>(d.args(bitstream));
    args.set(1, repo.resolve(d.model()).toString());
    if (d.target().endsWith(".json")) {
      args.set(3, repo.resolve(d.target()).toString());
    }
    args.addAll(List.of("--out", dir.toString()));
    StringWriter errors = new StringWriter();
    long t0 = System.nanoTime();
    int status;
    try (PrintWriter err = new PrintWriter(errors)) {
      status = Main.run(args.toArray(String[]::new), new PrintWriter(System.err, true), err);
    }
    double buildSeconds = seconds(t0);
    String error = errors.toString().trim();
    if (!error.isEmpty()) {
      System.err.println(error);
    }
    Path reportFile = dir.resolve("report.json");
    if (!Files.isRegularFile(reportFile)) {
      throw new IOException("snnc " + String.join(" ", args) + " wrote no report (exit "
          + status + "): " + error);
    }
    JsonNode hdl = JSON.readTree(reportFile.toFile()).path("hdl");
    boolean system = hdl.path("design").asText().startsWith("mapped system");
    // The flow's figures, read with the parsers Ice40Flow uses, from its logs: they are there
    // also when the routed design missed its clock and compile stopped without a bitstream.
    Path logs = dir.resolve("logs");
    int luts = 0;
    int ffs = 0;
    int brams = 0;
    int sprams = 0;
    int dsps = 0;
    int[] cells = {0, 0};
    OptionalDouble fmax = OptionalDouble.empty();
    if (Files.isRegularFile(logs.resolve("yosys.log"))) {
      String log = Files.readString(logs.resolve("yosys.log"), StandardCharsets.UTF_8);
      Synthesis.Resources res = Synthesis.resources(log, dir.resolve("build"));
      luts = res.luts();
      ffs = res.flipFlops();
      brams = res.blockRams();
      dsps = res.dsps();
      sprams = Synthesis.cells(log, "SB_SPRAM256KA");
    }
    if (Files.isRegularFile(logs.resolve("nextpnr.log"))) {
      String log = Files.readString(logs.resolve("nextpnr.log"), StandardCharsets.UTF_8);
      fmax = Bitstream.fmax(log);
      cells = logicCells(log);
    }
    Path bin = dir.resolve("bitstream.bin");
    long binBytes = Files.isRegularFile(bin) ? Files.size(bin) : 0;
    BoardRun run = runs.get(d.rtlKey());
    if (run == null) {
      System.err.printf("fpga: board co-simulation of %s on the %s...%n", d.name(), d.device());
      run = boardRun(repo, d, hdl, system, dir, work);
      runs.put(d.rtlKey(), run);
    }
    return new Built(d, status, error, system ? "compact (mapped system)"
        : hdl.path("core").asText() + " (" + hdl.path("memory_layout").asText().split(":")[0]
        + ")", hdl.path("cores").asInt(), hdl.has("neurons") ? hdl.path("neurons").asInt()
        : neuronsOf(d, repo), hdl.has("synapses") ? hdl.path("synapses").asLong()
        : synapsesOf(d, repo), hdl.path("block_ram_estimate").asInt(),
        luts, ffs, cells[0], cells[1], brams, sprams, dsps, fmax, binBytes, buildSeconds, run);
  }

  /**
   * The board co-simulation of the design compile built: the same board options (board, core
   * template, clock) on the same network, so the same RTL; single-core designs are compared
   * file by file with compile's {@code rtl/} ({@code sameRtl}). A mapped system is co-simulated
   * with the memories left empty, so that only the load image fills them (BoardCosim), which
   * is the one difference from compile's RTL.
   */
  private static BoardRun boardRun(Path repo, Design d, JsonNode hdl, boolean system, Path dir,
      Path work) throws IOException {
    Network net = compileFile(repo.resolve(d.model()));
    Ice40Board.Board board = d.device().equals("UP5K") ? Ice40Board.Board.ICEBREAKER
        : Ice40Board.Board.HX8K_BREAKOUT;
    Ice40Board.Options options = Ice40Board.Options.defaults(board)
        .withClockMhz(hdl.path("clock_mhz").asDouble(12));
    if (!system) {
      options = options.withTemplate(CoreTemplate.byLabel(hdl.path("core").asText())
          .orElseThrow());
    }
    NumericsProfile profile = NumericsProfile.byName(hdl.path("numerics").asText()).orElseThrow();
    Path cosimDir = dir.resolveSibling(dir.getFileName() + "-cosim");
    long t0 = System.nanoTime();
    // One step ahead: no step waits for the simulated UART to drain earlier spikes, so the
    // counters are the design's own cycles per step.
    BoardCosim cosim = new BoardCosim(profile, options, 8, VerilatedCore.defaultCacheDir(),
        cosimDir).withStepsAhead(1);
    BoardCosim.Result r;
    Boolean same;
    if (system) {
      DiagnosticSink sink = new DiagnosticSink();
      Mapper.Result mapped;
      try {
        mapped = new Mapper(Mapper.Options.defaults()).map(net,
            Targets.resolve(repo.resolve(d.target()).toString()), sink);
      } catch (TargetException e) {
        throw new IOException(e.getMessage(), e);
      }
      if (sink.hasErrors()) {
        throw new IOException(d.model() + " does not map: " + sink.all());
      }
      r = cosim.run(mapped, false);
      same = null;
    } else {
      r = cosim.run(net);
      same = sameFiles(r.design().files(), dir.resolve("rtl"));
    }
    return new BoardRun(r.finalStatus().stepCount(), r.finalStatus().busyCycles(),
        r.finalStatus().maxStepCycles(), r.exact(), same, seconds(t0));
  }

  /** Whether every file of {@code files} is in {@code rtl} with the same text. */
  private static boolean sameFiles(Map<String, String> files, Path rtl) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = rtl.resolve(f.getKey());
      if (!Files.isRegularFile(p)
          || !Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** nextpnr's final "ICESTORM_LC: used/ total" line: logic cells used and the device's. */
  static int[] logicCells(String nextpnrLog) {
    Matcher m = Pattern.compile("ICESTORM_LC:\\s+(\\d+)/\\s*(\\d+)").matcher(nextpnrLog);
    int[] last = {0, 0};
    while (m.find()) {
      last = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
    return last;
  }

  /** Neurons of a model (mapped systems' reports count cores, not neurons). */
  private static int neuronsOf(Design d, Path repo) {
    return compileFile(repo.resolve(d.model())).populations().stream()
        .filter(p -> !p.cellType().isSource()).mapToInt(p -> p.size()).sum();
  }

  private static long synapsesOf(Design d, Path repo) {
    Network net = compileFile(repo.resolve(d.model()));
    return CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false)
        .synapses().size();
  }

  static Cosim cosim(Path file, CoreTemplate template) throws IOException {
    Network net = compileFile(file);
    NumericsProfile profile = NumericsProfile.COMPACT;
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true);
    // The golden simulator's time: the best of three runs (the first warms the JIT up).
    double golden = Double.MAX_VALUE;
    SimResult result = null;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      result = new GoldenSimulator(options).run(net);
      golden = Math.min(golden, seconds(t));
    }
    CoreImage image = CoreLowering.lower(net, profile, CoreLowering.Sizing.CLASS, false);
    TreeMap<Long, List<Integer>> keys = new TreeMap<>();
    List<SpikeRecord> goldenNeurons = new ArrayList<>();
    for (SpikeRecord s : result.spikes().spikes()) {
      CoreImage.PopulationRange p = image.population(s.population()).orElseThrow();
      if (p.isSource()) {
        keys.computeIfAbsent(s.step(), x -> new ArrayList<>()).add(p.base() + s.index());
      } else {
        goldenNeurons.add(s);
      }
    }
    Path exe = VerilatedCore.executable(image.shape(), template,
        VerilatedCore.defaultCacheDir());
    long stepCycles = 0;
    long maxStep = 0;
    long fired = 0;
    double seconds = Double.MAX_VALUE;
    // Best of three runs, like the golden simulator: the step loop is short and the machine shared.
    for (int run = 0; run < 3; run++) {
      stepCycles = 0;
      maxStep = 0;
      fired = 0;
      try (CoreProcess core = CoreProcess.start(exe)) {
        core.load(image);
        List<int[]> perStep = new ArrayList<>();
        for (long n = 0; n < net.steps(); n++) {
          perStep.add(keys.getOrDefault(n, List.of()).stream().mapToInt(Integer::intValue)
              .toArray());
        }
        // Timed: the steps only (the build is cached, loading is once per network), sent ahead
        // of their replies in batches as snnc cosim sends them.
        long t = System.nanoTime();
        for (CoreProcess.Step s : core.steps(perStep)) {
          stepCycles += s.cycles();
          maxStep = Math.max(maxStep, s.cycles());
          fired += s.fired().length;
        }
        seconds = Math.min(seconds, seconds(t));
      }
    }
    return new Cosim(net.name(), template.label(), image.neurons(), image.synapses().size(),
        net.steps(), stepCycles, maxStep, seconds, golden, fired == goldenNeurons.size());
  }

  private static Network compileFile(Path file) {
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new IllegalStateException(file + " does not compile: " + sink.all()));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Real-time factor at 1 ms steps: how many times faster than real time a step of this many cycles runs. */
  static double realTime(double clockMhz, double cyclesPerStep) {
    return 1e-3 * clockMhz * 1e6 / cyclesPerStep;
  }

  private static String mhz(OptionalDouble f) {
    return f.isPresent() ? String.format(Locale.ROOT, "%.2f", f.getAsDouble()) : "-";
  }

  private static void print(List<Built> built, List<Cosim> speed, boolean quick, double seconds,
      String load) {
    System.out.println("fpga: iCE40 board designs as `snnc compile --target ... --bitstream` "
        + "builds them" + (quick ? " (--quick: no bitstreams, HX8K seed 2 only)" : ""));
    System.out.printf("  %-17s %-4s %-28s %7s %8s %6s %6s %13s %4s %5s %3s %6s %4s %7s %9s %6s "
        + "%13s %s%n", "design", "dev", "core", "neurons", "synapses", "LUT4", "FF", "LC",
        "BRAM", "SPRAM", "DSP", "clock", "seed", "Fmax", "mean cyc", "worst", "RT mean/worst",
        "LUT/neuron");
    for (Built b : built) {
      Design d = b.design();
      BoardRun r = b.run();
      System.out.printf(Locale.ROOT, "  %-17s %-4s %-28s %,7d %,8d %6d %6d %13s %4d %5d %3d %6s "
          + "%4s %7s %,9.1f %,6d %6.1f/%6.1f %.2f  %s%s%n", d.name(), d.device(), b.core(),
          b.neurons(), b.synapses(), b.luts(), b.flipFlops(), b.logicCellsTotal() == 0 ? "-"
          : String.format(Locale.ROOT, "%,d/%,d", b.logicCells(), b.logicCellsTotal()),
          b.blockRams(), b.sprams(), b.dsps(), num(d.clockMhz()),
          d.seed() == 0 ? "-" : Integer.toString(d.seed()), mhz(b.fmaxMhz()),
          r.meanStepCycles(), r.maxStepCycles(), realTime(d.clockMhz(), r.meanStepCycles()),
          realTime(d.clockMhz(), r.maxStepCycles()), b.luts() / (double) b.neurons(),
          quick ? "compiled" : b.metClock() ? "meets its clock" : "MISSES ITS CLOCK (no "
          + "bitstream)", (r.exact() ? ", spike-exact" : ", SPIKES DIFFER FROM GOLDEN")
          + (r.sameRtl() == null ? "" : r.sameRtl() ? ", co-simulated RTL = compiled RTL"
          : ", CO-SIMULATED RTL DIFFERS FROM THE COMPILED RTL"));
    }
    System.out.println("  (LC: nextpnr logic cells used/device; Fmax: routed; cyc: cycles per "
        + "step from the board co-simulation; RT: real-time factor at 1 ms steps at the clock; "
        + "the mapped system is co-simulated with empty memories, filled by its load image)");
    Built largestUp5k = largest(built, "UP5K");
    Built largestHx8k = largest(built, "HX8K");
    System.out.printf(Locale.ROOT, "  largest network built on one UP5K: %s (target >= %,d "
        + "neurons with >= %,d 8-bit synapses); on one HX8K: %s%n", describe(largestUp5k),
        TARGET_NEURONS_UP5K, TARGET_SYNAPSES_UP5K, describe(largestHx8k));
    Built synfire = built.get(0);
    System.out.printf(Locale.ROOT, "  Fmax UP5K %s MHz (synfire; target >= %.0f), HX8K %s MHz "
        + "(synfire240, seeds %s; target >= %.0f); synfire on the UP5K at %s MHz: %.1fx real "
        + "time on average, %.1fx in the worst step (target >= %.0fx)%n", mhz(synfire.fmaxMhz()),
        TARGET_FMAX_UP5K, hx8kFmax(built), hx8kSeeds(built), TARGET_FMAX_HX8K,
        num(synfire.design().clockMhz()), realTime(synfire.design().clockMhz(),
        synfire.run().meanStepCycles()), realTime(synfire.design().clockMhz(),
        synfire.run().maxStepCycles()), TARGET_REALTIME);
    for (Cosim c : speed) {
      System.out.printf(Locale.ROOT, "  co-simulation, %s core: %,.0f simulated cycles/s (%s, "
          + "%,d cycles in %.3f s, best of 3; target >= %,.0f); golden fixed simulator %.3f s "
          + "(co-simulation takes %.1fx its time); %s%n", c.template(), c.cyclesPerSecond(),
          c.model(), c.cycles(), c.cosimSeconds(), TARGET_COSIM_CYCLES_PER_S, c.goldenSeconds(),
          c.cosimSeconds() / c.goldenSeconds(), c.exact() ? "spike count matches golden"
          : "SPIKE COUNT DIFFERS FROM GOLDEN");
    }
    System.out.printf(Locale.ROOT, "  (cores: %d; load average at the end: %s; %.0f s in all)%n",
        Runtime.getRuntime().availableProcessors(), load, seconds);
  }

  /** The largest design (by synapses, then neurons) on {@code device} that met its clock. */
  static Built largest(List<Built> built, String device) {
    Built best = null;
    for (Built b : built) {
      if (b.design().device().equals(device) && b.metClock() && (best == null
          || b.synapses() > best.synapses()
          || b.synapses() == best.synapses() && b.neurons() > best.neurons())) {
        best = b;
      }
    }
    return best;
  }

  private static String describe(Built b) {
    return b == null ? "none placed and routed" : String.format(Locale.ROOT, "%s, %,d neurons, "
        + "%,d synapses", b.design().name(), b.neurons(), b.synapses());
  }

  private static String hx8kFmax(List<Built> built) {
    return built.stream().filter(b -> b.design().device().equals("HX8K")
        && b.design().seed() > 0).map(b -> mhz(b.fmaxMhz())).reduce((a, b) -> a + " / " + b)
        .orElse("-");
  }

  private static String hx8kSeeds(List<Built> built) {
    return built.stream().filter(b -> b.design().device().equals("HX8K")
        && b.design().seed() > 0).map(b -> Integer.toString(b.design().seed()))
        .reduce((a, b) -> a + ", " + b).orElse("-");
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void write(Path file, List<Built> built, List<Cosim> speed, boolean quick,
      double seconds, String load) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "fpga");
    json.put("quick", quick);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("load_average_at_end", load);
    json.put("seconds", seconds);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Built b : built) {
      Design d = b.design();
      BoardRun r = b.run();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("design", d.name());
      row.put("device", d.device());
      row.put("command", "snnc " + String.join(" ", d.args(!quick)) + " --out DIR");
      row.put("core", b.core());
      row.put("cores", b.cores());
      row.put("neurons", b.neurons());
      row.put("synapses", b.synapses());
      row.put("luts", b.luts());
      row.put("flip_flops", b.flipFlops());
      row.put("logic_cells", b.logicCells());
      row.put("logic_cells_total", b.logicCellsTotal());
      row.put("block_rams", b.blockRams());
      row.put("block_ram_estimate", b.blockRamEstimate());
      row.put("sprams", b.sprams());
      row.put("dsps", b.dsps());
      row.put("luts_per_neuron", b.luts() / (double) b.neurons());
      row.put("clock_mhz", d.clockMhz());
      row.put("pnr_seed", d.seed() == 0 ? null : d.seed());
      row.put("fmax_mhz", b.fmaxMhz().isPresent() ? b.fmaxMhz().getAsDouble() : null);
      row.put("meets_clock", b.metClock());
      row.put("compile_status", b.status());
      row.put("compile_error", b.error().isEmpty() ? null : b.error());
      row.put("bitstream_bytes", b.bitstreamBytes());
      row.put("build_seconds", b.buildSeconds());
      row.put("cosim_steps", r.steps());
      row.put("mean_cycles_per_step", r.meanStepCycles());
      row.put("max_cycles_per_step", r.maxStepCycles());
      row.put("real_time_factor_mean", realTime(d.clockMhz(), r.meanStepCycles()));
      row.put("real_time_factor_worst", realTime(d.clockMhz(), r.maxStepCycles()));
      row.put("spike_exact", r.exact());
      row.put("cosim_rtl_equals_compiled_rtl", r.sameRtl());
      row.put("cosim_seconds", r.seconds());
      rows.add(row);
    }
    json.put("designs", rows);
    Map<String, Object> largest = new LinkedHashMap<>();
    for (String device : List.of("UP5K", "HX8K")) {
      Built b = largest(built, device);
      largest.put(device, b == null ? null : Map.of("design", b.design().name(), "neurons",
          b.neurons(), "synapses", b.synapses()));
    }
    json.put("largest_network_built", largest);
    List<Map<String, Object>> cosims = new ArrayList<>();
    for (Cosim c : speed) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", c.model());
      m.put("template", c.template());
      m.put("neurons", c.neurons());
      m.put("synapses", c.synapses());
      m.put("steps", c.steps());
      m.put("cycles", c.cycles());
      m.put("max_cycles_per_step", c.maxStepCycles());
      m.put("cosim_seconds_best_of_3", c.cosimSeconds());
      m.put("cosim_cycles_per_second", c.cyclesPerSecond());
      m.put("golden_fixed_seconds_best_of_3", c.goldenSeconds());
      m.put("spike_count_matches_golden", c.exact());
      cosims.add(m);
    }
    json.put("cosim_speed", cosims);
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("up5k_neurons", TARGET_NEURONS_UP5K);
    targets.put("up5k_synapses", TARGET_SYNAPSES_UP5K);
    targets.put("fmax_mhz_up5k", TARGET_FMAX_UP5K);
    targets.put("fmax_mhz_hx8k", TARGET_FMAX_HX8K);
    targets.put("synfire_real_time_factor_up5k", TARGET_REALTIME);
    targets.put("cosim_cycles_per_second", TARGET_COSIM_CYCLES_PER_S);
    json.put("targets", targets);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }
}
