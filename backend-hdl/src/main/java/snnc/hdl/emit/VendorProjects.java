package snnc.hdl.emit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import snnc.diag.Diagnostic;
import snnc.diag.Severity;
import snnc.diag.Span;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.RtlModule.Direction;
import snnc.hdl.lower.RtlModule.Port;
import snnc.hdl.lower.SystemGenerator;
import snnc.hdl.lower.SystemImage;
import snnc.ir.io.AtomicFiles;

/**
 * Project files for vendor tools, written next to the RTL of a design so that a user with the
 * tools gets a bitstream with one command:
 * <ul>
 *   <li>{@code TOP_vivado.tcl} + {@code TOP.xdc}: a Vivado non-project flow ({@code vivado -mode
 *       batch -source TOP_vivado.tcl}) that reads the Verilog named by {@code filelist.f};</li>
 *   <li>{@code TOP.qpf} + {@code TOP.qsf} + {@code TOP.sdc}: a Quartus project
 *       ({@code quartus_sh --flow compile TOP});</li>
 *   <li>{@code TOP.core}: a FuseSoC CAPI2 core with lint, Vivado and Quartus targets.</li>
 * </ul>
 * The clock constraint comes from the {@link Board}; pin locations only from the user's
 * {@link PinAssignment}s. A port bit without a pin gets a commented placeholder
 * ({@code PIN_FOR_<signal>}) and, because a bitstream with guessed pins could damage a board, the
 * Vivado flow then implements the design out of context and stops after the reports, without a
 * bitstream. Output is a pure function of the inputs (byte-deterministic).
 */
public final class VendorProjects {

  /** Diagnostic: a pin assignment that names no port bit, repeats one, or reuses a site. */
  public static final String PINS = "hdl.pins";

  private VendorProjects() {}

  /**
   * The device and clock a project is for. {@code clockMhz} is the frequency of the design's
   * clock port, the one timing constraint; the parts are what the vendor tools compile for.
   */
  public record Board(String name, double clockMhz, String xilinxPart, String xilinxIoStandard,
      String intelFamily, String intelDevice, String intelIoStandard) {

    /**
     * The default of target fpga-generic: 100 MHz, an Artix-7 35T (xc7a35tcpg236-1, as on
     * Digilent's Basys 3 and Cmod A7) and a Cyclone V SoC (5CSEMA5F31C6, as on Terasic's
     * DE1-SoC), 3.3 V I/O.
     */
    public static final Board GENERIC = new Board("fpga-generic", 100.0, "xc7a35tcpg236-1",
        "LVCMOS33", "Cyclone V", "5CSEMA5F31C6", "3.3-V LVTTL");

    public Board {
      if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
        throw new IllegalArgumentException("clock frequency must be positive: " + clockMhz);
      }
    }

    /** This board at another clock frequency (a target's {@code clock_mhz} parameter). */
    public Board withClockMhz(double mhz) {
      return new Board(name, mhz, xilinxPart, xilinxIoStandard, intelFamily, intelDevice,
          intelIoStandard);
    }

    /** The clock period in ns, as the constraint files write it. */
    public String periodNs() {
      return String.format(Locale.ROOT, "%.3f", 1000.0 / clockMhz);
    }
  }

  /**
   * What a project builds: the model, the top module and its ports, the clock port, the Verilog
   * files in compile order, the data files its memories are initialised from, and the
   * {@code filelist.f} text the Vivado flow reads.
   */
  public record Design(String model, String top, String clockPort, List<Port> ports,
      List<String> verilogFiles, List<String> dataFiles, String filelist) {

    public Design {
      ports = List.copyOf(ports);
      verilogFiles = List.copyOf(verilogFiles);
      dataFiles = List.copyOf(dataFiles);
      if (ports.stream().noneMatch(p -> p.name().equals(clockPort)
          && p.direction() == Direction.INPUT && p.width() == 1)) {
        throw new IllegalArgumentException(top + " has no 1-bit input " + clockPort);
      }
    }

    /**
     * The model top of {@link HdlEmitter#emit}: its ports are the core's, its clock is
     * {@code clk}, its data files the {@code .hex} images.
     */
    public static Design modelTop(CoreImage image, HdlEmitter.Output rtl) {
      List<Port> ports = CoreGenerator.generate(image.shape(), List.of()).ports();
      List<String> data = rtl.files().keySet().stream().filter(f -> f.endsWith(".hex")).toList();
      return new Design(image.model(), rtl.top(), "clk", ports, rtl.verilogFiles(), data,
          rtl.files().getOrDefault("filelist.f", ""));
    }

    /**
     * The multi-core system top of {@link SystemEmitter#emit} ({@code snnc compile --target
     * fpga-generic}): its ports are {@code MODEL_system}'s, its clock is {@code clk}, its data
     * files the cores' {@code .hex} images.
     */
    public static Design systemTop(SystemImage image, HdlEmitter.Output rtl) {
      // Only the ports are needed: images do not change them.
      List<Port> ports = SystemGenerator.generate(image, List.of(), null).ports();
      List<String> data = rtl.files().keySet().stream().filter(f -> f.endsWith(".hex")).toList();
      return new Design(image.model(), rtl.top(), "clk", ports, rtl.verilogFiles(), data,
          rtl.files().getOrDefault("filelist.f", ""));
    }

    /** Every port bit by its constraint name ({@code clk}, {@code ld_data[3]}), in port order. */
    public List<Signal> signals() {
      List<Signal> s = new ArrayList<>();
      for (Port p : ports) {
        if (p.width() == 1) {
          s.add(new Signal(p.name(), p.direction()));
        } else {
          for (int b = 0; b < p.width(); b++) {
            s.add(new Signal(p.name() + "[" + b + "]", p.direction()));
          }
        }
      }
      return s;
    }
  }

  /** One port bit of the top level, named as constraint files name it. */
  public record Signal(String name, Direction direction) {}

  /**
   * The user's pin for one port bit: {@code site} is the package ball ({@code W5}, {@code AF14});
   * the Quartus file adds its {@code PIN_} prefix. {@code span} locates it in the pins file.
   */
  public record PinAssignment(String signal, String site, Span span) {}

  /**
   * Reads a pins file: one {@code SIGNAL SITE} per line ({@code clk W5}, {@code ld_data[3] V17}),
   * {@code #} starts a comment. Syntax errors are {@value #PINS} diagnostics with their position.
   */
  public static List<PinAssignment> parsePins(String text, String file) {
    List<PinAssignment> pins = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String body = hash >= 0 ? line.substring(0, hash) : line;
      if (body.isBlank()) {
        continue;
      }
      int col = 1 + (body.length() - body.stripLeading().length());
      String[] tok = body.trim().split("\\s+");
      Span span = Span.at(file, i + 1, col);
      if (tok.length != 2) {
        errors.add(error(span, "expected 'SIGNAL SITE' (for example 'clk W5'), found "
            + tok.length + " word" + (tok.length == 1 ? "" : "s")));
      } else if (!tok[0].matches("[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+])?")) {
        errors.add(error(span, "'" + tok[0] + "' is not a port or port bit such as ld_data[3]"));
      } else {
        pins.add(new PinAssignment(tok[0], tok[1], span));
      }
    }
    if (!errors.isEmpty()) {
      throw new HdlException(errors);
    }
    return List.copyOf(pins);
  }

  /**
   * The project files of {@code design} for {@code board}: file name → text, in writing order.
   * Throws {@link HdlException} ({@value #PINS}) when a pin names no port bit of the top, a bus
   * as a whole, a bit twice, or a site twice.
   */
  public static Map<String, String> generate(Design design, Board board,
      List<PinAssignment> pins) {
    Map<String, String> sites = checkPins(design, pins);
    String top = design.top();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(top + ".xdc", xdc(design, board, sites));
    files.put(top + "_vivado.tcl", vivadoTcl(design, board, sites));
    files.put(top + ".qpf", qpf(design));
    files.put(top + ".qsf", qsf(design, board, sites));
    files.put(top + ".sdc", sdc(design, board));
    files.put(top + ".core", fusesocCore(design, board));
    return files;
  }

  /**
   * Writes the project files of {@code design} into {@code dir} (each atomically, after every
   * check has passed, so a bad pin leaves nothing behind) and returns their names. This is the
   * entry point of {@code snnc compile --target fpga-generic}: call it with the directory that
   * holds the RTL.
   */
  public static List<String> write(Path dir, Design design, Board board,
      List<PinAssignment> pins) throws IOException {
    Map<String, String> files = generate(design, board, pins);
    for (Map.Entry<String, String> f : files.entrySet()) {
      AtomicFiles.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    return List.copyOf(files.keySet());
  }

  private static Diagnostic error(Span span, String message) {
    return new Diagnostic(Severity.ERROR, PINS, span, message, List.of());
  }

  private static Map<String, String> checkPins(Design design, List<PinAssignment> pins) {
    Set<String> known = new TreeSet<>();
    design.signals().forEach(s -> known.add(s.name()));
    Map<String, Integer> widths = new HashMap<>();
    design.ports().forEach(p -> widths.put(p.name(), p.width()));
    Map<String, String> sites = new HashMap<>();
    Map<String, String> siteOwner = new HashMap<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (PinAssignment a : pins) {
      Span span = a.span() != null ? a.span() : Span.generated("pins");
      Integer width = widths.get(a.signal());
      if (width != null && width > 1) {
        errors.add(error(span, "port " + a.signal() + " of " + design.top() + " has " + width
            + " bits: give each bit its pin (" + a.signal() + "[0] .. " + a.signal() + "["
            + (width - 1) + "])"));
      } else if (!known.contains(a.signal())) {
        errors.add(error(span, design.top() + " has no port bit '" + a.signal() + "'"));
      } else if (sites.containsKey(a.signal())) {
        errors.add(error(span, a.signal() + " already has pin " + sites.get(a.signal())));
      } else if (siteOwner.containsKey(xilinxPin(a.site()))) {
        errors.add(error(span, "pin " + a.site() + " is already used by "
            + siteOwner.get(xilinxPin(a.site()))));
      } else {
        sites.put(a.signal(), a.site());
        siteOwner.put(xilinxPin(a.site()), a.signal());
      }
    }
    if (!errors.isEmpty()) {
      throw new HdlException(errors);
    }
    return sites;
  }

  private static List<String> unpinned(Design design, Map<String, String> sites) {
    return design.signals().stream().map(Signal::name).filter(s -> !sites.containsKey(s))
        .toList();
  }

  private static String header(String comment, Design design, String what) {
    return comment + " Generated by snnc " + HdlEmitter.version() + " from model '"
        + design.model() + "' -- do not edit.\n" + comment + " " + what + "\n";
  }

  /** Tcl/XDC/SDC quoting of a port bit: braces keep the brackets literal. */
  private static String portRef(String signal) {
    return "[get_ports {" + signal + "}]";
  }

  private static String xdc(Design design, Board board, Map<String, String> sites) {
    StringBuilder s = new StringBuilder(header("#", design, "Vivado constraints for "
        + design.top() + " on " + board.xilinxPart() + " (" + board.name() + ")."));
    s.append("\n# Clock: ").append(fmtMhz(board.clockMhz())).append(" MHz on ")
        .append(design.clockPort()).append(".\n");
    s.append("create_clock -name ").append(design.clockPort()).append(" -period ")
        .append(board.periodNs()).append(' ').append(portRef(design.clockPort())).append('\n');
    s.append("\n# Pins from the user's pin assignments.\n");
    for (Signal sig : design.signals()) {
      String site = sites.get(sig.name());
      if (site != null) {
        s.append("set_property -dict {PACKAGE_PIN ").append(xilinxPin(site))
            .append(" IOSTANDARD ")
            .append(board.xilinxIoStandard()).append("} ").append(portRef(sig.name()))
            .append('\n');
      }
    }
    List<String> open = unpinned(design, sites);
    if (!open.isEmpty()) {
      s.append("\n# ").append(open.size()).append(" port bits have no pin. Replace each "
          + "PIN_FOR_... with a package pin of your board and\n# remove the '#'; until every "
          + "bit has one, ").append(design.top()).append("_vivado.tcl stops before the "
          + "bitstream.\n");
      for (String sig : open) {
        s.append("# set_property -dict {PACKAGE_PIN PIN_FOR_").append(placeholder(sig))
            .append(" IOSTANDARD ").append(board.xilinxIoStandard()).append("} ")
            .append(portRef(sig)).append('\n');
      }
    }
    return s.toString();
  }

  private static String vivadoTcl(Design design, Board board, Map<String, String> sites) {
    String top = design.top();
    boolean complete = unpinned(design, sites).isEmpty();
    StringBuilder s = new StringBuilder(header("#", design, "Vivado non-project flow for "
        + top + " on " + board.xilinxPart() + " at " + fmtMhz(board.clockMhz()) + " MHz."));
    s.append("#   vivado -mode batch -source ").append(top).append("_vivado.tcl\n");
    s.append("# Checkpoints, reports and the bitstream go to vivado/ next to this script.\n");
    if (!complete) {
      s.append("# Not every port bit has a pin (see ").append(top).append(".xdc), so the "
          + "design is implemented out of\n# context (no I/O buffers) for utilization and "
          + "timing, and no bitstream is written.\n");
    }
    s.append("\n# $readmemh finds the memory images by their bare names in this folder.\n");
    s.append("cd [file dirname [file normalize [info script]]]\n");
    s.append("set out vivado\nfile mkdir $out\n\n");
    s.append("# The Verilog sources, in the order filelist.f gives them (comments and options "
        + "skipped).\n");
    s.append("set filelist [open filelist.f r]\n");
    s.append("foreach line [split [read $filelist] \"\\n\"] {\n");
    s.append("  set f [string trim $line]\n");
    s.append("  if {$f eq \"\" || [string match \"//*\" $f] || [string match \"-*\" $f]"
        + " || [string match \"+*\" $f]} {\n    continue\n  }\n");
    s.append("  read_verilog $f\n}\nclose $filelist\n");
    List<String> listed = design.filelist().lines().map(String::trim).toList();
    for (String v : design.verilogFiles()) {
      if (!listed.contains(v)) {
        s.append("read_verilog ").append(v).append('\n');
      }
    }
    if (!design.dataFiles().isEmpty()) {
      s.append("# Memory initialisation images read by $readmemh during synthesis.\n");
      s.append("add_files -norecurse [list");
      for (String d : design.dataFiles()) {
        s.append(' ').append(d);
      }
      s.append("]\n");
    }
    s.append("read_xdc ").append(top).append(".xdc\n\n");
    s.append("synth_design -top ").append(top).append(" -part ").append(board.xilinxPart())
        .append(complete ? "" : " -mode out_of_context").append('\n');
    s.append("write_checkpoint -force $out/").append(top).append("_synth.dcp\n");
    s.append("report_utilization -file $out/utilization_synth.rpt\n");
    s.append("opt_design\nplace_design\nroute_design\n");
    s.append("write_checkpoint -force $out/").append(top).append("_routed.dcp\n");
    s.append("report_utilization -file $out/utilization.rpt\n");
    s.append("report_timing_summary -file $out/timing_summary.rpt\n");
    s.append("report_drc -file $out/drc.rpt\n\n");
    s.append("set wns [get_property SLACK [get_timing_paths -delay_type max -max_paths 1]]\n");
    s.append("if {$wns ne \"\" && $wns < 0} {\n");
    s.append("  puts \"snnc: timing not met at ").append(fmtMhz(board.clockMhz()))
        .append(" MHz: worst setup slack $wns ns (see $out/timing_summary.rpt)\"\n}\n");
    if (complete) {
      s.append("write_bitstream -force $out/").append(top).append(".bit\n");
    } else {
      s.append("puts \"snnc: no bitstream: ").append(unpinned(design, sites).size())
          .append(" port bits of ").append(top).append(" have no pin; fill in the "
          + "PIN_FOR_... placeholders of ").append(top).append(".xdc\"\n");
    }
    return s.toString();
  }

  private static String qpf(Design design) {
    return header("#", design, "Quartus project: quartus_sh --flow compile " + design.top())
        + "PROJECT_REVISION = \"" + design.top() + "\"\n";
  }

  private static String qsf(Design design, Board board, Map<String, String> sites) {
    StringBuilder s = new StringBuilder(header("#", design, "Quartus settings for "
        + design.top() + " on " + board.intelFamily() + " " + board.intelDevice() + " ("
        + board.name() + ")."));
    s.append("#   quartus_sh --flow compile ").append(design.top()).append('\n');
    s.append("# The memory images (").append(String.join(", ", design.dataFiles()))
        .append(") are read from this folder.\n\n");
    s.append("set_global_assignment -name FAMILY \"").append(board.intelFamily()).append("\"\n");
    s.append("set_global_assignment -name DEVICE ").append(board.intelDevice()).append('\n');
    s.append("set_global_assignment -name TOP_LEVEL_ENTITY ").append(design.top()).append('\n');
    s.append("set_global_assignment -name PROJECT_OUTPUT_DIRECTORY output_files\n");
    for (String v : design.verilogFiles()) {
      s.append("set_global_assignment -name VERILOG_FILE ").append(v).append('\n');
    }
    s.append("set_global_assignment -name SDC_FILE ").append(design.top()).append(".sdc\n");
    s.append("\n# Pins from the user's pin assignments.\n");
    for (Signal sig : design.signals()) {
      String site = sites.get(sig.name());
      if (site != null) {
        s.append("set_location_assignment ").append(intelPin(site)).append(" -to ")
            .append(sig.name())
            .append('\n');
        s.append("set_instance_assignment -name IO_STANDARD \"").append(board.intelIoStandard())
            .append("\" -to ").append(sig.name()).append('\n');
      }
    }
    List<String> open = unpinned(design, sites);
    if (!open.isEmpty()) {
      s.append("\n# ").append(open.size()).append(" port bits have no pin. Quartus places such "
          + "pins itself, which is fine for\n# utilization and timing but not for a board: "
          + "replace each PIN_FOR_... with a pin and remove the '#'.\n");
      for (String sig : open) {
        s.append("# set_location_assignment PIN_FOR_").append(placeholder(sig)).append(" -to ")
            .append(sig).append('\n');
      }
    }
    return s.toString();
  }

  private static String sdc(Design design, Board board) {
    return header("#", design, "Timing constraints (Quartus Timing Analyzer) for "
        + design.top() + ": " + fmtMhz(board.clockMhz()) + " MHz on " + design.clockPort() + ".")
        + "create_clock -name " + design.clockPort() + " -period " + board.periodNs() + " "
        + portRef(design.clockPort()) + "\nderive_clock_uncertainty\n";
  }

  private static String fusesocCore(Design design, Board board) {
    String top = design.top();
    String version = HdlEmitter.version().replaceAll("[^0-9.].*$", "");
    StringBuilder s = new StringBuilder("CAPI=2:\n");
    s.append(header("#", design, "FuseSoC core: fusesoc --cores-root . run --target=lint|vivado|"
        + "quartus snnc:model:" + top));
    s.append("name: snnc:model:").append(top).append(':').append(version.isEmpty() ? "0"
        : version).append('\n');
    s.append("description: \"snnc model '").append(design.model()).append("' (top ")
        .append(top).append(")\"\n\n");
    s.append("filesets:\n");
    s.append("  rtl:\n    files:\n");
    for (String v : design.verilogFiles()) {
      s.append("      - ").append(v).append('\n');
    }
    s.append("    file_type: verilogSource\n");
    if (!design.dataFiles().isEmpty()) {
      s.append("  memories:\n    files:\n");
      for (String d : design.dataFiles()) {
        s.append("      - ").append(d).append(": {copyto: ").append(d).append("}\n");
      }
      s.append("    file_type: user\n");
    }
    s.append("  vivado_constraints:\n    files:\n      - ").append(top)
        .append(".xdc\n    file_type: xdc\n");
    s.append("  quartus_constraints:\n    files:\n      - ").append(top)
        .append(".sdc\n    file_type: SDC\n\n");
    String base = design.dataFiles().isEmpty() ? "rtl" : "rtl, memories";
    s.append("targets:\n");
    s.append("  default:\n    filesets: [").append(base).append("]\n    toplevel: ").append(top)
        .append('\n');
    s.append("  lint:\n    default_tool: verilator\n    filesets: [").append(base)
        .append("]\n    toplevel: ").append(top).append('\n');
    s.append("    tools:\n      verilator:\n        mode: lint-only\n"
        + "        verilator_options: [-Wall]\n");
    s.append("  vivado:\n    default_tool: vivado\n    filesets: [").append(base)
        .append(", vivado_constraints]\n    toplevel: ").append(top).append('\n');
    s.append("    tools:\n      vivado:\n        part: ").append(board.xilinxPart()).append('\n');
    s.append("  quartus:\n    default_tool: quartus\n    filesets: [").append(base)
        .append(", quartus_constraints]\n    toplevel: ").append(top).append('\n');
    s.append("    tools:\n      quartus:\n        family: \"").append(board.intelFamily())
        .append("\"\n        device: ").append(board.intelDevice()).append('\n');
    return s.toString();
  }

  /** Quartus names package pins {@code PIN_AF14}; a pins file may give the ball alone. */
  private static String intelPin(String site) {
    return site.startsWith("PIN_") ? site : "PIN_" + site;
  }

  /** Vivado names package pins by the ball alone ({@code W5}). */
  private static String xilinxPin(String site) {
    return site.startsWith("PIN_") ? site.substring(4) : site;
  }

  private static String placeholder(String signal) {
    return signal.replace("[", "_").replace("]", "");
  }

  private static String fmtMhz(double mhz) {
    return mhz == Math.rint(mhz) ? String.valueOf((long) mhz)
        : String.format(Locale.ROOT, "%.3f", mhz).replaceAll("0+$", "");
  }
}
