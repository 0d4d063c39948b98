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
import snnc.hdl.emit.SystemBoard;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.emit.VendorProjects;
import snnc.hdl.flow.Ice40Flow;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.io.AtomicFiles;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.report.MappingReport;

/**
 * The FPGA part of {@code snnc compile --target}: lowers the mapping to a multi-core system,
 * writes {@code DIR/rtl/} (Verilog, memory images, {@code filelist.f}; on iCE40 the board top and
 * pins, on other FPGA targets the vendor project files of {@link VendorProjects}),
 * adds the {@code hdl} figures to {@code report.json}, and with {@code --bitstream} runs the iCE40
 * flow into {@code DIR/bitstream.bin} with tool logs in {@code DIR/logs/}.
 */
final class HardwareOutput {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private HardwareOutput() {}

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
      PrintWriter out, PrintWriter err) {
    SystemBoard.Board board = SystemBoard.Board.forTarget(mapped.target().name());
    if (bitstream && board == null) {
      throw new UserErrorException("--bitstream builds iCE40 bitstreams (ice40-up5k, "
          + "ice40-hx8k); for " + mapped.target().name() + " use the RTL in " + dir.resolve("rtl"));
    }
    HdlEmitter.Output rtl = SystemEmitter.emit(system);
    String systemTop = rtl.top();
    if (board != null) {
      rtl = SystemBoard.emit(system, rtl, board,
          mapped.partitioned().network().timestepMs());
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
      replaceFolder(rtlDir, rtl);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + rtlDir + ": " + e.getMessage());
    }
    Map<String, Object> hdl = new LinkedHashMap<>();
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
      status = bitstream(rtl, rtlDir, dir, board, hdl, out, err);
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
      Path dir, SystemBoard.Board board, Map<String, Object> hdl, PrintWriter out,
      PrintWriter err) {
    String systemTop = (String) hdl.get("top");
    Ice40Flow.Inputs in = new Ice40Flow.Inputs(rtlDir, dir.resolve("build"), dir.resolve("logs"),
        systemTop, rtl.verilogFiles(), rtl.top(), rtl.top() + ".pcf", board.device, board.packageName);
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
        + "(%.0f s)%n", target, r.luts(), r.flipFlops(), r.blockRams(), r.sprams(), r.dsps(),
        hdl.getOrDefault("fmax_mhz", "?"), (System.nanoTime() - t0) / 1e9);
    out.flush();
    return 0;
  }

  private static void writeReport(Mapper.Result mapped, Map<String, Object> hdl, Path dir) {
    Map<String, Object> report = new LinkedHashMap<>(MappingReport.report(mapped));
    report.put("hdl", hdl);
    Path file = dir.resolve("report.json");
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(report) + "\n");
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + file + ": " + e.getMessage());
    }
  }

  /** Writes {@code rtl} into a fresh folder, then puts it in place of {@code folder}. */
  private static void replaceFolder(Path folder, HdlEmitter.Output rtl) throws IOException {
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
