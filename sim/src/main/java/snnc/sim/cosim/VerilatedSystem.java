package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.lower.SystemImage;

/**
 * The co-simulation executable of a multi-core system's size: its Verilog (core module and system
 * top) Verilated with {@code system_harness.cpp}. Emitted without images, the Verilog depends only
 * on the size class (core class, cores, key bits, router table layout): every memory, the
 * router's table included, is loaded as data, so one build serves every mapping of that size.
 * Builds are cached by {@link VerilatorBuild} under {@code cacheDir/verilator/system-HASH} (HASH
 * over the Verilog, the harness and the flags).
 */
public final class VerilatedSystem {

  private VerilatedSystem() {}

  /** The harness executable for {@code image}, building it unless cached. */
  public static Path executable(SystemImage image, Path cacheDir) throws IOException {
    // Memories start empty (no $readmemh): the host loads them through the load port.
    HdlEmitter.Output rtl = SystemEmitter.emit(image, false);
    Map<String, String> verilog = new LinkedHashMap<>();
    for (String f : rtl.verilogFiles()) {
      verilog.put(f, rtl.files().get(f));
    }
    return new VerilatorBuild("system", rtl.top(), "Vsystem", "system_harness.cpp",
        List.of("-CFLAGS", "-O1"), verilog, 900).executable(cacheDir.resolve("verilator"));
  }
}
