package snnc.sim.cosim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.hdl.flow.Tool;
import snnc.ir.io.Digests;

/**
 * One Verilator build of a co-simulation harness: Verilog files and a C++ harness (with the
 * pipe-protocol helpers every harness includes, {@value #COMMON_HEADER}) compiled by
 * {@code verilator --cc --exe --build} into one executable, cached by content.
 *
 * <p>A build lives in {@code cacheRoot/NAME-HASH}, HASH being the first 16 hex digits of the
 * SHA-256 of the flags, the top module and every file's name and text, so a design is Verilated
 * once and any change to what is compiled is a build of its own. Builds run in a temporary
 * folder beside the cache entries and are renamed into place atomically: two processes building
 * the same design both finish, and the one that renames second uses the winner's build.
 *
 * @param name the cache entry's name before its hash (e.g. the core's size class)
 * @param top the top module
 * @param prefix the Verilated model's class name ({@code --prefix}), which the harness includes
 * @param harness the harness's resource name beside this class ({@code harness.cpp} …); it is
 *     also the executable's name without {@code .cpp}
 * @param flags build flags besides the common ones (parameters, {@code -CFLAGS}, {@code --trace})
 * @param verilog the Verilog files by name, in the order Verilator reads them
 * @param timeoutSeconds how long the build may take before it counts as failed
 */
record VerilatorBuild(String name, String top, String prefix, String harness, List<String> flags,
    Map<String, String> verilog, long timeoutSeconds) {

  /** The header of pipe-protocol helpers shared by the harnesses, built along with each. */
  static final String COMMON_HEADER = "snnc_harness_common.h";

  VerilatorBuild {
    flags = List.copyOf(flags);
    verilog = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verilog));
  }

  /** The harness executable, built into {@code cacheRoot} unless a build of it is there. */
  Path executable(Path cacheRoot) throws IOException {
    Path dir = entry(cacheRoot);
    Path exe = dir.resolve("obj").resolve(executableName());
    if (Files.isExecutable(exe)) {
      return exe;
    }
    if (!Tool.VERILATOR.installed()) {
      throw new IOException("verilator is not on the PATH: co-simulation of " + top
          + " needs it");
    }
    Files.createDirectories(cacheRoot);
    Path tmp = Files.createTempDirectory(cacheRoot, "build-");
    for (Map<String, String> files : List.of(verilog, harnessFiles())) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(tmp.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
    }
    List<String> args = new ArrayList<>(flagsWithCommon());
    args.addAll(List.of("--Mdir", "obj", "--top-module", top));
    args.addAll(verilog.keySet());
    args.add(harness);
    Tool.Result r = Tool.VERILATOR.run(tmp, tmp.resolve("build.log"), timeoutSeconds, args);
    if (!r.ok() || !Files.isExecutable(tmp.resolve("obj").resolve(executableName()))) {
      throw new IOException("verilator build of " + top + " failed (log " + r.log() + "):\n"
          + tail(r.output()));
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException
        | DirectoryNotEmptyException e) {
      // Another build of the same inputs won the race; use it.
      if (!Files.isExecutable(exe)) {
        throw e;
      }
    }
    return exe;
  }

  /**
   * The cache entry of this build, {@code cacheRoot/NAME-HASH}: the same for the same flags, top
   * and files, another one when any of them changes.
   */
  Path entry(Path cacheRoot) throws IOException {
    StringBuilder key = new StringBuilder(String.join(" ", flagsWithCommon()))
        .append("\n--top--\n").append(top);
    for (Map<String, String> files : List.of(verilog, harnessFiles())) {
      files.forEach((file, text) -> key.append("\n--").append(file).append("--\n").append(text));
    }
    return cacheRoot.resolve(name + "-" + Digests.sha256Hex(key.toString()).substring(0, 16));
  }

  private String executableName() {
    return harness.replaceFirst("\\.cpp$", "");
  }

  private List<String> flagsWithCommon() {
    List<String> all = new ArrayList<>(List.of("--cc", "--exe", "--build", "-j", "2",
        "-Wno-fatal", "--prefix", prefix, "-o", executableName()));
    all.addAll(flags);
    return all;
  }

  /** The C++ files: the common header, then the harness. */
  private Map<String, String> harnessFiles() throws IOException {
    Map<String, String> cpp = new LinkedHashMap<>();
    cpp.put(COMMON_HEADER, resource(COMMON_HEADER));
    cpp.put(harness, resource(harness));
    return cpp;
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = VerilatorBuild.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IOException(file + " resource missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The end of a long build log, enough to show the error without flooding the message. */
  private static String tail(String s) {
    return s.length() <= 4000 ? s : "…" + s.substring(s.length() - 4000);
  }
}
