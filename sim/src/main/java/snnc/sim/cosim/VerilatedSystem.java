package snnc.sim.cosim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.SystemImage;

/**
 * The co-simulation executable of one multi-core system: its Verilog (core module and system top
 * with the router's table) Verilated with {@code system_harness.cpp}. The router table is logic,
 * so each mapping is its own build; builds are cached under {@code cacheDir/verilator/system-HASH}
 * (HASH over the Verilog, the harness and the flags), and core memories are loaded as data.
 */
public final class VerilatedSystem {

  private static final List<String> FLAGS = List.of("--cc", "--exe", "--build", "-j", "2",
      "-Wno-fatal", "--prefix", "Vsystem", "-CFLAGS", "-O1", "-o", "harness");

  private VerilatedSystem() {}

  /** The harness executable for {@code image}, building it unless cached. */
  public static Path executable(SystemImage image, Path cacheDir) throws IOException {
    // Memories start empty (no $readmemh): the host loads them through the load port.
    HdlEmitter.Output rtl = SystemEmitter.emit(image, false);
    String harness = harnessSource();
    StringBuilder text = new StringBuilder();
    for (String f : rtl.verilogFiles()) {
      text.append("--").append(f).append("--\n").append(rtl.files().get(f));
    }
    String hash = VerilatedCore.sha256(text + "\n--harness--\n" + harness + "\n--flags--\n"
        + FLAGS);
    Path dir = cacheDir.resolve("verilator").resolve("system-" + hash.substring(0, 16));
    Path exe = dir.resolve("obj").resolve("harness");
    if (Files.isExecutable(exe)) {
      return exe;
    }
    if (!Tool.VERILATOR.installed()) {
      throw new IOException("verilator is not on the PATH: co-simulation needs it");
    }
    Files.createDirectories(cacheDir.resolve("verilator"));
    Path tmp = Files.createTempDirectory(cacheDir.resolve("verilator"), "build-");
    for (Map.Entry<String, String> f : rtl.files().entrySet()) {
      if (f.getKey().endsWith(".v")) {
        Files.writeString(tmp.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
    }
    Files.writeString(tmp.resolve("system_harness.cpp"), harness, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(FLAGS);
    args.addAll(List.of("--Mdir", "obj", "--top-module", rtl.top()));
    args.addAll(rtl.verilogFiles());
    args.add("system_harness.cpp");
    Tool.Result r = Tool.VERILATOR.run(tmp, tmp.resolve("build.log"), 900, args);
    if (!r.ok() || !Files.isExecutable(tmp.resolve("obj").resolve("harness"))) {
      throw new IOException("verilator build failed (log " + r.log() + "):\n"
          + VerilatedCore.tail(r.output()));
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
        | java.nio.file.DirectoryNotEmptyException e) {
      // Another build of the same system won the race; use it.
      if (!Files.isExecutable(exe)) {
        throw e;
      }
    }
    return exe;
  }

  static String harnessSource() throws IOException {
    try (InputStream in = VerilatedSystem.class.getResourceAsStream(
        "/snnc/sim/cosim/system_harness.cpp")) {
      if (in == null) {
        throw new IOException("system_harness.cpp resource missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
