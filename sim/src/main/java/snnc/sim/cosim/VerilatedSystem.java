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
 * The co-simulation executable of one multi-core system: its Verilog (core module and system top
 * with the router's table) Verilated with {@code system_harness.cpp}. The router table is logic,
 * so each mapping is its own build; builds are cached by {@link VerilatorBuild} under
 * {@code cacheDir/verilator/system-HASH} (HASH over the Verilog, the harness and the flags), and
 * core memories are loaded as data.
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
