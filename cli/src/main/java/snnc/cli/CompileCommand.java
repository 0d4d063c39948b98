package snnc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.Ice40Pll;
import snnc.hdl.emit.VendorProjects;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.HdlException;
import snnc.ir.Network;
import snnc.ir.expand.ExpandPass;
import snnc.ir.expand.ExpansionSummary;
import snnc.ir.json.IrJson;
import snnc.ir.pass.PassContext;
import snnc.ir.io.AtomicFiles;
import snnc.ir.verify.VerifyPass;
import snnc.mapper.Mapper;
import snnc.mapper.report.MappingReport;
import snnc.mapper.target.Target;
import snnc.mapper.target.TargetException;
import snnc.mapper.target.Targets;

/** {@code snnc compile}: check, validate and expand a model and write the requested artefacts. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compiles a model and writes the requested artefacts into an output folder.",
    footer = {"", "Examples:",
        "  snnc compile examples/synfire.snn --emit ir --out build/synfire",
        "  snnc compile model.snn --emit ir --dump-after verify --out build/model",
        "  snnc compile examples/synfire.snn --target spinn5 --out build/synfire",
        "  snnc compile examples/tiny.snn --target ice40-up5k --bitstream --out build/tiny"})
final class CompileCommand implements Callable<Integer> {

  /** Artefacts that {@code --emit} knows; mapping and tables come with {@code --target}. */
  private static final Set<String> KNOWN_ARTEFACTS =
      Set.of("ir", "mapping", "tables", "verilog", "spinnaker");
  /** {@code --clock auto}: the clock from nextpnr's Fmax. */
  private static final String AUTO = "auto";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--emit", split = ",", paramLabel = "WHAT", defaultValue = "ir",
      description = "Artefacts to write: ir (default: ${DEFAULT-VALUE}); mapping, tables, "
          + "verilog and spinnaker come with the mapper and backends.")
  List<String> emit;

  @Option(names = "--target", paramLabel = "T", description = "Target to map onto: a built-in name "
      + "(see snnc targets), NAME:param=value,... to override parameters, or a target .json file.")
  String target;

  @Option(names = "--compress-full", description = "Compress every routing table as far as it goes "
      + "(default: stop once it fits the router).")
  boolean compressFull;

  @Option(names = "--place-time", paramLabel = "SECONDS", defaultValue = "60",
      description = "Safety net on placement time (default: ${DEFAULT-VALUE} s); results are "
          + "decided by node counts, not by this.")
  double placeTimeSeconds;

  @Option(names = "--bitstream", description = "With an iCE40 target: lint, synthesise, place "
      + "and route, and pack DIR/bitstream.bin (tool logs in DIR/logs/).")
  boolean bitstream;

  @Option(names = "--clock", paramLabel = "MHZ|auto", description = "With an iCE40 target: run "
      + "the board design at MHZ from the board's PLL (16-275 MHz; default 12: the oscillator, "
      + "no PLL); --bitstream fails if the design's Fmax is below it. auto (with --bitstream): "
      + "build at 12 MHz, then once more at the highest PLL clock at or below nextpnr's Fmax, "
      + "keeping that build if it meets its clock. With fpga-generic: the vendor projects' "
      + "clock constraint (default 100).")
  String clock;

  @Option(names = "--pnr-seed", paramLabel = "N", description = "With --bitstream: nextpnr's "
      + "placement seed (default: nextpnr's own). A nearly full device may meet its clock with "
      + "another placement; the same seed gives the same bitstream.")
  Integer pnrSeed;

  @Option(names = "--core", paramLabel = "compact|pipelined", description = "With an iCE40 "
      + "board target: the core template (default: the target's core_template, else compact). "
      + "ice40-up5k: the single-core board design's core. ice40-hx8k: pipelined is the "
      + "single-core board design with the pipelined core (an error when the network does not "
      + "fit it), compact the mapped system of compact cores. pipelined has no STDP unit.")
  String core;

  @Option(names = "--pins", paramLabel = "FILE", description = "With an FPGA target: your pin "
      + "file. iCE40 board designs: a .pcf with a set_io for every port of the board top (it "
      + "replaces the board's default pins; see DIR/rtl/*.pcf). Other FPGA targets: one "
      + "'SIGNAL SITE' per line (clk W5, ld_data[3] V17) for the vendor projects.")
  Path pins;

  @Option(names = "--baud", paramLabel = "BAUD", description = "With an iCE40 target: the UART "
      + "bridge's baud rate (default 115200; at least 8 clock cycles per bit, within 2 %%; give "
      + "snnc deploy the same --baud).")
  Integer baud;

  @Option(names = "--dump-after", split = ",", paramLabel = "PASS",
      description = "Also write the IR after these passes (verify, expand, or *) to DIR/dump/.")
  List<String> dumpAfter = List.of();

  @Mixin DiagnosticOptions diagnostics;

  @Override
  public Integer call() {
    Set<String> artefacts = new LinkedHashSet<>(emit);
    for (String a : artefacts) {
      if (!KNOWN_ARTEFACTS.contains(a)) {
        throw new UserErrorException("--emit: unknown artefact '" + a + "'; known: "
            + String.join(", ", KNOWN_ARTEFACTS.stream().sorted().toList()));
      }
    }
    Compilation compilation = diagnostics.newCompilation(spec.commandLine().getErr());
    Optional<Network> network = compilation.frontend(file);
    Optional<Object> summary = network.flatMap(n -> compilation.passes(n,
        List.of(VerifyPass.NAME, ExpandPass.NAME), Set.copyOf(dumpAfter), this::writeDump));
    Mapper.Result mapped = null;
    if (target != null && summary.isPresent() && !compilation.hasErrors()) {
      mapped = map(network.get(), resolveTarget(), compilation);
    }
    if (clock != null && target == null) {
      throw new UserErrorException("--clock needs an FPGA --target (ice40-up5k, ice40-hx8k: "
          + "the board design's clock; fpga-generic: the vendor projects')");
    }
    if (core != null && target == null) {
      throw new UserErrorException("--core needs --target ice40-up5k or ice40-hx8k (a board "
          + "design)");
    }
    CoreTemplate coreTemplate = core == null ? null : CoreTemplate.byLabel(core).orElseThrow(
        () -> new UserErrorException("--core: unknown core template '" + core + "'; known: "
            + "compact, pipelined"));
    boolean autoClock = AUTO.equals(clock);
    if (autoClock && !bitstream) {
      throw new UserErrorException("--clock auto needs --bitstream: the clock comes from "
          + "nextpnr's Fmax");
    }
    if (bitstream && target == null) {
      throw new UserErrorException("--bitstream needs --target ice40-up5k or ice40-hx8k");
    }
    if (pnrSeed != null && !bitstream) {
      throw new UserErrorException("--pnr-seed needs --bitstream: it seeds nextpnr's placement");
    }
    HardwareOutput.SingleCore single = null;
    HardwareOutput.MappedSystem system = null;
    String systemChoice = null;
    boolean fpga = mapped != null && mapped.target().family().equals("fpga");
    String boardOption = pins != null ? "--pins" : baud != null ? "--baud" : "--clock";
    if ((pins != null || baud != null) && target == null) {
      throw new UserErrorException(boardOption + " needs an FPGA --target (ice40-up5k, "
          + "ice40-hx8k, fpga-generic)");
    }
    if ((pins != null || baud != null || clock != null) && mapped != null && !fpga) {
      throw new UserErrorException(boardOption + " sets up FPGA designs, not " + target);
    }
    // Null when the pin file has errors (reported with their places).
    BoardSettings settings = fpga ? boardSettings(mapped.target(), compilation)
        : BoardSettings.DEFAULTS;
    if (fpga && settings != null) {
      // The target's description says what to build: a core with the SPRAM layout (one per
      // device) is the bridge-driven single-core board design; a block-RAM iCE40 target whose
      // core is pipelined (the HX8K) is that design with the pipelined core when the network
      // fits it; anything else the mapped system.
      boolean board = HardwareOutput.isSingleCoreTarget(mapped.target());
      boolean pipelinedBoard = !board
          && HardwareOutput.triesPipelinedBoard(mapped.target(), coreTemplate);
      StringBuilder why = new StringBuilder();
      if (board) {
        single = HardwareOutput.singleCore(mapped, coreTemplate, settings, compilation.sink(),
            why);
      } else if (pipelinedBoard) {
        single = HardwareOutput.pipelinedBoard(mapped, coreTemplate, settings,
            compilation.sink(), why);
      }
      if (!(board || pipelinedBoard) || why.length() > 0) {
        systemCoresOnly(mapped.target(), coreTemplate, board || pipelinedBoard);
        if (why.length() > 0 && pipelinedBoard) {
          systemChoice = "the target file's core_template pipelined, but the single-core board "
              + "design does not fit (" + why + "): the mapped system of compact cores";
          spec.commandLine().getOut().println("the single-core board design with the pipelined "
              + "core does not fit (" + why + "); building the mapped system of compact cores");
        } else if (why.length() > 0) {
          spec.commandLine().getOut().println("the single-core board design does not fit ("
              + why + "); building the mapped system, whose host injects the Poisson spikes");
        }
        system = HardwareOutput.lower(mapped, settings, compilation.sink());
      }
    } else if (bitstream && mapped != null && !fpga) {
      throw new UserErrorException("--bitstream needs an iCE40 target, not " + target);
    } else if (core != null && mapped != null && !fpga) {
      throw new UserErrorException("--core chooses the core of FPGA board designs, not of "
          + target);
    }
    compilation.printDiagnostics();
    if (summary.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    if (mapped != null) {
      writeMapping(mapped);
    }
    if (single != null) {
      int status = HardwareOutput.writeSingleCore(mapped, single, outputFolder(), bitstream,
          autoClock, seed(), spec.commandLine().getOut(), spec.commandLine().getErr());
      if (status != 0) {
        return status;
      }
    }
    if (system != null) {
      int status = HardwareOutput.write(mapped, system, outputFolder(), bitstream, autoClock,
          seed(), systemChoice, settings, spec.commandLine().getOut(),
          spec.commandLine().getErr());
      if (status != 0) {
        return status;
      }
    }
    for (String a : artefacts) {
      if (a.equals("mapping") || a.equals("tables")) {
        if (mapped == null) {
          throw new UserErrorException("--emit " + a + " needs --target");
        }
      } else if (!a.equals("ir")) {
        return NotBuiltYet.report(spec.commandLine().getErr(), "compile --emit " + a,
            "emitting '" + a + "'");
      }
    }
    if (!artefacts.contains("ir")) {
      return 0;
    }
    ExpansionSummary expansion = (ExpansionSummary) summary.get();
    Path irFile = outputFolder().resolve("ir.json");
    try {
      IrJson.write(network.get(), expansion, irFile);
    } catch (IOException | UncheckedIOException e) {
      throw new UserErrorException("cannot write " + irFile + ": " + e.getMessage());
    }
    spec.commandLine().getOut().printf("wrote %s (%d populations, %d projections, %d synapses)%n",
        out.resolve("ir.json"), network.get().populations().size(), network.get().projections().size(),
        expansion.totalSynapses());
    return 0;
  }

  /** nextpnr's placement seed: {@code --pnr-seed}, else empty (nextpnr's own default). */
  private OptionalInt seed() {
    return pnrSeed == null ? OptionalInt.empty() : OptionalInt.of(pnrSeed);
  }

  /**
   * The board clock of an iCE40 target: {@code --clock} (checked against the PLL's range), or
   * the 12 MHz oscillator. Why not the design's Fmax by default: it is known only after place
   * and route, and a clock picked from it would leave no margin; 12 MHz always meets timing.
   */
  private double boardClockMhz(Target t) {
    double oscillator = Ice40Board.CLOCK_HZ / 1e6;
    if (clock == null) {
      return oscillator;
    }
    if (HardwareOutput.ice40Board(t) == null) {
      // Not a board design: --clock is the vendor projects' clock (boardSettings).
      return oscillator;
    }
    if (clock.equals(AUTO)) {
      // The first build of --clock auto runs from the oscillator (HardwareOutput.runFlowAuto).
      return oscillator;
    }
    double clockMhz;
    try {
      clockMhz = Double.parseDouble(clock);
    } catch (NumberFormatException e) {
      throw new UserErrorException("--clock: '" + clock + "' is neither a clock in MHz nor "
          + "auto");
    }
    if (clockMhz != oscillator) {
      try {
        Ice40Pll.forClock(oscillator, clockMhz);
      } catch (IllegalArgumentException e) {
        throw new UserErrorException("--clock: " + e.getMessage());
      }
    }
    return clockMhz;
  }

  /**
   * The board settings of an FPGA target {@code t}: {@code --pins} read and checked (errors go
   * to the compilation with their places in the pin file; null is returned then),
   * {@code --baud} checked against the design clock, and {@code --clock} as the vendor
   * projects' clock on a target without an iCE40 board.
   */
  private BoardSettings boardSettings(Target t, Compilation compilation) {
    Ice40Board.Board board = HardwareOutput.ice40Board(t);
    if (baud != null && board == null) {
      throw new UserErrorException("--baud sets the UART bridge of iCE40 board designs "
          + "(ice40-up5k, ice40-hx8k), not of " + t.name());
    }
    Double vendorClock = null;
    if (clock != null && board == null) {
      vendorClock = vendorClockMhz(t);
    }
    int uart = baud == null ? Ice40Board.DEFAULT_BAUD : baud;
    double clockMhz = boardClockMhz(t);
    if (board != null) {
      // --clock auto's first build runs at 12 MHz, its lowest clock: checked there.
      String problem = new Ice40Board.Options(board, uart, null, null).withClockMhz(clockMhz)
          .baudProblem();
      if (problem != null) {
        throw new UserErrorException("--baud: " + problem);
      }
    }
    if (pins == null) {
      return new BoardSettings(null, null, uart, clockMhz, vendorClock, List.of());
    }
    String text;
    try {
      text = Files.readString(pins);
    } catch (IOException | UncheckedIOException e) {
      throw new UserErrorException("--pins: cannot read " + pins + ": " + e.getMessage());
    }
    String name = pins.toString();
    try {
      if (board != null) {
        return new BoardSettings(Ice40Board.checkPinFile(board, text, name), name, uart,
            clockMhz, null, List.of());
      }
      return new BoardSettings(null, name, uart, clockMhz, vendorClock,
          VendorProjects.parsePins(text, name));
    } catch (HdlException e) {
      e.diagnostics().forEach(compilation.sink()::report);
      return null;
    }
  }

  /** {@code --clock} on an FPGA target without an iCE40 board: the vendor projects' clock. */
  private double vendorClockMhz(Target t) {
    if (clock.equals(AUTO)) {
      throw new UserErrorException("--clock auto needs an iCE40 target (it comes from "
          + "nextpnr's Fmax); give " + t.name() + "'s vendor projects a clock in MHz");
    }
    double mhz;
    try {
      mhz = Double.parseDouble(clock);
    } catch (NumberFormatException e) {
      throw new UserErrorException("--clock: '" + clock + "' is not a clock in MHz");
    }
    if (!(mhz > 0) || Double.isInfinite(mhz) || mhz > 2000) {
      throw new UserErrorException("--clock: " + clock + " MHz is no FPGA clock (0-2000 MHz)");
    }
    return mhz;
  }

  /**
   * The mapped multi-core system has compact cores only: asking it for the pipelined core by
   * {@code --core}, or by the file of a target that always builds the system, is an error rather
   * than a silent substitution. On a target with a single-core board design whose design does
   * not fit ({@code fellBack}: the UP5K's Poisson fallback, or the HX8K's pipelined board), the
   * file's core is the board design's default, and the system's compact cores take its place,
   * as the printed reason says.
   */
  private void systemCoresOnly(Target t, CoreTemplate requested, boolean fellBack) {
    if (requested == CoreTemplate.PIPELINED) {
      throw new UserErrorException("--core pipelined: " + t.name() + " builds the mapped "
          + "multi-core system, whose cores are compact; --core chooses the core of single-core "
          + "board designs (core.memory_layout \"spram\", e.g. ice40-up5k)");
    }
    if (requested == null && !fellBack
        && t.coreTemplate().equals(CoreTemplate.PIPELINED.label())) {
      throw new UserErrorException("target " + t.name() + " asks for the pipelined core "
          + "(core_template), but it builds the mapped multi-core system, whose cores are "
          + "compact; give --core compact or change the target file");
    }
  }

  private Target resolveTarget() {
    try {
      return Targets.resolve(target);
    } catch (TargetException e) {
      throw new UserErrorException(e.getMessage());
    }
  }

  private Mapper.Result map(Network network, Target t, Compilation compilation) {
    if (placeTimeSeconds <= 0) {
      throw new UserErrorException("--place-time must be positive");
    }
    Mapper.Options options = Mapper.Options.defaults().withCompressFull(compressFull);
    options = options.withPlace(options.place().withTimeLimitMs((long) (placeTimeSeconds * 1000)));
    return new Mapper(options).map(network, t, compilation.sink());
  }

  private void writeMapping(Mapper.Result r) {
    Path dir = outputFolder();
    try {
      MappingReport.write(r, dir);
    } catch (IOException | UncheckedIOException e) {
      throw new UserErrorException("cannot write the mapping into " + dir + ": " + e.getMessage());
    }
    Map<String, Object> report = MappingReport.report(r);
    @SuppressWarnings("unchecked")
    Map<String, Object> place = (Map<String, Object>) report.get("placement");
    spec.commandLine().getOut().printf("mapped %s onto %s: %d slices on %s core(s) of %d chip(s), "
        + "objective %s (bound %s, scan-order %s); wrote %s%n", r.partitioned().network().name(),
        r.target().name(), r.partitioned().slices().size(), report.get("cores_used"),
        r.placement().chipsUsed(),
        place.get("objective"), place.get("bound"), place.get("baseline_objective"),
        out.resolve("report.json"));
  }

  private Path outputFolder() {
    try {
      return Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserErrorException("cannot create output folder " + out + ": " + e.getMessage());
    }
  }

  private void writeDump(String pass, String printed) {
    Path dump = outputFolder().resolve("dump").resolve("after-" + pass + ".json");
    try {
      AtomicFiles.writeString(dump, printed);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + dump + ": " + e.getMessage());
    }
  }
}
