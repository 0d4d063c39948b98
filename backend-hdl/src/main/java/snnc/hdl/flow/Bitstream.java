package snnc.hdl.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nextpnr-ice40 then icepack: a synthesised netlist to an iCE40 bitstream. */
public final class Bitstream {

  private Bitstream() {}

  /** The place-and-route result: its log, the bitstream, and the achieved Fmax if reported. */
  public record Result(Tool.Result placeAndRoute, Tool.Result pack, Path bitstream,
      OptionalDouble fmaxMhz) {
    public boolean ok() {
      return placeAndRoute.ok() && pack.ok();
    }
  }

  /**
   * Places and routes {@code top.json} for an UP5K in the SG48 package with {@code pcf}, then
   * packs {@code top.bin}; all files in {@code dir}.
   */
  public static Result up5k(Path dir, String top, String pcf) throws IOException {
    return placeRouteAndPack(dir, top, pcf, "--up5k", "sg48");
  }

  /**
   * Places and routes {@code top.json} for an HX8K in the CT256 package (the iCE40-HX8K
   * breakout) with {@code pcf}, then packs {@code top.bin}; all files in {@code dir}.
   */
  public static Result hx8k(Path dir, String top, String pcf) throws IOException {
    return placeRouteAndPack(dir, top, pcf, "--hx8k", "ct256");
  }

  private static Result placeRouteAndPack(Path dir, String top, String pcf, String device,
      String pkg) throws IOException {
    Tool.Result pnr = Tool.NEXTPNR_ICE40.run(dir, dir.resolve("nextpnr.log"), 600, List.of(
        device, "--package", pkg, "--json", top + ".json", "--pcf", pcf,
        "--asc", top + ".asc"));
    Path bin = dir.resolve(top + ".bin");
    Tool.Result pack = pnr.ok()
        ? Tool.ICEPACK.run(dir, dir.resolve("icepack.log"), 120, List.of(top + ".asc",
            top + ".bin"))
        : new Tool.Result(-1, "not run: place and route failed", dir.resolve("icepack.log"));
    return new Result(pnr, pack, bin, fmax(pnr.output()));
  }

  /** Whether a nextpnr log says a clock missed its {@code --freq} target ("FAIL at"). */
  public static boolean timingFailed(String log) {
    return Pattern.compile("Max frequency for clock\\s+'[^']*': [0-9.]+ MHz \\(FAIL at")
        .matcher(log).find();
  }

  /**
   * The lowest "Max frequency for clock" of a nextpnr log's final timing report, ignoring the
   * packer's constant-net pseudo clock (block RAM ports tied off).
   */
  public static OptionalDouble fmax(String log) {
    Matcher m = Pattern.compile("Max frequency for clock\\s+'([^']*)': ([0-9.]+) MHz")
        .matcher(log);
    java.util.Map<String, Double> last = new java.util.HashMap<>();
    while (m.find()) {
      if (!m.group(1).contains("PACKER_GND")) {
        last.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return last.values().stream().mapToDouble(Double::doubleValue).min();
  }
}
