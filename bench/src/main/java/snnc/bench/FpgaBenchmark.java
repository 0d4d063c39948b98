package snnc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.TimingHarness;
import snnc.hdl.emit.VerilogPrinter;
import snnc.hdl.flow.Bitstream;
import snnc.hdl.flow.Synthesis;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.cosim.BoardCosim;
import snnc.sim.cosim.CoreProcess;
import snnc.sim.cosim.VerilatedCore;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;

/**
 * {@code bench/run fpga}: the compact core (profile compact) on iCE40, then the pipelined core.
 * <ol>
 *   <li>Capacity: size classes of 2^k neurons (and as many source keys), 2^(k+2) − 1 synapses and
 *       8 ring slots, each filled by a random network, go through yosys {@code synth_ice40} and
 *       {@code nextpnr-ice40} on the iCEBreaker board design (UP5K, DSPs used, SPRAM layout where
 *       it fits) and the HX8K one (block RAM only); the largest class that places and routes is
 *       what fits (LUT4, block RAM, Fmax). A class whose design is refused before synthesis
 *       (hdl.board-capacity) ends the search with that reason.</li>
 *   <li>examples/synfire.snn co-simulated on its Verilated core: clock cycles per timestep, the
 *       real-time factor at 1 ms steps with each device's Fmax, and simulated cycles per second
 *       against the golden fixed-mode simulator's time on the same model.</li>
 *   <li>The pipelined core ({@link PipelinedCoreGenerator}) of the same classes alone in a
 *       {@link TimingHarness} (UP5K: products on SB_MAC16; HX8K: LUT partial products), and
 *       synfire co-simulated on it: cycles per step and the real-time factor per device.</li>
 *   <li>UP5K capacity: examples/synfire.snn and bench/models/ring1k.snn (1,024 neurons, 32,768
 *       synapses) as whole-network single-core iCEBreaker board designs (the SPRAM layout, UART
 *       bridge) through yosys, nextpnr-ice40 and icepack, and through the board co-simulation for
 *       their cycles per step; real-time factors at the 12 MHz board clock and at Fmax.</li>
 * </ol>
 */
final class FpgaBenchmark {

  /** Targets of the FPGA backend (issue: FPGA backend, "Done means"). */
  static final int TARGET_NEURONS_UP5K = 1024;
  static final int TARGET_SYNAPSES_UP5K = 32 * 1024;
  static final double TARGET_FMAX_UP5K = 35;
  static final double TARGET_FMAX_HX8K = 90;
  static final double TARGET_REALTIME = 20;
  static final double TARGET_COSIM_CYCLES_PER_S = 5e6;

  /** Ring slots of the capacity classes: delays of 1 … 7 steps. */
  static final int RING_SLOTS = 8;

  private FpgaBenchmark() {}

  /** An iCE40 device: its nextpnr options, pins for the demo top, and its resources. */
  record Device(String name, List<String> nextpnr, Map<String, String> pins, boolean dsp,
      int luts, int blockRams) {}

  static final Device UP5K = new Device("ice40-up5k", List.of("--up5k", "--package", "sg48"),
      Map.of("clk_12mhz", "35", "led_red_n", "11", "led_green_n", "37"), true, 5280, 30);
  static final Device HX8K = new Device("ice40-hx8k", List.of("--hx8k", "--package", "ct256"),
      Map.of("clk_12mhz", "J3", "led_red_n", "B5", "led_green_n", "B4"), false, 7680, 32);

  /** One size class on one device: what yosys and nextpnr made of it. */
  record Fit(Device device, int neuronBits, int neurons, int synapses, CoreShape shape,
      int luts, int flipFlops, int blockRams, int dsps, boolean placed, OptionalDouble fmaxMhz,
      String why, double seconds) {}

  /** The synfire co-simulation figures. */
  record Cosim(String model, int neurons, long synapses, long steps, long cycles,
      long maxStepCycles, double cosimSeconds, double goldenSeconds, boolean exact) {
    double meanStepCycles() {
      return cycles / (double) steps;
    }

    double cyclesPerSecond() {
      return cycles / cosimSeconds;
    }
  }

  /** One whole network as an iCEBreaker board design: resources, Fmax and board cycles. */
  record Board(String model, int neurons, long synapses, String layout, int luts, int flipFlops,
      int blockRams, int blockRamEstimate, int sprams, int dsps, OptionalDouble fmaxMhz,
      long bitstreamBytes, long steps, long busyCycles, long maxStepCycles, boolean exact,
      double seconds) {
    double meanStepCycles() {
      return busyCycles / (double) steps;
    }
  }

  static Board board(Path model, Path work) throws IOException {
    long start = System.nanoTime();
    Network net = compileFile(model);
    CoreImage image = CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT,
        false);
    Ice40Board.Output rtl = Ice40Board.emit(image,
        Ice40Board.Options.defaults(Ice40Board.Board.ICEBREAKER));
    Path dir = work.resolve("board-" + net.name());
    rtl.write(dir);
    Tool.Result syn = Synthesis.run(dir, rtl.top(), rtl.synthesisFiles(), true);
    if (!syn.ok()) {
      throw new IOException("yosys failed on " + net.name() + " (" + syn.log() + ")");
    }
    String log = Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8);
    Synthesis.Resources res = Synthesis.resources(log, dir.resolve(rtl.top() + ".json"));
    // Routing a 90 %-full UP5K takes minutes on a loaded machine: the class search's 30 minutes,
    // not Bitstream.up5k's 10.
    Tool.Result pnr = Tool.NEXTPNR_ICE40.run(dir, dir.resolve("nextpnr.log"), 1800, List.of(
        "--up5k", "--package", "sg48", "--json", rtl.top() + ".json", "--pcf", rtl.pinFile(),
        "--asc", rtl.top() + ".asc"));
    Tool.Result pack = pnr.ok() ? Tool.ICEPACK.run(dir, dir.resolve("icepack.log"), 120,
        List.of(rtl.top() + ".asc", rtl.top() + ".bin")) : null;
    if (pack == null || !pack.ok()) {
      throw new IOException("nextpnr/icepack failed on " + net.name() + " (" + pnr.log() + ")");
    }
    OptionalDouble fmax = Bitstream.fmax(pnr.output());
    Path bin = dir.resolve(rtl.top() + ".bin");
    // The board co-simulation gives the core's own cycle counters (STATUS), UART at 8 clocks/bit;
    // one step ahead, so that no step waits for the simulated UART to drain earlier spikes.
    BoardCosim.Result cs = new BoardCosim(NumericsProfile.COMPACT, Ice40Board.Board.ICEBREAKER,
        8, VerilatedCore.defaultCacheDir(), work.resolve("cosim-" + net.name()))
        .withStepsAhead(1).run(net);
    return new Board(net.name(), image.neurons(), image.synapses().size(),
        rtl.template().label() + " " + rtl.layout().name().toLowerCase(Locale.ROOT), res.luts(),
        res.flipFlops(),
        res.blockRams(), rtl.blockRamEstimate(), Synthesis.cells(log, "SB_SPRAM256KA"),
        res.dsps(), fmax, Files.size(bin), cs.finalStatus().stepCount(),
        cs.finalStatus().busyCycles(), cs.finalStatus().maxStepCycles(), cs.exact(),
        seconds(start));
  }

  static void runAndWrite(Path out, boolean quick) throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    for (Tool t : new Tool[] {Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.VERILATOR}) {
      if (!t.installed()) {
        throw new IOException(t.command() + " is not on the PATH: bench fpga needs it");
      }
    }
    Path work = Files.createTempDirectory("snnc-bench-fpga");
    // --quick: the smallest class per device instead of the search.
    int first = quick ? 6 : 7;
    int last = quick ? 6 : 12;
    Map<String, List<Fit>> fits = new LinkedHashMap<>();
    for (Device d : List.of(UP5K, HX8K)) {
      List<Fit> tried = new ArrayList<>();
      for (int k = first; k <= last; k++) {
        System.err.printf("fpga: %s, class of %d neurons...%n", d.name(), 1 << k);
        Fit f = fit(d, k, work);
        tried.add(f);
        if (!f.placed()) {
          break; // memory only grows with the class: a larger one cannot fit either
        }
      }
      fits.put(d.name(), tried);
    }
    System.err.println("fpga: synfire co-simulation...");
    Cosim cs = cosim(repo.resolve("examples/synfire.snn"), CoreTemplate.COMPACT);
    // The pipelined core: the same classes, each core alone in a TimingHarness (three pins, every
    // port bit live), so the figures are the core's and not the board's bridge.
    Map<String, List<Fit>> pipelined = new LinkedHashMap<>();
    for (Device d : List.of(UP5K, HX8K)) {
      List<Fit> tried = new ArrayList<>();
      for (int k = first; k <= last; k++) {
        System.err.printf("fpga: pipelined core on %s, class of %d neurons...%n", d.name(),
            1 << k);
        Fit f = pipelinedFit(d, k, work);
        tried.add(f);
        if (!f.placed()) {
          break;
        }
      }
      pipelined.put(d.name(), tried);
    }
    System.err.println("fpga: synfire co-simulation on the pipelined core...");
    Cosim pcs = cosim(repo.resolve("examples/synfire.snn"), CoreTemplate.PIPELINED);
    List<Board> boards = new ArrayList<>();
    for (String model : List.of("examples/synfire.snn", "bench/models/ring1k.snn")) {
      System.err.printf("fpga: %s as one UP5K core (bitstream, board co-simulation)...%n", model);
      boards.add(board(repo.resolve(model), work));
    }
    print(fits, cs, quick);
    printPipelined(pipelined, pcs);
    printBoards(boards);
    write(out.resolve("fpga.json"), fits, cs, pipelined, pcs, boards, quick);
  }

  /** A random network that fills the class of 2^k neurons: fan-in 2 from sources, 1 recurrent. */
  /**
   * The random network of the class of 2^k neurons. With {@code poisson} its sources are
   * SpikeSourcePoisson (generated on chip, so the core carries the Poisson generator); without,
   * SpikeSourceArray, whose keys the host sends through the bridge: a UP5K board design with the
   * generator does not fit the device's logic (docs/fpga.md), so the board classes use those.
   */
  static String capacityModel(int k, boolean poisson) {
    int n = 1 << k;
    String source = poisson ? "SpikeSourcePoisson(rate = 20 Hz)"
        : "SpikeSourceArray(spike_times = [2 ms, 5 ms])";
    return String.format(Locale.ROOT, """
        network capacity_%d {
          timestep 1 ms
          seed %d
          population src = %s * %d
          population exc = IF_curr_exp(tau_m = 20 ms, tau_syn_E = 5 ms, tau_syn_I = 5 ms,
                                       tau_refrac = 2 ms, v_rest = -65 mV, v_reset = -65 mV,
                                       v_thresh = -50 mV) * %d
          connect src -> exc fixed_number_pre(2) weight uniform(0.2 nA, 1.0 nA)
                  delay uniform(1 ms, %d ms) seed 11
          connect exc -> exc fixed_number_pre(1) weight uniform(0.05 nA, 0.3 nA)
                  delay uniform(1 ms, %d ms) seed 12
          record exc.spikes
          run 10 ms
        }
        """, n, 1000 + k, source, n, n, RING_SLOTS - 1, RING_SLOTS - 1);
  }

  /** The class network of 2^k neurons ({@link #capacityModel}) on one exact-sized core. */
  private static CoreImage lowerClass(int k, boolean poisson) {
    Network net = compile("capacity_" + (1 << k), capacityModel(k, poisson));
    return CoreLowering.lower(net, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
  }

  static Fit fit(Device d, int k, Path work) throws IOException {
    long start = System.nanoTime();
    CoreImage image = lowerClass(k, false);
    CoreShape shape = image.shape();
    int neurons = 1 << shape.neuronBits();
    int synapses = (1 << shape.synapseBits()) - 1;
    // The real board design: UART bridge, load port live, synapses in SPRAM on the UP5K.
    Ice40Board.Output rtl;
    try {
      rtl = Ice40Board.emit(image, Ice40Board.Options.defaults(d == UP5K
          ? Ice40Board.Board.ICEBREAKER : Ice40Board.Board.HX8K_BREAKOUT));
    } catch (HdlException e) {
      return new Fit(d, k, neurons, synapses, shape, 0, 0, 0, 0, false, OptionalDouble.empty(),
          e.getMessage(), seconds(start));
    }
    Path dir = work.resolve(d.name() + "-n" + neurons);
    rtl.write(dir);
    return synthesiseAndPlace(d, k, shape, dir, rtl.top(), rtl.synthesisFiles(), rtl.pinFile(),
        start);
  }

  /**
   * yosys and nextpnr-ice40 on a written design in {@code dir}: its resources, and whether and
   * how fast it places and routes on {@code d} (nextpnr is skipped when synthesis already needs
   * more block RAM or LUT4 than the device has).
   */
  private static Fit synthesiseAndPlace(Device d, int k, CoreShape shape, Path dir, String top,
      List<String> files, String pcf, long start) throws IOException {
    int neurons = 1 << shape.neuronBits();
    int synapses = (1 << shape.synapseBits()) - 1;
    Tool.Result syn = Synthesis.run(dir, top, files, d.dsp());
    if (!syn.ok()) {
      return new Fit(d, k, neurons, synapses, shape, 0, 0, 0, 0, false, OptionalDouble.empty(),
          "yosys failed (" + syn.log() + ")", seconds(start));
    }
    Synthesis.Resources res = Synthesis.resources(
        Files.readString(dir.resolve("yosys.log"), StandardCharsets.UTF_8),
        dir.resolve(top + ".json"));
    if (res.blockRams() > d.blockRams() || res.luts() > d.luts()) {
      // nextpnr would only say the same after packing; skip it.
      return new Fit(d, k, neurons, synapses, shape, res.luts(), res.flipFlops(),
          res.blockRams(), res.dsps(), false, OptionalDouble.empty(), "needs " + res.blockRams()
          + " of " + d.blockRams() + " block RAMs, " + res.luts() + " of " + d.luts() + " LUT4",
          seconds(start));
    }
    List<String> args = new ArrayList<>(d.nextpnr());
    args.addAll(List.of("--json", top + ".json", "--pcf", pcf, "--asc", top + ".asc"));
    Tool.Result pnr = Tool.NEXTPNR_ICE40.run(dir, dir.resolve("nextpnr.log"), 1800, args);
    return new Fit(d, k, neurons, synapses, shape, res.luts(), res.flipFlops(), res.blockRams(),
        res.dsps(), pnr.ok(), Bitstream.fmax(pnr.output()), pnr.ok() ? "placed and routed"
        : "nextpnr failed (" + pnr.log() + ")", seconds(start));
  }

  /** Harness pins: the boards' 12 MHz clock and UART pins (notes/ice40.md). */
  static String harnessPcf(Device d) {
    return d == UP5K ? "set_io clk 35\nset_io sin 6\nset_io sout 9\n"
        : "set_io clk J3\nset_io sin B10\nset_io sout B12\n";
  }

  /**
   * The pipelined core of the class of 2^k neurons in a {@link TimingHarness}: on the UP5K with
   * one SB_MAC16 per product ({@code SPLIT_PRODUCTS = 0}), on the HX8K with LUT partial
   * products; block RAM only (memories start empty, written through the load port).
   */
  static Fit pipelinedFit(Device d, int k, Path work) throws IOException {
    long start = System.nanoTime();
    CoreImage image = lowerClass(k, true);
    CoreShape shape = image.shape();
    int neurons = 1 << shape.neuronBits();
    String core = PipelinedCoreGenerator.moduleName(shape);
    String top = "timing";
    Path dir = work.resolve("pipelined-" + d.name() + "-n" + neurons);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(core + ".v"), VerilogPrinter.print(
        PipelinedCoreGenerator.generate(shape, HdlEmitter.templateHeader(shape,
            CoreTemplate.PIPELINED))), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(top + ".v"), TimingHarness.verilog(top, core,
        List.of(new Item.Connection("SPLIT_PRODUCTS", Expr.lit(1, d.dsp() ? 0 : 1))),
        PipelinedCoreGenerator.generate(shape, List.of()).ports(), "clk",
        List.of("bench/run fpga: timing harness of " + core)), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(top + ".pcf"), harnessPcf(d), StandardCharsets.UTF_8);
    return synthesiseAndPlace(d, k, shape, dir, top, List.of(core + ".v", top + ".v"),
        top + ".pcf", start);
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
        // Timed: the steps only (the build is cached, loading is once per network).
        long t = System.nanoTime();
        for (long n = 0; n < net.steps(); n++) {
          int[] k = keys.getOrDefault(n, List.of()).stream().mapToInt(Integer::intValue)
              .toArray();
          CoreProcess.Step s = core.step(k);
          stepCycles += s.cycles();
          maxStep = Math.max(maxStep, s.cycles());
          fired += s.fired().length;
        }
        seconds = Math.min(seconds, seconds(t));
      }
    }
    return new Cosim(net.name(), image.neurons(), image.synapses().size(), net.steps(),
        stepCycles, maxStep, seconds, golden, fired == goldenNeurons.size());
  }

  private static Network compile(String name, String text) {
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileText(name + ".snn", text)
        .orElseThrow(() -> new IllegalStateException(name + " does not compile: " + sink.all()));
  }

  private static Network compileFile(Path file) {
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new IllegalStateException(file + " does not compile: " + sink.all()));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The largest class that placed and routed on a device, if any. */
  static Fit largest(List<Fit> tried) {
    Fit best = null;
    for (Fit f : tried) {
      if (f.placed()) {
        best = f;
      }
    }
    return best;
  }

  /** Real-time factor at 1 ms steps: how many times faster than real time the worst step runs. */
  static double realTime(double fmaxMhz, long cyclesPerStep) {
    return 1e-3 * fmaxMhz * 1e6 / cyclesPerStep;
  }

  private static String mhz(OptionalDouble f) {
    return f.isPresent() ? String.format(Locale.ROOT, "%.1f", f.getAsDouble()) : "-";
  }

  private static void print(Map<String, List<Fit>> fits, Cosim cs, boolean quick) {
    System.out.println("fpga: compact core on iCE40 board designs (UP5K: SPRAM layout where it "
        + "fits, HX8K: block RAM)"
        + (quick ? " (--quick: the class of 64 neurons only, no search)" : ""));
    System.out.printf("  %-11s %8s %9s %6s %6s %5s %4s %8s %9s  %s%n", "device", "neurons",
        "synapses", "LUT4", "FF", "BRAM", "DSP", "Fmax MHz", "LUT/neur", "result");
    for (List<Fit> tried : fits.values()) {
      for (Fit f : tried) {
        System.out.printf(Locale.ROOT, "  %-11s %,8d %,9d %6d %6d %5d %4d %8s %9.2f  %s (%.0f s)%n",
            f.device().name(), f.neurons(), f.synapses(), f.luts(), f.flipFlops(), f.blockRams(),
            f.dsps(), mhz(f.fmaxMhz()), f.luts() / (double) f.neurons(), f.why(), f.seconds());
      }
    }
    Fit up = largest(fits.get(UP5K.name()));
    Fit hx = largest(fits.get(HX8K.name()));
    String largest = quick ? "largest class tried (no search)" : "largest class";
    System.out.printf("  " + largest + " on one UP5K: %s   (target >= %,d neurons with >= %,d "
        + "8-bit synapses)%n", up == null ? "none" : String.format(Locale.ROOT,
        "%,d neurons, %,d synapses", up.neurons(), up.synapses()), TARGET_NEURONS_UP5K,
        TARGET_SYNAPSES_UP5K);
    System.out.printf("  " + largest + " on one HX8K: %s%n", hx == null ? "none"
        : String.format(Locale.ROOT, "%,d neurons, %,d synapses", hx.neurons(), hx.synapses()));
    System.out.printf("  Fmax UP5K %s MHz (target >= %.0f), HX8K %s MHz (target >= %.0f)%n",
        up == null ? "-" : mhz(up.fmaxMhz()), TARGET_FMAX_UP5K, hx == null ? "-"
        : mhz(hx.fmaxMhz()), TARGET_FMAX_HX8K);
    System.out.printf(Locale.ROOT, "  %s (%,d neurons, %,d synapses, %d steps, %s): cycles per "
        + "step mean %,.0f, max %,d%n", cs.model(), cs.neurons(), cs.synapses(), cs.steps(),
        cs.exact() ? "spike count matches golden" : "SPIKE COUNT DIFFERS FROM GOLDEN",
        cs.meanStepCycles(), cs.maxStepCycles());
    for (Fit f : new Fit[] {up, hx}) {
      if (f != null && f.fmaxMhz().isPresent()) {
        System.out.printf(Locale.ROOT, "  real-time factor at 1 ms steps on %s (%.1f MHz, worst "
            + "step): %.2fx%s%n", f.device().name(), f.fmaxMhz().getAsDouble(),
            realTime(f.fmaxMhz().getAsDouble(), cs.maxStepCycles()),
            f.device() == UP5K ? String.format(Locale.ROOT, "   (target >= %.0fx on UP5K)",
                TARGET_REALTIME) : "");
      }
    }
    System.out.printf(Locale.ROOT, "  co-simulation: %,.0f simulated cycles/s (%,d cycles in "
        + "%.2f s, best of 3; target >= %,.0f); golden fixed simulator %.3f s on the same model "
        + "(co-simulation takes %.1fx its time)%n", cs.cyclesPerSecond(), cs.cycles(),
        cs.cosimSeconds(), TARGET_COSIM_CYCLES_PER_S, cs.goldenSeconds(),
        cs.cosimSeconds() / cs.goldenSeconds());
    System.out.printf("  (cores: %d; load average at the end: %s)%n",
        Runtime.getRuntime().availableProcessors(), loadAverage());
  }

  private static void printPipelined(Map<String, List<Fit>> fits, Cosim cs) {
    System.out.println("fpga: pipelined core on iCE40 (timing harness, block RAM only; UP5K "
        + "products on SB_MAC16, HX8K LUT partial products)");
    System.out.printf("  %-11s %8s %9s %6s %6s %5s %4s %8s  %s%n", "device", "neurons",
        "synapses", "LUT4", "FF", "BRAM", "DSP", "Fmax MHz", "result");
    for (List<Fit> tried : fits.values()) {
      for (Fit f : tried) {
        System.out.printf(Locale.ROOT, "  %-11s %,8d %,9d %6d %6d %5d %4d %8s  %s (%.0f s)%n",
            f.device().name(), f.neurons(), f.synapses(), f.luts(), f.flipFlops(),
            f.blockRams(), f.dsps(), mhz(f.fmaxMhz()), f.why(), f.seconds());
      }
    }
    System.out.printf(Locale.ROOT, "  %s on the pipelined core (%s): cycles per step mean "
        + "%,.0f, max %,d%n", cs.model(), cs.exact() ? "spike count matches golden"
        : "SPIKE COUNT DIFFERS FROM GOLDEN", cs.meanStepCycles(), cs.maxStepCycles());
    for (Device d : List.of(UP5K, HX8K)) {
      Fit f = largest(fits.get(d.name()));
      if (f != null && f.fmaxMhz().isPresent()) {
        System.out.printf(Locale.ROOT, "  Fmax %s %.1f MHz (target >= %.0f); real-time factor "
            + "at 1 ms steps (worst step): %.2fx, mean step: %.2fx%n", d.name(),
            f.fmaxMhz().getAsDouble(), d == UP5K ? TARGET_FMAX_UP5K : TARGET_FMAX_HX8K,
            realTime(f.fmaxMhz().getAsDouble(), cs.maxStepCycles()),
            1e-3 * f.fmaxMhz().getAsDouble() * 1e6 / cs.meanStepCycles());
      }
    }
  }

  private static void printBoards(List<Board> boards) {
    System.out.println("fpga: whole networks on one UP5K core (iCEBreaker board design: UART "
        + "bridge, the pipelined core's SPRAM layout where it fits, else the compact core's)");
    System.out.printf("  %-8s %7s %8s %6s %6s %9s %6s %4s %8s %10s %10s %8s %8s%n", "model",
        "neurons", "synapses", "LUT4", "FF", "BRAM(est)", "SPRAM", "DSP", "Fmax MHz",
        "mean cyc/st", "max cyc/st", "RT@12MHz", "RT@Fmax");
    for (Board b : boards) {
      double fmax = b.fmaxMhz().orElse(Double.NaN);
      System.out.printf(Locale.ROOT, "  %-8s %,7d %,8d %6d %6d %5d(%2d) %6d %4d %8s %,10.0f %,10d "
          + "%4.2f/%4.2f %4.2f/%4.2f  %s, %d-byte bitstream (%.0f s)%n", b.model(), b.neurons(),
          b.synapses(), b.luts(), b.flipFlops(), b.blockRams(), b.blockRamEstimate(),
          b.sprams(), b.dsps(), mhz(b.fmaxMhz()), b.meanStepCycles(), b.maxStepCycles(),
          realTime(12, (long) b.meanStepCycles()), realTime(12, b.maxStepCycles()),
          realTime(fmax, (long) b.meanStepCycles()), realTime(fmax, b.maxStepCycles()),
          b.exact() ? "spike-exact" : "SPIKES DIFFER", b.bitstreamBytes(), b.seconds());
    }
    System.out.println("  (RT: real-time factor at 1 ms steps, mean step / worst step)");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Map<String, Object> devicesJson(Map<String, List<Fit>> fits, Cosim cs) {
    Map<String, Object> devices = new LinkedHashMap<>();
    for (Map.Entry<String, List<Fit>> e : fits.entrySet()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Fit f : e.getValue()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("class", f.shape().className());
        row.put("neurons", f.neurons());
        row.put("synapses", f.synapses());
        row.put("luts", f.luts());
        row.put("flip_flops", f.flipFlops());
        row.put("block_rams", f.blockRams());
        row.put("dsps", f.dsps());
        row.put("placed", f.placed());
        row.put("fmax_mhz", f.fmaxMhz().isPresent() ? f.fmaxMhz().getAsDouble() : null);
        row.put("luts_per_neuron", f.luts() / (double) f.neurons());
        row.put("result", f.why());
        row.put("seconds", f.seconds());
        rows.add(row);
      }
      Fit best = largest(e.getValue());
      Map<String, Object> dev = new LinkedHashMap<>();
      dev.put("classes", rows);
      dev.put("largest_neurons", best == null ? 0 : best.neurons());
      dev.put("largest_synapses", best == null ? 0 : best.synapses());
      dev.put("fmax_mhz", best == null || best.fmaxMhz().isEmpty() ? null
          : best.fmaxMhz().getAsDouble());
      dev.put("real_time_factor_1ms", best == null || best.fmaxMhz().isEmpty() ? null
          : realTime(best.fmaxMhz().getAsDouble(), cs.maxStepCycles()));
      devices.put(e.getKey(), dev);
    }
    return devices;
  }

  private static Map<String, Object> cosimJson(Cosim cs) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("model", cs.model());
    c.put("neurons", cs.neurons());
    c.put("synapses", cs.synapses());
    c.put("steps", cs.steps());
    c.put("cycles", cs.cycles());
    c.put("mean_cycles_per_step", cs.meanStepCycles());
    c.put("max_cycles_per_step", cs.maxStepCycles());
    c.put("cosim_seconds_best_of_3", cs.cosimSeconds());
    c.put("cosim_cycles_per_second", cs.cyclesPerSecond());
    c.put("golden_fixed_seconds_best_of_3", cs.goldenSeconds());
    c.put("spike_count_matches_golden", cs.exact());
    return c;
  }

  private static void write(Path file, Map<String, List<Fit>> fits, Cosim cs,
      Map<String, List<Fit>> pipelined, Cosim pcs, List<Board> boards, boolean quick)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "fpga");
    json.put("quick", quick);
    json.put("profile", "compact");
    json.put("ring_slots", RING_SLOTS);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("load_average", loadAverage());
    json.put("devices", devicesJson(fits, cs));
    json.put("synfire", cosimJson(cs));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("devices", devicesJson(pipelined, pcs));
    p.put("synfire", cosimJson(pcs));
    json.put("pipelined", p);
    List<Map<String, Object>> up5k = new ArrayList<>();
    for (Board b : boards) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", b.model());
      row.put("neurons", b.neurons());
      row.put("synapses", b.synapses());
      row.put("memory_layout", b.layout());
      row.put("luts", b.luts());
      row.put("flip_flops", b.flipFlops());
      row.put("block_rams", b.blockRams());
      row.put("block_ram_estimate", b.blockRamEstimate());
      row.put("sprams", b.sprams());
      row.put("dsps", b.dsps());
      row.put("fmax_mhz", b.fmaxMhz().isPresent() ? b.fmaxMhz().getAsDouble() : null);
      row.put("bitstream_bytes", b.bitstreamBytes());
      row.put("steps", b.steps());
      row.put("mean_cycles_per_step", b.meanStepCycles());
      row.put("max_cycles_per_step", b.maxStepCycles());
      row.put("real_time_factor_12mhz_worst_step", realTime(12, b.maxStepCycles()));
      row.put("real_time_factor_fmax_worst_step", b.fmaxMhz().isPresent()
          ? realTime(b.fmaxMhz().getAsDouble(), b.maxStepCycles()) : null);
      row.put("spike_exact", b.exact());
      row.put("seconds", b.seconds());
      up5k.add(row);
    }
    json.put("up5k_single_core", up5k);
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
