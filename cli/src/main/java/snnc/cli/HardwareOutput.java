package snnc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.Ice40Pll;
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.emit.VendorProjects;
import snnc.hdl.flow.Ice40Flow;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.SynapseDynamics;
import snnc.ir.model.CellType;
import snnc.ir.io.AtomicFiles;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.place.Placement;
import snnc.mapper.report.MappingReport;
import snnc.mapper.target.CoreCapacity;
import snnc.mapper.target.Target;

/**
 * The FPGA part of {@code snnc compile --target}, after the mapper: what to build is read from the
 * target's description, never its name. A target whose core has the SPRAM memory layout
 * ({@code core.memory_layout: "spram"}, one core per device: {@code ice40-up5k}) becomes the
 * bridge-driven single-core board design ({@link Ice40Board}) of the mapping's one core; a
 * block-RAM iCE40 target whose core is pipelined ({@code ice40-hx8k}) becomes that design with
 * the pipelined core when the network fits it ({@link #pipelinedBoard}); every
 * other FPGA target becomes the multi-core system of the mapping ({@link SystemEmitter}) with,
 * when the target names an iCE40 board, its bridge-driven board design ({@link SystemBoard}),
 * else the vendor project files of {@link VendorProjects}. Writes {@code DIR/rtl/}, adds the {@code hdl} figures
 * to {@code report.json}, and with {@code --bitstream} runs the iCE40 flow into
 * {@code DIR/bitstream.bin} with tool logs in {@code DIR/logs/}.
 */
final class HardwareOutput {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private HardwareOutput() {}

  /**
   * The whole network on one core behind the UART bridge: a SPRAM-layout target's one core, or
   * the pipelined core in block RAM of a block-RAM iCE40 target ({@link #pipelinedBoard}).
   *
   * @param image the network lowered onto the core
   * @param board the board design (core, bridge, load image)
   * @param boardKind the board it is built for
   * @param options what it was built with (a {@code --clock auto} rebuild changes the clock)
   * @param coreChoice why the core has its template, for the report
   */
  record SingleCore(CoreImage image, Ice40Board.Output board, Ice40Board.Board boardKind,
      Ice40Board.Options options, String coreChoice) {}

  /**
   * Whether {@code target} is built as the single-core board design: an FPGA target whose core
   * has the SPRAM layout (the target loader has checked it is one core per device, with a board).
   */
  static boolean isSingleCoreTarget(Target target) {
    return target.family().equals("fpga")
        && target.core().layout() == CoreCapacity.Layout.SPRAM;
  }

  /**
   * The single-core board design of {@code mapped}, whose target {@link #isSingleCoreTarget}:
   * the mapper has put every slice on the one core, so the core holds the whole network. When the
   * board design does not fit, its {@code hdl.board-capacity} errors go to {@code sink} and null
   * is returned; except for a network with Poisson sources, whose on-chip generator is what
   * overflows a small device's logic: then the reason goes to {@code why}, nothing to
   * {@code sink}, and the caller builds the mapped system, which injects Poisson spikes from the
   * host. The core template is {@code requested} ({@code --core}), else the target file's
   * {@code core_template}, else the board's own; an STDP network asked for the pipelined core by
   * {@code --core} is an error at its first plastic projection, while a target default of
   * pipelined falls back to the compact core (the only one with the STDP unit).
   */
  static SingleCore singleCore(Mapper.Result mapped, CoreTemplate requested,
      BoardSettings settings, DiagnosticSink sink, StringBuilder why) {
    Target target = mapped.target();
    Network network = mapped.partitioned().network();
    Placement placement = mapped.placement();
    for (int s = 0; s < placement.chipOf().length; s++) {
      if (placement.chipOf()[s] != placement.chipOf()[0]
          || placement.coreOf()[s] != placement.coreOf()[0]) {
        throw new IllegalStateException("the mapping of " + network.name() + " onto "
            + target.name() + " uses more than the one core its SPRAM layout has");
      }
    }
    Ice40Board.Board board = ice40Board(target);
    if (board == null) {
      throw new IllegalStateException("target " + target.name() + " has the SPRAM layout but "
          + "names no board (the loader requires one)");
    }
    NumericsProfile profile = profile(target);
    CoreImage image;
    try {
      image = CoreLowering.lower(network, profile, CoreLowering.Sizing.EXACT, false);
    } catch (HdlException e) {
      e.diagnostics().forEach(sink::report);
      return null;
    }
    CoreTemplate fromFile = target.coreTemplateName().flatMap(CoreTemplate::byLabel).orElse(null);
    CoreTemplate wanted = requested != null ? requested : fromFile;
    String choice = requested != null ? "--core " + requested.label()
        : fromFile != null ? "the target file's core_template " + fromFile.label()
        : "the " + board.title + " board's default";
    if (wanted == CoreTemplate.PIPELINED && !wanted.supports(image.shape())) {
      Projection plastic = network.projections().stream()
          .filter(p -> p.synapse() instanceof SynapseDynamics.Stdp).findFirst().orElse(null);
      if (requested != null) {
        sink.report(Diagnostic.error(CoreLowering.UNSUPPORTED,
            plastic == null ? network.span() : plastic.spans().whole(),
            "--core pipelined: the pipelined core has no STDP unit, and "
            + (plastic == null ? "this network has STDP synapses"
            : "projection '" + plastic.name() + "' is plastic"),
            "the compact core runs STDP on chip: use --core compact, or leave --core out"));
        return null;
      }
      choice += " (pipelined has no STDP unit: compact for this STDP network)";
    }
    Ice40Board.Options options = settings.options(board).withTemplate(wanted);
    if (requested == null && wanted == CoreTemplate.PIPELINED) {
      // A default, not a request: a network the pipelined core's SPRAM layout cannot hold
      // (more synapses or longer delays than it has room for) gets the compact core, whose
      // layout holds more; the report says why. Its errors are the ones reported if neither fits.
      try {
        return new SingleCore(image, Ice40Board.emit(image, options), board, options, choice);
      } catch (HdlException e) {
        options = options.withTemplate(CoreTemplate.COMPACT);
        choice += " (" + e.diagnostics().stream().map(Diagnostic::message)
            .collect(java.util.stream.Collectors.joining("; ")) + ": compact)";
      }
    }
    try {
      return new SingleCore(image, Ice40Board.emit(image, options), board, options, choice);
    } catch (HdlException e) {
      boolean poisson = network.populations().stream()
          .anyMatch(p -> p.cellType() == CellType.SPIKE_SOURCE_POISSON);
      if (poisson) {
        why.append(e.diagnostics().stream().map(Diagnostic::message)
            .collect(java.util.stream.Collectors.joining("; ")));
      } else {
        // The board design's errors have no place in the source; they are about the network
        // as mapped onto the target's core, so they point at the network.
        for (Diagnostic d : e.diagnostics()) {
          if (d.span().hasPosition()) {
            sink.report(d);
          } else {
            List<String> notes = new java.util.ArrayList<>(d.notes());
            notes.add("in the " + board.title + " board design of the mapping onto "
                + target.name() + " (its one core)");
            sink.report(new Diagnostic(d.severity(), d.code(), network.span(), d.message(),
                notes));
          }
        }
      }
      return null;
    }
  }

  /**
   * Whether {@code target} (not a SPRAM-layout target) first tries the single-core board design
   * with the pipelined core ({@link #pipelinedBoard}): an FPGA target with the block-RAM layout
   * that names an iCE40 board (the HX8K) and whose core is pipelined, by {@code --core} or, when
   * that is not given, by the file's {@code core_template}. Otherwise such a target builds the
   * mapped system of compact cores, as {@code --core compact} asks.
   */
  static boolean triesPipelinedBoard(Target target, CoreTemplate requested) {
    if (!target.family().equals("fpga") || isSingleCoreTarget(target)
        || ice40Board(target) == null) {
      return false;
    }
    CoreTemplate wanted = requested != null ? requested
        : target.coreTemplateName().flatMap(CoreTemplate::byLabel).orElse(null);
    return wanted == CoreTemplate.PIPELINED;
  }

  /**
   * The single-core board design with the pipelined core (dual-port layout: every memory in
   * block RAM) of a target that {@link #triesPipelinedBoard}, when the whole network fits it:
   * every neuron slice of the mapping on one core (spike sources are host-injected keys), the
   * {@code compact} profile without STDP or on-chip Poisson sources, and the board design's
   * block RAM ({@link Ice40Board#emit}). Logic is known from measurement only: synfire240's
   * board design (the pipelined core, the UART bridge, 30 block RAMs) packs into about 6,700 of
   * the HX8K's 7,680 logic cells (docs/fpga.md, "Core template"); the products are 16 × 16 in
   * the compact profile whatever the network, so its size changes only with address widths,
   * while s16.15's 32 × 32 products or the Poisson generator (about 850 cells) would not fit.
   * When it does not fit, {@code why} says why and null is returned, so the caller builds the
   * mapped system, unless the pipelined core was asked for by {@code --core}: then the reasons
   * are errors in {@code sink} at the network and null is returned with {@code why} empty.
   */
  static SingleCore pipelinedBoard(Mapper.Result mapped, CoreTemplate requested,
      BoardSettings settings, DiagnosticSink sink, StringBuilder why) {
    Target target = mapped.target();
    Network network = mapped.partitioned().network();
    Ice40Board.Board board = ice40Board(target);
    String choice = requested != null ? "--core pipelined"
        : "the target file's core_template pipelined";
    List<String> misfit = new java.util.ArrayList<>();
    Placement placement = mapped.placement();
    java.util.Set<Long> neuronCores = new java.util.TreeSet<>();
    int neurons = 0;
    boolean extended = false;
    for (var slice : mapped.partitioned().slices()) {
      if (slice.kind() != snnc.mapper.partition.Slice.Kind.NEURONS) {
        extended = true;
        continue;
      }
      boolean source = network.population(slice.population())
          .map(p -> p.cellType().isSource()).orElse(false);
      if (!source) {
        neuronCores.add(((long) placement.chipOf()[slice.id()] << 32)
            | placement.coreOf()[slice.id()]);
        neurons += slice.size();
      }
    }
    if (neuronCores.size() > 1) {
      misfit.add("the mapping spreads the " + neurons + " neurons over " + neuronCores.size()
          + " cores (at most " + target.core().maxNeurons() + " per core)");
    }
    if (extended) {
      misfit.add("delays longer than a core's " + target.core().delaySlots() + " slots take "
          + "delay-extension cores");
    }
    NumericsProfile profile = profile(target);
    if (profile != NumericsProfile.COMPACT) {
      misfit.add("numerics " + profile.name() + ": its 32 x 32 products in logic do not fit "
          + "beside the bridge (measured only for compact)");
    }
    if (network.populations().stream()
        .anyMatch(p -> p.cellType() == CellType.SPIKE_SOURCE_POISSON)) {
      misfit.add("on-chip Poisson sources: with the generator (about 850 logic cells more) "
          + "the design would fill about 98 % of the " + board.device.toUpperCase(Locale.ROOT)
          + "'s logic and has not been placed and routed; the mapped system injects them from "
          + "the host");
    }
    Projection plastic = network.projections().stream()
        .filter(p -> p.synapse() instanceof SynapseDynamics.Stdp).findFirst().orElse(null);
    if (plastic != null) {
      if (requested != null) {
        sink.report(Diagnostic.error(CoreLowering.UNSUPPORTED, plastic.spans().whole(),
            "--core pipelined: the pipelined core has no STDP unit, and projection '"
            + plastic.name() + "' is plastic", "leave --core out for the mapped system of "
            + "compact cores"));
        return null;
      }
      misfit.add("STDP: the pipelined core has no STDP unit");
    }
    CoreImage image = null;
    Ice40Board.Options options = settings.options(board)
        .withTemplate(CoreTemplate.PIPELINED);
    Ice40Board.Output design = null;
    if (misfit.isEmpty()) {
      try {
        image = CoreLowering.lower(network, profile, CoreLowering.Sizing.EXACT, false);
        design = Ice40Board.emit(image, options);
      } catch (HdlException e) {
        e.diagnostics().forEach(d -> misfit.add(d.message()));
      }
    }
    if (design != null) {
      return new SingleCore(image, design, board, options, choice + ": the network fits one "
          + "core (" + neurons + " neurons) and the single-core board design the "
          + board.device.toUpperCase(Locale.ROOT));
    }
    if (requested == null) {
      why.append(String.join("; ", misfit));
      return null;
    }
    for (String m : misfit) {
      sink.report(Diagnostic.error(Ice40Board.CAPACITY, network.span(), "--core pipelined: the "
          + "single-core board design with the pipelined core does not fit: " + m, "in the "
          + board.title + " board design of the network on " + target.name() + "; without "
          + "--core pipelined it builds the mapped system of compact cores"));
    }
    return null;
  }

  /**
   * The iCE40 board design a target names ({@code "board"} in its file), or null when it names
   * none; an unknown name is a user error.
   */
  static Ice40Board.Board ice40Board(Target target) {
    return switch (target.board()) {
      case "" -> null;
      case "icebreaker" -> Ice40Board.Board.ICEBREAKER;
      case "hx8k-breakout" -> Ice40Board.Board.HX8K_BREAKOUT;
      default -> throw new UserErrorException("target " + target.name() + " names board '"
          + target.board() + "'; known: icebreaker, hx8k-breakout");
    };
  }

  /** Where a board design's pins come from, for the report: the user's file or the board's. */
  private static String pinsSource(String userPinsName, Ice40Board.Board board) {
    return userPinsName != null ? userPinsName : "the " + board.title + " board's default pins";
  }

  private static NumericsProfile profile(Target target) {
    return NumericsProfile.byName(target.numerics()).orElseThrow(
        () -> new UserErrorException("target " + target.name() + " names unknown "
            + "numerics '" + target.numerics() + "'"));
  }

  /**
   * Writes the single-core board design into {@code DIR/rtl/} and adds its figures to the
   * mapping's report; with {@code bitstream} runs the iCE40 flow. Returns the exit status.
   */
  static int writeSingleCore(Mapper.Result mapped, SingleCore single, Path dir,
      boolean bitstream, boolean autoClock, OptionalInt seed, PrintWriter out, PrintWriter err) {
    Ice40Board.Output board = single.board();
    CoreImage image = single.image();
    Path rtlDir = dir.resolve("rtl");
    writeRtl(rtlDir, board::write);
    // The pipelined core is its SPRAM arrangement on the UP5K, the dual-port one on the HX8K.
    long cycles = board.template() != CoreTemplate.PIPELINED
        ? CoreGenerator.worstCaseCyclesPerStep(image, board.layout())
        : board.layout() == CoreGenerator.Layout.SPRAM
        ? PipelinedSpramLayout.worstCaseCyclesPerStep(image)
        : PipelinedCoreGenerator.worstCaseCyclesPerStep(image);
    Map<String, Object> hdl = new LinkedHashMap<>();
    hdl.put("design", "single core behind the UART bridge (docs/fpga.md, \"Board path\")");
    hdl.put("top", board.system());
    hdl.put("board_top", board.top());
    hdl.put("numerics", image.shape().profile().name());
    hdl.put("cores", 1);
    hdl.put("core", board.template().label());
    hdl.put("core_choice", single.coreChoice());
    hdl.put("core_module", board.coreModule());
    hdl.put("memory_layout", board.layout() == CoreGenerator.Layout.SPRAM
        ? "spram: synapse pairs and delay rings in SPRAM" : single.boardKind().spram
        ? "dual-port: synapse table in SPRAM" : "dual-port: every memory in block RAM");
    hdl.put("neurons", image.neurons());
    hdl.put("spike_keys", image.rows().size());
    hdl.put("synapses", image.synapses().size());
    hdl.put("key_bits", image.shape().preBits());
    hdl.put("block_ram_estimate", board.blockRamEstimate());
    hdl.put("load_image", "rtl/" + board.loadImageName());
    hdl.put("cycles_per_step", cycles);
    hdl.put("clock_mhz", board.clockHz() / 1e6);
    hdl.put("pll", board.pll() == null ? "none: the 12 MHz oscillator" : board.pll().describe());
    hdl.put("uart_baud", single.options().baud());
    hdl.put("pins", pinsSource(single.options().userPinsName(), single.boardKind()));
    hdl.put("cycles_per_step_is", "upper bound: every neuron and source fires and every synapse "
        + "is delivered (docs/fpga.md)");
    int status = 0;
    if (bitstream) {
      Ice40Board.Board kind = single.boardKind();
      if (autoClock) {
        Ice40Board.Options o = single.options();
        ClockedBuild build = (pll, pass) -> {
          Ice40Board.Output b = Ice40Board.emit(image, new Ice40Board.Options(kind, o.baud(),
              o.userPins(), o.userPinsName(), pll, o.template()));
          writeRtl(rtlDir, b::write);
          return new Ice40Flow.Inputs(rtlDir, dir.resolve("build").resolve(pass),
              dir.resolve("logs").resolve(pass), b.top(), b.synthesisFiles(), b.top(),
              b.pinFile(), kind.device, kind.pkg, b.clockHz() / 1e6);
        };
        status = runFlowAuto(build, seed, dir, hdl, out, err);
      } else {
        Ice40Flow.Inputs in = new Ice40Flow.Inputs(rtlDir, dir.resolve("build"),
            dir.resolve("logs"), board.top(), board.synthesisFiles(), board.top(),
            board.pinFile(), kind.device, kind.pkg, board.clockHz() / 1e6);
        status = runFlow(in.withSeed(seed), dir, hdl, out, err);
      }
    }
    writeReport(mapped, hdl, dir);
    out.printf("wrote %s: %s (one core, %d neurons, %d synapses, %s layout), at most %d cycles "
        + "per step%n", rtlDir, board.top(), image.neurons(), image.synapses().size(),
        board.layout() == CoreGenerator.Layout.SPRAM ? "SPRAM" : "dual-port", cycles);
    out.flush();
    return status;
  }

  /**
   * The mapped multi-core system as lowered and emitted once: {@link #lower} checks it and
   * {@link #write} writes these very files.
   *
   * @param image the lowered system
   * @param rtl the system's Verilog and memory images ({@link SystemEmitter})
   * @param board its bridge-driven board design ({@link SystemBoard}) at the board clock, or
   *     null when the target names no iCE40 board
   */
  record MappedSystem(SystemImage image, HdlEmitter.Output rtl, Ice40Board.Output board) {}

  /**
   * Lowers {@code mapped}; HDL errors go to {@code sink} (null is returned then). On a target
   * that names an iCE40 board the board design (with {@code settings}: clock, baud, pins) is
   * emitted here, so a system that does not fit the bridge or the device
   * ({@code hdl.board-capacity}) fails before anything is written and before any tool runs;
   * those errors point at the network. On other targets the user's vendor-project pins are
   * checked against the system top here.
   */
  static MappedSystem lower(Mapper.Result mapped, BoardSettings settings, DiagnosticSink sink) {
    NumericsProfile profile = profile(mapped.target());
    SystemImage image;
    try {
      image = SystemLowering.lower(mapped, profile, CoreLowering.Sizing.EXACT, false);
    } catch (HdlException e) {
      for (Diagnostic d : e.diagnostics()) {
        sink.report(d);
      }
      return null;
    }
    HdlEmitter.Output rtl = SystemEmitter.emit(image);
    Ice40Board.Board board = ice40Board(mapped.target());
    if (board == null && !settings.vendorPins().isEmpty()) {
      // The user's pins name the system top's port bits: checked here, before anything is
      // written, with their places in the pins file.
      try {
        VendorProjects.generate(VendorProjects.Design.systemTop(image, rtl),
            settings.vendorBoard(), settings.vendorPins());
      } catch (HdlException e) {
        e.diagnostics().forEach(sink::report);
        return null;
      }
    }
    Ice40Board.Output boardDesign = null;
    if (board != null) {
      try {
        // The bridge-driven board design: block RAM is initialised by the bitstream, so the
        // memories are preloaded from the .hex images; MODEL_load.bin loads them over the UART.
        boardDesign = SystemBoard.emit(image, rtl, settings.options(board));
      } catch (HdlException e) {
        Network network = mapped.partitioned().network();
        for (Diagnostic d : e.diagnostics()) {
          List<String> notes = new java.util.ArrayList<>(d.notes());
          notes.add("in the " + board.title + " board design of the mapped system on "
              + mapped.target().name() + " (" + image.cores().size() + " core(s))");
          sink.report(d.span().hasPosition() ? d : new Diagnostic(d.severity(), d.code(),
              network.span(), d.message(), notes));
        }
        return null;
      }
    }
    return new MappedSystem(image, rtl, boardDesign);
  }

  /**
   * Writes the RTL and the report; returns the exit status ({@code 0}, or {@link Main#USER_ERROR}
   * when a flow tool failed).
   */
  static int write(Mapper.Result mapped, MappedSystem lowered, Path dir, boolean bitstream,
      boolean autoClock, OptionalInt seed, String coreChoice, BoardSettings settings,
      PrintWriter out, PrintWriter err) {
    SystemImage system = lowered.image();
    Ice40Board.Board board = ice40Board(mapped.target());
    if (bitstream && board == null) {
      throw new UserErrorException("--bitstream builds iCE40 bitstreams for targets that name "
          + "an iCE40 board (ice40-up5k, ice40-hx8k); for " + mapped.target().name()
          + " use the RTL in " + dir.resolve("rtl"));
    }
    HdlEmitter.Output rtl = lowered.rtl();
    String systemTop = rtl.top();
    Map<String, Object> hdl = new LinkedHashMap<>();
    Ice40Board.Output boardDesign = lowered.board();
    if (board != null) {
      hdl.put("design", "mapped system behind the UART bridge (docs/fpga.md, \"Board path\")");
      hdl.put("clock_mhz", boardDesign.clockHz() / 1e6);
      hdl.put("pll", boardDesign.pll() == null ? "none: the 12 MHz oscillator"
          : boardDesign.pll().describe());
      hdl.put("uart_baud", settings.baud());
      hdl.put("pins", pinsSource(settings.pinsName(), board));
    }
    List<String> vendorFiles = List.of();
    FolderWriter writer;
    if (board != null) {
      writer = boardDesign::write;
    } else {
      // Not iCE40: the project files for vendor tools (Vivado, Quartus, FuseSoC) go next to the
      // RTL, in the same folder swap, so a failed write leaves the old folder whole.
      Map<String, String> vendor = VendorProjects.generate(
          VendorProjects.Design.systemTop(system, rtl), settings.vendorBoard(),
          settings.vendorPins());
      Map<String, String> files = new LinkedHashMap<>(rtl.files());
      files.putAll(vendor);
      vendorFiles = List.copyOf(vendor.keySet());
      rtl = new HdlEmitter.Output(rtl.top(), rtl.core(), files);
      writer = rtl::write;
    }
    Path rtlDir = dir.resolve("rtl");
    writeRtl(rtlDir, writer);
    hdl.put("top", systemTop);
    hdl.put("numerics", system.shape().profile().name());
    hdl.put("cores", system.cores().size());
    hdl.put("core_module", rtl.core());
    if (coreChoice != null) {
      hdl.put("core_choice", coreChoice);
    }
    hdl.put("router_entries", system.table().size());
    hdl.put("key_bits", system.keyBits());
    hdl.put("cycles_per_step", system.worstCaseCyclesPerStep());
    hdl.put("cycles_per_step_is", "upper bound: every neuron fires and every key is delivered "
        + "(docs/fpga.md)");
    if (board != null) {
      hdl.put("board_top", boardDesign.top());
      hdl.put("memories", "block RAM preloaded from the .hex images; "
          + boardDesign.loadImageName() + " loads every core over the bridge");
      hdl.put("load_image", "rtl/" + boardDesign.loadImageName());
      hdl.put("block_ram_estimate", boardDesign.blockRamEstimate());
    } else {
      hdl.put("vendor_projects", vendorFiles);
      hdl.put("vendor_clock_mhz", settings.vendorBoard().clockMhz());
      hdl.put("pins", settings.vendorPins().isEmpty() ? "none: PIN_FOR_ placeholders"
          : settings.pinsName());
    }
    int status = 0;
    if (bitstream && autoClock) {
      ClockedBuild build = (pll, pass) -> {
        Ice40Board.Options o = settings.options(board);
        Ice40Board.Output b = SystemBoard.emit(system, SystemEmitter.emit(system),
            new Ice40Board.Options(board, o.baud(), o.userPins(), o.userPinsName(), pll,
                o.template()));
        writeRtl(rtlDir, b::write);
        return new Ice40Flow.Inputs(rtlDir, dir.resolve("build").resolve(pass),
            dir.resolve("logs").resolve(pass), b.top(), b.synthesisFiles(), b.top(),
            b.pinFile(), board.device, board.pkg, b.clockHz() / 1e6);
      };
      status = runFlowAuto(build, seed, dir, hdl, out, err);
    } else if (bitstream) {
      Ice40Flow.Inputs in = new Ice40Flow.Inputs(rtlDir, dir.resolve("build"),
          dir.resolve("logs"), boardDesign.top(), boardDesign.synthesisFiles(),
          boardDesign.top(), boardDesign.pinFile(), board.device, board.pkg,
          boardDesign.clockHz() / 1e6);
      status = runFlow(in.withSeed(seed), dir, hdl, out, err);
    }
    writeReport(mapped, hdl, dir);
    out.printf("wrote %s: %s with %d core(s), %d router entries, at most %d cycles per step%n",
        rtlDir, hdl.get("top"), system.cores().size(), system.table().size(),
        system.worstCaseCyclesPerStep());
    if (!vendorFiles.isEmpty()) {
      out.printf("wrote vendor projects in %s: %s (clock %s MHz; %s)%n", rtlDir,
          String.join(", ", vendorFiles), settings.vendorBoard().clockMhz(),
          settings.vendorPins().isEmpty() ? "no pins: fill in the PIN_FOR_ placeholders"
          : settings.vendorPins().size() + " pins from " + settings.pinsName());
    }
    out.flush();
    return status;
  }

  /** Runs the iCE40 flow, writes DIR/bitstream.bin and adds the figures to {@code hdl}. */
  private static int runFlow(Ice40Flow.Inputs in, Path dir, Map<String, Object> hdl,
      PrintWriter out, PrintWriter err) {
    long t0 = System.nanoTime();
    in.seed().ifPresent(s -> hdl.put("pnr_seed", s));
    Ice40Flow.Result r = flowOrReport(in, out, err);
    return r == null ? Main.USER_ERROR : finish(r, t0, dir, hdl, out);
  }

  /** Runs the flow; a failing tool or file is reported on {@code err} and gives null. */
  private static Ice40Flow.Result flowOrReport(Ice40Flow.Inputs in, PrintWriter out,
      PrintWriter err) {
    try {
      return flow(in, out);
    } catch (Ice40Flow.FlowException e) {
      err.println("snnc compile: " + e.getMessage() + "; see " + e.log());
    } catch (IOException e) {
      err.println("snnc compile: the bitstream flow failed: " + e.getMessage());
    }
    err.flush();
    return null;
  }

  /** One design of a {@code --clock auto} build at a clock: writes DIR/rtl/ and says how to build it. */
  interface ClockedBuild {
    /**
     * Writes the design clocked by {@code pll} (null: the 12 MHz oscillator) into DIR/rtl/ and
     * returns the flow's inputs, with build and log folders under {@code pass} ("" = DIR/build,
     * DIR/logs).
     */
    Ice40Flow.Inputs inputs(Ice40Pll pll, String pass);
  }

  /**
   * {@code --clock auto} (docs/fpga.md, "Clock (PLL)"): builds at the 12 MHz oscillator, which
   * needs no PLL and is the fallback; when nextpnr's Fmax reaches the PLL's lowest output,
   * rebuilds once at the highest PLL clock at or below that Fmax (nextpnr aims at it with
   * --freq). The rebuild's bitstream is kept when it meets its clock, else the first one (and
   * its RTL is written back). {@code hdl} records both builds and the clock used.
   */
  private static int runFlowAuto(ClockedBuild unseeded, OptionalInt seed, Path dir,
      Map<String, Object> hdl, PrintWriter out, PrintWriter err) {
    ClockedBuild build = (pll, pass) -> unseeded.inputs(pll, pass).withSeed(seed);
    seed.ifPresent(s -> hdl.put("pnr_seed", s));
    long t0 = System.nanoTime();
    Map<String, Object> auto = new LinkedHashMap<>();
    Ice40Flow.Result first = flowOrReport(build.inputs(null, ""), out, err);
    if (first == null) {
      return Main.USER_ERROR;
    }
    double oscillator = Ice40Flow.BOARD_CLOCK_MHZ;
    Map<String, Object> firstBuild = new LinkedHashMap<>();
    firstBuild.put("clock_mhz", oscillator);
    firstBuild.put("fmax_mhz", mhz(first.fmaxMhz().orElse(0)));
    auto.put("first_build", firstBuild);
    Ice40Pll pll = Ice40Pll.highestAtMost(oscillator, first.fmaxMhz().orElse(0)).orElse(null);
    Ice40Flow.Result chosen = first;
    if (pll == null || pll.outputMhz() <= oscillator) {
      auto.put("result", String.format(Locale.ROOT, "the 12 MHz oscillator: Fmax %.2f MHz is "
          + "below the PLL's lowest clock", first.fmaxMhz().orElse(0)));
    } else {
      out.printf("  --clock auto: Fmax %.2f MHz at 12 MHz; rebuilding at %.3f MHz (PLL)%n",
          first.fmaxMhz().orElse(0), pll.outputMhz());
      out.flush();
      Map<String, Object> second = new LinkedHashMap<>();
      second.put("clock_mhz", mhz(pll.outputMhz()));
      try {
        Ice40Flow.Result r = flow(build.inputs(pll, "pll"), out);
        second.put("fmax_mhz", mhz(r.fmaxMhz().orElse(0)));
        chosen = r;
      } catch (Ice40Flow.FlowException e) {
        second.put("failed", e.getMessage());
        second.put("log", dir.toAbsolutePath().relativize(e.log().toAbsolutePath()).toString());
      } catch (IOException e) {
        second.put("failed", e.getMessage());
      }
      auto.put("pll_build", second);
      if (chosen == first) {
        build.inputs(null, "");
        auto.put("result", "the 12 MHz oscillator: the PLL build did not meet its clock");
        out.println("  --clock auto: the PLL build missed its clock; keeping the 12 MHz build");
      } else {
        auto.put("result", String.format(Locale.ROOT, "the PLL at %.3f MHz", pll.outputMhz()));
      }
    }
    hdl.put("clock_mhz", chosen.clockMhz());
    hdl.put("pll", chosen == first ? "none: the 12 MHz oscillator" : pll.describe());
    hdl.put("clock_auto", auto);
    return finish(chosen, t0, dir, hdl, out);
  }

  private static double mhz(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static Ice40Flow.Result flow(Ice40Flow.Inputs in, PrintWriter out)
      throws IOException, Ice40Flow.FlowException {
    long t0 = System.nanoTime();
    return Ice40Flow.run(in, step -> {
      out.printf("  [%s] (%.0f s)%n", step, (System.nanoTime() - t0) / 1e9);
      out.flush();
    });
  }

  /** Writes DIR/bitstream.bin from {@code r} and adds its figures to {@code hdl}. */
  private static int finish(Ice40Flow.Result r, long t0, Path dir, Map<String, Object> hdl,
      PrintWriter out) {
    Path target = dir.resolve("bitstream.bin");
    try {
      AtomicFiles.write(target, Files.readAllBytes(r.bitstream()));
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + target + ": " + e.getMessage());
    }
    hdl.put("luts", r.luts());
    hdl.put("ffs", r.flipFlops());
    hdl.put("brams", r.blockRams());
    hdl.put("sprams", r.sprams());
    hdl.put("dsps", r.dsps());
    if (r.fmaxMhz().isPresent()) {
      hdl.put("fmax_mhz", Math.round(r.fmaxMhz().getAsDouble() * 100) / 100.0);
    }
    hdl.put("bitstream", "bitstream.bin");
    out.printf("wrote %s: %d LUT4, %d FF, %d block RAM, %d SPRAM, %d DSP, Fmax %s MHz "
        + "(meets the %s MHz clock) (%.0f s)%n", target, r.luts(), r.flipFlops(), r.blockRams(),
        r.sprams(), r.dsps(), hdl.getOrDefault("fmax_mhz", "?"),
        String.format(java.util.Locale.ROOT, "%.3f", r.clockMhz()),
        (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }

  private static void writeReport(Mapper.Result mapped, Map<String, Object> hdl, Path dir) {
    Map<String, Object> report = new LinkedHashMap<>(MappingReport.report(mapped));
    report.put("hdl", hdl);
    writeReport(report, dir);
  }

  private static void writeReport(Map<String, Object> report, Path dir) {
    Path file = dir.resolve("report.json");
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(report) + "\n");
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void writeRtl(Path rtlDir, FolderWriter rtl) {
    try {
      replaceFolder(rtlDir, rtl);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + rtlDir + ": " + e.getMessage());
    }
  }

  /** Writes files into a folder. */
  private interface FolderWriter {
    void write(Path folder) throws IOException;
  }

  /** Writes {@code rtl} into a fresh folder, then puts it in place of {@code folder}. */
  private static void replaceFolder(Path folder, FolderWriter rtl) throws IOException {
    Path parent = folder.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, ".rtl-");
    rtl.write(tmp);
    if (Files.exists(folder)) {
      try (Stream<Path> old = Files.walk(folder)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.move(tmp, folder);
  }
}
