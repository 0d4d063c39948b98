package snnc.hdl.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The iCE40 bitstream flow over emitted RTL: {@code verilator --lint-only -Wall -f filelist.f}
 * on the design's top (must be clean), yosys {@code synth_ice40} of the board top, {@code nextpnr-ice40} and
 * {@code icepack}. Each tool writes its whole output to {@code logs/NAME.log} as it runs; work
 * files go to a build folder. The first failing step stops the flow.
 */
public final class Ice40Flow {

  /** The board clock the flow checks when none is given: the boards' 12 MHz oscillator. */
  public static final double BOARD_CLOCK_MHZ = 12;

  /**
   * What the flow needs: the RTL folder (with {@code filelist.f} for the lint top), build and log
   * folders, every Verilog file of the board top, the pin file, the device, the clock the
   * design runs at (nextpnr's {@code --freq}: a design whose Fmax is below it fails the flow) and
   * nextpnr's placement seed ({@code --seed} when present, else nextpnr's own default; either way
   * the build is reproducible, and another seed is the usual way to try another placement of a
   * nearly full device).
   */
  public record Inputs(Path rtlDir, Path buildDir, Path logDir, String lintTop,
      List<String> verilogFiles, String boardTop, String pcf, String device,
      String packageName, double clockMhz, OptionalInt seed) {
    public Inputs {
      verilogFiles = List.copyOf(verilogFiles);
      if (!(clockMhz > 0)) {
        throw new IllegalArgumentException("clock " + clockMhz + " MHz");
      }
    }

    /** Inputs placed with nextpnr's default seed. */
    public Inputs(Path rtlDir, Path buildDir, Path logDir, String lintTop,
        List<String> verilogFiles, String boardTop, String pcf, String device,
        String packageName, double clockMhz) {
      this(rtlDir, buildDir, logDir, lintTop, verilogFiles, boardTop, pcf, device, packageName,
          clockMhz, OptionalInt.empty());
    }

    /** These inputs placed with nextpnr seed {@code s} (empty: nextpnr's default). */
    public Inputs withSeed(OptionalInt s) {
      return new Inputs(rtlDir, buildDir, logDir, lintTop, verilogFiles, boardTop, pcf, device,
          packageName, clockMhz, s);
    }

    /** Inputs for a design clocked from the 12 MHz oscillator. */
    public Inputs(Path rtlDir, Path buildDir, Path logDir, String lintTop,
        List<String> verilogFiles, String boardTop, String pcf, String device,
        String packageName) {
      this(rtlDir, buildDir, logDir, lintTop, verilogFiles, boardTop, pcf, device, packageName,
          BOARD_CLOCK_MHZ);
    }
  }

  /**
   * A finished flow: the bitstream in the build folder and the figures of the design; the
   * achieved Fmax meets {@code clockMhz}.
   */
  public record Result(Path bitstream, int luts, int flipFlops, int blockRams, int sprams,
      int dsps, OptionalDouble fmaxMhz, double clockMhz) {}

  /** A step failed: which, and the log to read. */
  public static final class FlowException extends Exception {
    private final Path log;

    public FlowException(String message, Path log) {
      super(message);
      this.log = log;
    }

    public Path log() {
      return log;
    }
  }

  private Ice40Flow() {}

  /** Runs every step; {@code progress} hears "step k/4: what" lines. */
  public static Result run(Inputs in, Consumer<String> progress) throws IOException,
      FlowException {
    Files.createDirectories(in.buildDir());
    Files.createDirectories(in.logDir());
    List<String> abs = new ArrayList<>();
    for (String f : in.verilogFiles()) {
      abs.add(in.rtlDir().toAbsolutePath().resolve(f).toString());
    }

    progress.accept("1/4 verilator lint of " + in.lintTop());
    Path lintLog = in.logDir().resolve("lint.log");
    List<String> lintArgs = List.of("--lint-only", "-Wall", "-f", "filelist.f", "--top-module",
        in.lintTop());
    Tool.Result lint = Tool.VERILATOR.run(in.rtlDir(), lintLog, 300, lintArgs);
    if (!lint.ok() || !lint.output().isBlank()) {
      throw new FlowException("verilator lint is not clean", lintLog);
    }

    progress.accept("2/4 yosys synth_ice40 of " + in.boardTop());
    Path synthLog = in.logDir().resolve("yosys.log");
    String json = in.buildDir().toAbsolutePath().resolve(in.boardTop() + ".json").toString();
    String script = "read_verilog " + String.join(" ", abs) + "; synth_ice40 -top "
        + in.boardTop() + (in.device().equals("up5k") ? " -dsp" : "") + " -json " + json
        + "; stat";
    // Memory images are read relative to the working folder: run where the .hex files are.
    Tool.Result synth = Tool.YOSYS.run(in.rtlDir(), synthLog, 1800, List.of("-p", script));
    if (!synth.ok()) {
      throw new FlowException("yosys synth_ice40 failed", synthLog);
    }
    Synthesis.Resources res = Synthesis.resources(synth.output(), Path.of(json));
    int sprams = count(synth.output(), "SB_SPRAM256KA");
    int cells = logicCells(in.device());
    if (cells > 0 && Math.max(res.luts(), res.flipFlops()) > cells) {
      // Each logic cell holds one LUT4 and one flip-flop: more of either cannot be placed, and
      // nextpnr would only say so after minutes of packing.
      throw new FlowException(String.format(Locale.ROOT, "yosys maps the design to %,d LUT4 and "
          + "%,d flip-flops; the %s has %,d logic cells (one LUT4 and one flip-flop each): the "
          + "design does not fit, nextpnr not run, no bitstream written", res.luts(),
          res.flipFlops(), in.device().toUpperCase(Locale.ROOT), cells), synthLog);
    }

    progress.accept("3/4 nextpnr-ice40 --" + in.device() + " --package " + in.packageName());
    Path pnrLog = in.logDir().resolve("nextpnr.log");
    Path asc = in.buildDir().toAbsolutePath().resolve(in.boardTop() + ".asc");
    String freq = String.format(Locale.ROOT, "%.3f", in.clockMhz());
    List<String> pnrArgs = new ArrayList<>(List.of(
        "--" + in.device(), "--package", in.packageName(), "--json", json, "--pcf",
        in.rtlDir().toAbsolutePath().resolve(in.pcf()).toString(), "--freq", freq,
        "--asc", asc.toString()));
    in.seed().ifPresent(s -> pnrArgs.addAll(List.of("--seed", Integer.toString(s))));
    Tool.Result pnr = Tool.NEXTPNR_ICE40.run(in.buildDir(), pnrLog, 1800, pnrArgs);
    OptionalDouble fmax = Bitstream.fmax(pnr.output());
    if (!pnr.ok()) {
      // nextpnr stops with an error when the routed design misses --freq: say so with the
      // figure, since no bitstream is written for a clock the design cannot keep.
      if (Bitstream.timingFailed(pnr.output()) && fmax.isPresent()) {
        throw new FlowException(String.format(Locale.ROOT, "nextpnr-ice40: the design reaches "
            + "%.2f MHz, below its %s MHz clock; choose a clock of at most %.2f MHz "
            + "(--clock), no bitstream written", fmax.getAsDouble(), freq,
            fmax.getAsDouble()), pnrLog);
      }
      throw new FlowException("nextpnr-ice40 failed (the design may not fit the "
          + in.device() + ")", pnrLog);
    }
    if (fmax.isEmpty() || fmax.getAsDouble() < in.clockMhz()) {
      throw new FlowException("nextpnr-ice40 reported " + (fmax.isEmpty() ? "no Fmax"
          : String.format(Locale.ROOT, "Fmax %.2f MHz", fmax.getAsDouble())) + " for a "
          + freq + " MHz clock", pnrLog);
    }

    progress.accept("4/4 icepack");
    Path packLog = in.logDir().resolve("icepack.log");
    Path bin = in.buildDir().toAbsolutePath().resolve(in.boardTop() + ".bin");
    Tool.Result pack = Tool.ICEPACK.run(in.buildDir(), packLog, 300, List.of(asc.toString(),
        bin.toString()));
    if (!pack.ok() || !Files.isRegularFile(bin)) {
      throw new FlowException("icepack failed", packLog);
    }
    return new Result(bin, res.luts(), res.flipFlops(), res.blockRams(), sprams, res.dsps(),
        fmax, in.clockMhz());
  }

  /** Logic cells (LUT4 + flip-flop) of the iCE40 devices snnc builds for, or 0 for others. */
  static int logicCells(String device) {
    return switch (device) {
      case "hx8k" -> 7680;
      case "up5k" -> 5280;
      default -> 0;
    };
  }

  private static int count(String log, String cell) {
    Matcher m = Pattern.compile("\\s" + cell + "\\s+(\\d+)").matcher(log);
    int n = 0;
    while (m.find()) {
      n = Integer.parseInt(m.group(1));
    }
    return n;
  }
}
