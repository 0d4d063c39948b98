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
import java.util.Map;
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
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.SpramLayout;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.io.AtomicFiles;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.report.MappingReport;
import snnc.mapper.target.Target;

/**
 * The FPGA part of {@code snnc compile --target}: lowers the mapping to a multi-core system,
 * writes {@code DIR/rtl/} (Verilog, memory images, {@code filelist.f}; on iCE40 the board top and
 * pins, on other FPGA targets the vendor project files of {@link VendorProjects}),
 * adds the {@code hdl} figures to {@code report.json}, and with {@code --bitstream} runs the iCE40
 * flow into {@code DIR/bitstream.bin} with tool logs in {@code DIR/logs/}. On {@code ice40-up5k}
 * a network that fits one core ({@link #singleCore}) skips the mapper and becomes the
 * bridge-driven single-core board design ({@link Ice40Board}) instead.
 */
final class HardwareOutput {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private HardwareOutput() {}

  /**
   * The whole network on one compact core behind the UART bridge, on the iCEBreaker.
   *
   * @param image the network lowered onto the core
   * @param board the board design (core in the SPRAM layout when it fits, bridge, load image)
   */
  record SingleCore(CoreImage image, Ice40Board.Output board) {}

  /**
   * Neurons and sources beyond which one UP5K core cannot hold a network: with more than 2,048
   * keys the rows and spike queue alone take 22 of the 27 block RAMs beside the bridge.
   */
  private static final long MAX_SINGLE_CORE_KEYS = 2048;

  /**
   * The single-core board design of {@code network} on {@code target}: only for
   * {@code ice40-up5k}, and only when the network fits one core there; otherwise null, with the
   * reason in {@code why} (the multi-core path then maps the network).
   */
  static SingleCore singleCore(Network network, long synapses, Target target, double clockMhz,
      StringBuilder why) {
    if (!target.name().equals("ice40-up5k")) {
      return null;
    }
    // Cheap bounds first, so a large network is not expanded onto one core only to be refused.
    long keys = network.populations().stream().mapToLong(p -> p.size()).sum();
    if (keys > MAX_SINGLE_CORE_KEYS || synapses > SpramLayout.MAX_SYNAPSES) {
      why.append(String.format(java.util.Locale.ROOT, "%,d neurons and sources, %,d synapses; "
          + "one UP5K core holds at most %,d synapses, and its block RAM never more than %,d "
          + "spike keys", keys, synapses, SpramLayout.MAX_SYNAPSES, MAX_SINGLE_CORE_KEYS));
      return null;
    }
    NumericsProfile profile = NumericsProfile.byName(target.numerics()).orElse(null);
    if (profile == null) {
      return null;
    }
    try {
      CoreImage image = CoreLowering.lower(network, profile, CoreLowering.Sizing.EXACT, false);
      Ice40Board.Output board = Ice40Board.emit(image,
          Ice40Board.Options.defaults(Ice40Board.Board.ICEBREAKER).withClockMhz(clockMhz));
      return new SingleCore(image, board);
    } catch (HdlException e) {
      why.append(e.diagnostics().isEmpty() ? e.getMessage() : e.diagnostics().get(0).message());
      return null;
    }
  }

  /**
   * Writes the single-core board design into {@code DIR/rtl/} and the report; with
   * {@code bitstream} runs the iCE40 flow. Returns the exit status.
   */
  static int writeSingleCore(Network network, Target target, SingleCore single, Path dir,
      boolean bitstream, PrintWriter out, PrintWriter err) {
    Ice40Board.Output board = single.board();
    CoreImage image = single.image();
    Path rtlDir = dir.resolve("rtl");
    try {
      replaceFolder(rtlDir, board::write);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + rtlDir + ": " + e.getMessage());
    }
    long cycles = CoreGenerator.worstCaseCyclesPerStep(image, board.layout());
    Map<String, Object> hdl = new LinkedHashMap<>();
    hdl.put("design", "single core behind the UART bridge (docs/fpga.md, \"Board path\")");
    hdl.put("top", board.system());
    hdl.put("board_top", board.top());
    hdl.put("numerics", image.shape().profile().name());
    hdl.put("cores", 1);
    hdl.put("core_module", CoreGenerator.moduleName(image.shape(), board.layout()));
    hdl.put("memory_layout", board.layout() == CoreGenerator.Layout.SPRAM
        ? "spram: synapse pairs and delay rings in SPRAM" : "dual-port: synapse table in SPRAM");
    hdl.put("neurons", image.neurons());
    hdl.put("spike_keys", image.rows().size());
    hdl.put("synapses", image.synapses().size());
    hdl.put("key_bits", image.shape().preBits());
    hdl.put("block_ram_estimate", board.blockRamEstimate());
    hdl.put("load_image", "rtl/" + board.loadImageName());
    hdl.put("cycles_per_step", cycles);
    hdl.put("clock_mhz", board.clockHz() / 1e6);
    hdl.put("pll", board.pll() == null ? "none: the 12 MHz oscillator" : board.pll().describe());
    hdl.put("cycles_per_step_is", "upper bound: every neuron and source fires and every synapse "
        + "is delivered (docs/fpga.md)");
    int status = 0;
    if (bitstream) {
      Ice40Flow.Inputs in = new Ice40Flow.Inputs(rtlDir, dir.resolve("build"),
          dir.resolve("logs"), board.top(), board.synthesisFiles(), board.top(),
          board.pinFile(), Ice40Board.Board.ICEBREAKER.device, Ice40Board.Board.ICEBREAKER.pkg,
          board.clockHz() / 1e6);
      status = runFlow(in, dir, hdl, out, err);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("target", target.name());
    report.put("model", network.name());
    report.put("hdl", hdl);
    writeReport(report, dir);
    out.printf("wrote %s: %s (one core, %d neurons, %d synapses, %s layout), at most %d cycles "
        + "per step%n", rtlDir, board.top(), image.neurons(), image.synapses().size(),
        board.layout() == CoreGenerator.Layout.SPRAM ? "SPRAM" : "dual-port", cycles);
    out.flush();
    return status;
  }

  /** Lowers {@code mapped}; HDL errors go to {@code sink} (null is returned then). */
  static SystemImage lower(Mapper.Result mapped, DiagnosticSink sink) {
    NumericsProfile profile = NumericsProfile.byName(mapped.target().numerics()).orElseThrow(
        () -> new UserErrorException("target " + mapped.target().name() + " names unknown "
            + "numerics '" + mapped.target().numerics() + "'"));
    try {
      return SystemLowering.lower(mapped, profile, CoreLowering.Sizing.EXACT, false);
    } catch (HdlException e) {
      for (Diagnostic d : e.diagnostics()) {
        sink.report(d);
      }
      return null;
    }
  }

  /**
   * Writes the RTL and the report; returns the exit status ({@code 0}, or {@link Main#USER_ERROR}
   * when a flow tool failed).
   */
  static int write(Mapper.Result mapped, SystemImage system, Path dir, boolean bitstream,
      double clockMhz, PrintWriter out, PrintWriter err) {
    SystemBoard.Board board = SystemBoard.Board.forTarget(mapped.target().name());
    if (bitstream && board == null) {
      throw new UserErrorException("--bitstream builds iCE40 bitstreams (ice40-up5k, "
          + "ice40-hx8k); for " + mapped.target().name() + " use the RTL in " + dir.resolve("rtl"));
    }
    HdlEmitter.Output rtl = SystemEmitter.emit(system);
    String systemTop = rtl.top();
    Map<String, Object> hdl = new LinkedHashMap<>();
    Ice40Pll pll = clockMhz == Ice40Board.CLOCK_HZ / 1e6 ? null
        : Ice40Pll.forClock(Ice40Board.CLOCK_HZ / 1e6, clockMhz);
    if (board != null) {
      rtl = SystemBoard.emit(system, rtl, board,
          mapped.partitioned().network().timestepMs(), pll);
      hdl.put("clock_mhz", pll == null ? Ice40Board.CLOCK_HZ / 1e6 : pll.outputHz() / 1e6);
      hdl.put("pll", pll == null ? "none: the 12 MHz oscillator" : pll.describe());
    }
    List<String> vendorFiles = List.of();
    if (board == null) {
      // Not iCE40: the project files for vendor tools (Vivado, Quartus, FuseSoC) go next to the
      // RTL, in the same folder swap, so a failed write leaves the old folder whole.
      Map<String, String> vendor = VendorProjects.generate(
          VendorProjects.Design.systemTop(system, rtl), VendorProjects.Board.GENERIC, List.of());
      Map<String, String> files = new LinkedHashMap<>(rtl.files());
      files.putAll(vendor);
      vendorFiles = List.copyOf(vendor.keySet());
      rtl = new HdlEmitter.Output(rtl.top(), rtl.core(), files);
    }
    Path rtlDir = dir.resolve("rtl");
    try {
      replaceFolder(rtlDir, rtl::write);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + rtlDir + ": " + e.getMessage());
    }
    hdl.put("top", systemTop);
    hdl.put("numerics", system.shape().profile().name());
    hdl.put("cores", system.cores().size());
    hdl.put("core_module", rtl.core());
    hdl.put("router_entries", system.table().size());
    hdl.put("key_bits", system.keyBits());
    hdl.put("cycles_per_step", system.worstCaseCyclesPerStep());
    hdl.put("cycles_per_step_is", "upper bound: every neuron fires and every key is delivered "
        + "(docs/fpga.md)");
    if (board != null) {
      hdl.put("board_top", rtl.top());
    } else {
      hdl.put("vendor_projects", vendorFiles);
    }
    int status = 0;
    if (bitstream) {
      status = bitstream(rtl, rtlDir, dir, board, pll, hdl, out, err);
    }
    writeReport(mapped, hdl, dir);
    out.printf("wrote %s: %s with %d core(s), %d router entries, at most %d cycles per step%n",
        rtlDir, hdl.get("top"), system.cores().size(), system.table().size(),
        system.worstCaseCyclesPerStep());
    if (!vendorFiles.isEmpty()) {
      out.printf("wrote vendor projects in %s: %s (clock %s MHz; no pins: fill in the "
          + "PIN_FOR_ placeholders)%n", rtlDir, String.join(", ", vendorFiles),
          VendorProjects.Board.GENERIC.clockMhz());
    }
    out.flush();
    return status;
  }

  private static int bitstream(HdlEmitter.Output rtl, Path rtlDir,
      Path dir, SystemBoard.Board board, Ice40Pll pll, Map<String, Object> hdl, PrintWriter out,
      PrintWriter err) {
    String systemTop = (String) hdl.get("top");
    Ice40Flow.Inputs in = new Ice40Flow.Inputs(rtlDir, dir.resolve("build"), dir.resolve("logs"),
        systemTop, rtl.verilogFiles(), rtl.top(), rtl.top() + ".pcf", board.device, board.packageName,
        pll == null ? Ice40Flow.BOARD_CLOCK_MHZ : pll.outputHz() / 1e6);
    return runFlow(in, dir, hdl, out, err);
  }

  /** Runs the iCE40 flow, writes DIR/bitstream.bin and adds the figures to {@code hdl}. */
  private static int runFlow(Ice40Flow.Inputs in, Path dir, Map<String, Object> hdl,
      PrintWriter out, PrintWriter err) {
    Ice40Flow.Result r;
    long t0 = System.nanoTime();
    try {
      r = Ice40Flow.run(in, step -> {
        out.printf("  [%s] (%.0f s)%n", step, (System.nanoTime() - t0) / 1e9);
        out.flush();
      });
    } catch (Ice40Flow.FlowException e) {
      err.println("snnc compile: " + e.getMessage() + "; see " + e.log());
      err.flush();
      return Main.USER_ERROR;
    } catch (IOException e) {
      err.println("snnc compile: the bitstream flow failed: " + e.getMessage());
      err.flush();
      return Main.USER_ERROR;
    }
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
