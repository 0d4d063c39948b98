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
import java.util.List;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.flow.Tool;

/**
 * The co-simulation executable of one board design: its whole top level (bridge, system, SPRAM
 * model) Verilated with {@code board_harness.cpp}, which speaks to it only through the UART pins.
 * The UART runs at {@code clocksPerBit} cycles per bit (a top-level parameter) so a simulated
 * second is not spent on serial bits. Builds are cached under {@code cacheDir/verilator-board/}
 * by the SHA-256 of every Verilog file, the harness and the flags.
 */
public final class VerilatedBoard {

  private VerilatedBoard() {}

  /** The harness executable of {@code board}, whose files are written in {@code rtlDir}. */
  public static Path executable(Ice40Board.Output board, Path rtlDir, int clocksPerBit,
      Path cacheDir) throws IOException {
    String harness = harnessSource();
    List<String> flags = new ArrayList<>(List.of("--cc", "--exe", "--build", "-j", "2",
        "-Wno-fatal", "--prefix", "Vboard", "-GCLKS_PER_BIT=" + clocksPerBit, "-CFLAGS",
        "-O1 -DCLKS_PER_BIT=" + clocksPerBit
            + (board.files().get(board.top() + ".v").contains("btn_n") ? " -DSNNC_BUTTON" : ""),
        "-o", "board_harness"));
    StringBuilder key = new StringBuilder(String.join(" ", flags)).append("\n--harness--\n")
        .append(harness);
    for (String f : board.simulationFiles()) {
      key.append("\n--").append(f).append("--\n").append(board.files().get(f));
    }
    String hash = VerilatedCore.sha256(key.toString());
    Path root = cacheDir.resolve("verilator-board");
    Path dir = root.resolve(board.top() + "-" + hash.substring(0, 16));
    Path exe = dir.resolve("obj").resolve("board_harness");
    if (Files.isExecutable(exe)) {
      return exe;
    }
    if (!Tool.VERILATOR.installed()) {
      throw new IOException("verilator is not on the PATH: board co-simulation needs it");
    }
    Files.createDirectories(root);
    Path tmp = Files.createTempDirectory(root, "build-");
    for (String f : board.simulationFiles()) {
      Files.copy(rtlDir.resolve(f), tmp.resolve(f));
    }
    Files.writeString(tmp.resolve("board_harness.cpp"), harness, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(flags);
    args.addAll(List.of("--Mdir", "obj", "--top-module", board.top()));
    args.addAll(board.simulationFiles());
    args.add("board_harness.cpp");
    Tool.Result r = Tool.VERILATOR.run(tmp, tmp.resolve("build.log"), 900, args);
    if (!r.ok() || !Files.isExecutable(tmp.resolve("obj").resolve("board_harness"))) {
      String out = r.output();
      throw new IOException("verilator build of " + board.top() + " failed (log " + r.log()
          + "):\n" + (out.length() <= 4000 ? out : "…" + out.substring(out.length() - 4000)));
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException
        | DirectoryNotEmptyException e) {
      // Another build of the same design won the race; use it.
      if (!Files.isExecutable(exe)) {
        throw e;
      }
    }
    return exe;
  }

  static String harnessSource() throws IOException {
    try (InputStream in = VerilatedBoard.class.getResourceAsStream(
        "/snnc/sim/cosim/board_harness.cpp")) {
      if (in == null) {
        throw new IOException("board_harness.cpp resource missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
