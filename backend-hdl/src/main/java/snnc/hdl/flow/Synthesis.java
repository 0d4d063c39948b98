package snnc.hdl.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yosys {@code synth_ice40}: synthesises the generated RTL for iCE40 and reads the cell counts
 * from its statistics.
 */
public final class Synthesis {

  private Synthesis() {}

  /** Cells of the synthesised netlist: LUT4s, flip-flops, block RAMs, DSPs. */
  public record Resources(int luts, int flipFlops, int blockRams, int dsps, Path json) {}

  /**
   * Runs {@code synth_ice40 -top top} on {@code files} in {@code dir}, writing {@code top.json};
   * {@code dsp} maps multipliers to the UP5K's DSP blocks.
   */
  public static Tool.Result run(Path dir, String top, List<String> files, boolean dsp)
      throws IOException {
    String script = "read_verilog " + String.join(" ", files) + "; synth_ice40 -top " + top
        + (dsp ? " -dsp" : "") + " -json " + top + ".json; stat";
    // The full log (with the statistics) is dir/yosys.log; stdout carries only errors.
    List<String> args = new ArrayList<>(List.of("-q", "-l", "yosys.log", "-p", script));
    return Tool.YOSYS.run(dir, dir.resolve("yosys.out"), 600, args);
  }

  /** The resource counts of the last {@code stat} in a yosys log. */
  public static Resources resources(String log, Path json) {
    int luts = count(log, "SB_LUT4");
    int dff = 0;
    Matcher m = Pattern.compile("\\s(SB_DFF\\w*)\\s+(\\d+)").matcher(log);
    java.util.Map<String, Integer> last = new java.util.TreeMap<>();
    while (m.find()) {
      last.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    for (int v : last.values()) {
      dff += v;
    }
    return new Resources(luts, dff, count(log, "SB_RAM40_4K"), count(log, "SB_MAC16"), json);
  }

  /** The count of {@code cell} in the last {@code stat} of a yosys log (0 when absent). */
  public static int cells(String log, String cell) {
    return count(log, cell);
  }

  private static int count(String log, String cell) {
    Matcher m = Pattern.compile("\\s" + cell + "\\s+(\\d+)").matcher(log);
    int n = 0;
    while (m.find()) {
      n = Integer.parseInt(m.group(1));
    }
    return n;
  }
}
