package snnc.sim.cosim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.hdl.emit.Ice40Board;

/**
 * The co-simulation executable of one board design: its whole top level (bridge, system, SPRAM
 * model) Verilated with {@code board_harness.cpp}, which speaks to it only through the UART pins.
 * The UART runs at {@code clocksPerBit} cycles per bit (a top-level parameter) so a simulated
 * second is not spent on serial bits. Builds are cached by {@link VerilatorBuild} under
 * {@code cacheDir/verilator-board/TOP-HASH}, HASH over every Verilog file, the harness and the
 * flags.
 */
public final class VerilatedBoard {

  private VerilatedBoard() {}

  /** The harness executable of {@code board}, whose files are written in {@code rtlDir}. */
  public static Path executable(Ice40Board.Output board, Path rtlDir, int clocksPerBit,
      Path cacheDir) throws IOException {
    // The harness decodes uart_tx at the same bit period; a top with a button holds it released.
    String cflags = "-O1 -DCLKS_PER_BIT=" + clocksPerBit
        + (board.files().get(board.top() + ".v").contains("btn_n") ? " -DSNNC_BUTTON" : "");
    Map<String, String> verilog = new LinkedHashMap<>();
    for (String f : board.simulationFiles()) {
      verilog.put(f, Files.readString(rtlDir.resolve(f), StandardCharsets.UTF_8));
    }
    return new VerilatorBuild(board.top(), board.top(), "Vboard", "board_harness.cpp",
        List.of("-GCLKS_PER_BIT=" + clocksPerBit, "-CFLAGS", cflags), verilog, 900)
        .executable(cacheDir.resolve("verilator-board"));
  }
}
