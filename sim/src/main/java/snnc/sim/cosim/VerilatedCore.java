package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.PipelinedSpramCore;
import snnc.hdl.emit.VerilogPrinter;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;

/**
 * The co-simulation executable of one core template and size class: the generated core Verilated
 * together with the C++ harness ({@code harness.cpp}). Builds are cached by {@link VerilatorBuild}
 * under {@code cacheDir/verilator/TEMPLATE-CLASS-HASH}, HASH over the core's Verilog, the harness
 * and the build flags, so each class is Verilated once and every network of the class is loaded
 * into it as memory data.
 */
public final class VerilatedCore {

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
    Map<String, String> files = new LinkedHashMap<>();
    for (String f : core.simulationFiles()) {
      files.put(f, core.files().get(f));
    }
    return build("pipelined-spram-" + shape.className(), core.top(), files, false, parameters,
        cacheDir);
  }

  private static Path build(String label, String top, Map<String, String> verilog,
      boolean trace, Map<String, String> parameters, Path cacheDir) throws IOException {
    List<String> flags = new ArrayList<>(List.of("-CFLAGS", "-O1"));
    if (trace) {
      // VCD support compiled in: slower, so the traced class is a build of its own.
      flags.add("--trace");
    }
    new TreeMap<>(parameters).forEach((name, value) -> flags.add("-G" + name + "=" + value));
    return new VerilatorBuild(label + (trace ? "-trace" : ""), top, "Vcore", "harness.cpp",
        flags, verilog, 600).executable(cacheDir.resolve("verilator"));
  }
}
