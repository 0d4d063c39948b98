package snnc.sim.cosim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.PipelinedSpramCore;
import snnc.hdl.emit.VerilogPrinter;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.io.Digests;

/**
 * The co-simulation executable of one core template and size class: the generated core Verilated
 * together with
 * the C++ harness ({@code harness.cpp}). Builds are cached under {@code cacheDir/verilator/HASH},
 * HASH being the SHA-256 of the core's Verilog, the harness and the build flags, so each class is
 * Verilated once and every network of the class is loaded into it as memory data.
 */
public final class VerilatedCore {

  private static final List<String> FLAGS = List.of("--cc", "--exe", "--build", "-j", "4",
      "-Wno-fatal", "--prefix", "Vcore", "-CFLAGS", "-O1", "-o", "harness");
  /** The tracing variant: VCD support compiled in (slower, so a build of its own). */
  private static final List<String> TRACE_FLAGS = List.of("--trace");

  private VerilatedCore() {}

  /** The default cache: {@code $SNNC_CACHE_DIR}, else {@code ~/.cache/snnc}. */
  public static Path defaultCacheDir() {
    String env = System.getenv("SNNC_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "snnc");
  }

  /** The harness executable of the compact core for {@code shape}, building it unless cached. */
  public static Path executable(CoreShape shape, Path cacheDir) throws IOException {
    return executable(shape, CoreTemplate.COMPACT, cacheDir, false);
  }

  /**
   * As {@link #executable(CoreShape, Path)}; with {@code trace} the build that can write a VCD
   * ({@code verilator --trace}, harness argument {@code +trace=FILE}), cached separately.
   */
  public static Path executable(CoreShape shape, Path cacheDir, boolean trace)
      throws IOException {
    return executable(shape, CoreTemplate.COMPACT, cacheDir, trace);
  }

  /**
   * The harness executable of {@code template}'s core for {@code shape} (the compact core if the
   * template does not support the shape), built unless cached.
   */
  public static Path executable(CoreShape shape, CoreTemplate requested, Path cacheDir)
      throws IOException {
    return executable(shape, requested, cacheDir, false);
  }

  /** As {@link #executable(CoreShape, CoreTemplate, Path)}, optionally the tracing build. */
  public static Path executable(CoreShape shape, CoreTemplate requested, Path cacheDir,
      boolean trace) throws IOException {
    return executable(shape, requested, cacheDir, trace, Map.of());
  }

  /**
   * As {@link #executable(CoreShape, CoreTemplate, Path, boolean)} with the core's module
   * parameters set to {@code parameters} (Verilator {@code -GNAME=VALUE}), e.g. the pipelined
   * core's {@code SPLIT_PRODUCTS}; each setting is a build of its own.
   */
  public static Path executable(CoreShape shape, CoreTemplate requested, Path cacheDir,
      boolean trace, Map<String, String> parameters) throws IOException {
    CoreTemplate template = requested.forShape(shape);
    String core = VerilogPrinter.print(template.generate(shape,
        HdlEmitter.templateHeader(shape, template)));
    String top = template.moduleName(shape);
    return build(template.label() + "-" + shape.className(), top, Map.of(top + ".v", core),
        trace, parameters, cacheDir);
  }

  /**
   * The harness executable of the pipelined core of {@code shape} in its UP5K layout
   * ({@link PipelinedSpramCore}: pair memory and rings on SB_SPRAM256KA, simulated by snnc's
   * behavioural model, which starts with junk), built unless cached.
   */
  public static Path pipelinedSpram(CoreShape shape, Path cacheDir, Map<String, String> parameters)
      throws IOException {
    PipelinedSpramCore core = PipelinedSpramCore.of(shape,
        HdlEmitter.templateHeader(shape, CoreTemplate.PIPELINED));
    Map<String, String> files = new java.util.LinkedHashMap<>();
    for (String f : core.simulationFiles()) {
      files.put(f, core.files().get(f));
    }
    return build("pipelined-spram-" + shape.className(), core.top(), files, false, parameters,
        cacheDir);
  }

  private static Path build(String label, String top, Map<String, String> verilog,
      boolean trace, Map<String, String> parameters, Path cacheDir) throws IOException {
    String harness = harnessSource();
    List<String> flags = new java.util.ArrayList<>(FLAGS);
    if (trace) {
      flags.addAll(TRACE_FLAGS);
    }
    new TreeMap<>(parameters).forEach((name, value) -> flags.add("-G" + name + "=" + value));
    StringBuilder sources = new StringBuilder();
    verilog.forEach((name, text) -> sources.append(text).append("\n--").append(name)
        .append("--\n"));
    // A single file hashes as its text alone, so the caches of earlier builds stay valid.
    String core = verilog.size() == 1 ? verilog.values().iterator().next() : sources.toString();
    String hash = sha256(core + "\n--harness--\n" + harness + "\n--flags--\n" + flags);
    Path dir = cacheDir.resolve("verilator").resolve(label + (trace ? "-trace-" : "-")
        + hash.substring(0, 16));
    Path exe = dir.resolve("obj").resolve("harness");
    if (Files.isExecutable(exe)) {
      return exe;
    }
    if (!Tool.VERILATOR.installed()) {
      throw new IOException("verilator is not on the PATH: co-simulation needs it");
    }
    Files.createDirectories(cacheDir.resolve("verilator"));
    Path tmp = Files.createTempDirectory(cacheDir.resolve("verilator"), "build-");
    for (Map.Entry<String, String> f : verilog.entrySet()) {
      Files.writeString(tmp.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    Files.writeString(tmp.resolve("harness.cpp"), harness, StandardCharsets.UTF_8);
    List<String> args = new java.util.ArrayList<>(flags);
    args.addAll(List.of("--Mdir", "obj", "--top-module", top));
    args.addAll(verilog.keySet());
    args.add("harness.cpp");
    Tool.Result r = Tool.VERILATOR.run(tmp, tmp.resolve("build.log"), 600, args);
    if (!r.ok() || !Files.isExecutable(tmp.resolve("obj").resolve("harness"))) {
      throw new IOException("verilator build failed (log " + r.log() + "):\n" + tail(r.output()));
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
        | java.nio.file.DirectoryNotEmptyException e) {
      // Another build of the same class won the race; use it.
      if (!Files.isExecutable(exe)) {
        throw e;
      }
    }
    return exe;
  }

  static String harnessSource() throws IOException {
    try (InputStream in = VerilatedCore.class.getResourceAsStream(
        "/snnc/sim/cosim/harness.cpp")) {
      if (in == null) {
        throw new IOException("harness.cpp resource missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String sha256(String text) {
    return Digests.sha256Hex(text);
  }

  static String tail(String s) {
    return s.length() <= 4000 ? s : "…" + s.substring(s.length() - 4000);
  }
}
