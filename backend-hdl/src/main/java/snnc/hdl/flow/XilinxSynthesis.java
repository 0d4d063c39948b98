package snnc.hdl.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yosys {@code synth_xilinx -family xc7}: shows that the generated RTL synthesises for the 7-series
 * family the Vivado project files target (open-source synthesis, no Vivado needed), and reads the
 * cell counts from its statistics.
 */
public final class XilinxSynthesis {

  private XilinxSynthesis() {}

  /**
   * Cells of the flattened netlist: LUT1..LUT6, flip-flops (FD*), block RAMs (RAMB18E1 and
   * RAMB36E1), DSP48E1, and every cell type with its count.
   */
  public record Resources(int luts, int flipFlops, int ramb18, int ramb36, int dsps,
      Map<String, Integer> cells) {

    /** Block RAM in 36 Kbit tiles (a RAMB18E1 is half of one). */
    public double bramTiles() {
      return ramb36 + ramb18 / 2.0;
    }
  }

  /**
   * Runs {@code synth_xilinx -family xc7 -flatten -top top} on {@code files} in {@code dir}; the
   * log with the statistics is {@code dir/yosys-xilinx.log}.
   */
  public static Tool.Result run(Path dir, String top, List<String> files) throws IOException {
    String script = "read_verilog " + String.join(" ", files) + "; synth_xilinx -family xc7 "
        + "-flatten -top " + top + "; stat";
    return Tool.YOSYS.run(dir, dir.resolve("yosys-xilinx.out"), 600,
        List.of("-q", "-l", "yosys-xilinx.log", "-p", script));
  }

  /** The cell counts of the last {@code stat} in a yosys log. */
  public static Resources resources(String log) {
    int at = log.lastIndexOf("Number of cells:");
    if (at < 0) {
      throw new IllegalArgumentException("no 'Number of cells' statistics in the yosys log");
    }
    Map<String, Integer> cells = new TreeMap<>();
    Pattern cell = Pattern.compile("\\s+([A-Za-z_$][\\w$]*)\\s+(\\d+)\\s*");
    List<String> lines = log.substring(at).lines().toList();
    // The cell list follows the "Number of cells" line and ends at the first other line.
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = cell.matcher(line);
      if (!m.matches()) {
        break;
      }
      cells.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    int luts = 0;
    int ffs = 0;
    for (Map.Entry<String, Integer> c : cells.entrySet()) {
      if (c.getKey().matches("LUT[1-6]")) {
        luts += c.getValue();
      } else if (c.getKey().matches("FD[A-Z]*")) {
        ffs += c.getValue();
      }
    }
    return new Resources(luts, ffs, cells.getOrDefault("RAMB18E1", 0),
        cells.getOrDefault("RAMB36E1", 0), cells.getOrDefault("DSP48E1", 0), cells);
  }
}
