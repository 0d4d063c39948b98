package snnc.hdl.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external program of the hardware flow (verilator, yosys, nextpnr-ice40, icepack): finds it
 * on the PATH and runs it with its output captured to a log file.
 */
public record Tool(String command) {

  public static final Tool VERILATOR = new Tool("verilator");
  public static final Tool YOSYS = new Tool("yosys");
  public static final Tool NEXTPNR_ICE40 = new Tool("nextpnr-ice40");
  public static final Tool ICEPACK = new Tool("icepack");

  /** The executable on the PATH, if installed. */
  public Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public boolean installed() {
    return find().isPresent();
  }

  /** The outcome of one run: exit code and the combined output (also in {@code log}). */
  public record Result(int exitCode, String output, Path log) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs the tool with {@code args} in {@code dir}, stdout and stderr together into {@code log}.
   * A tool that runs longer than {@code timeoutSeconds} is killed and reported as failed.
   */
  public Result run(Path dir, Path log, long timeoutSeconds, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(command);
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, command + " timed out after " + timeoutSeconds + " s", log);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(command + " interrupted", e);
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
  }
}
