package snnc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.target.Target;
import snnc.mapper.target.TargetException;
import snnc.mapper.target.Targets;

/**
 * A folder written by {@code snnc compile --target ice40-up5k|ice40-hx8k}, as {@code snnc deploy}
 * reads it: {@code report.json} says which design was built (the single-core board design or the
 * mapped system behind the bridge), for which board, numerics profile, clock and core; the load
 * image is {@code rtl/MODEL_load.bin}, the bitstream {@code bitstream.bin}. Every missing piece is
 * a user error naming the file and the command that writes it.
 *
 * @param folder the build folder
 * @param target the target it was compiled for
 * @param board the iCE40 board of its design
 * @param singleCore whether the design is the single-core board design (else the mapped system)
 * @param profile its numerics profile
 * @param clockMhz its design clock
 * @param template its core template (single-core designs; null for the mapped system)
 * @param loadImage the load image file (checked to exist)
 * @param baud its UART bridge's baud rate ({@code hdl.uart_baud}; builds from before that field
 *     ran at the default)
 */
record BoardBuild(Path folder, Target target, Ice40Board.Board board, boolean singleCore,
    NumericsProfile profile, double clockMhz, CoreTemplate template, Path loadImage, int baud) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code folder}; empty when it was compiled for a target that is no FPGA (a SpiNNaker
   * machine), whose deployment is another command's business.
   */
  static Optional<BoardBuild> read(Path folder) {
    Path reportFile = folder.resolve("report.json");
    if (!Files.isDirectory(folder)) {
      throw new UserErrorException(folder + " is not a folder (give the --out folder of "
          + "'snnc compile --target ice40-up5k|ice40-hx8k')");
    }
    if (!Files.isRegularFile(reportFile)) {
      throw new UserErrorException(folder + " has no report.json: it is not the output of "
          + "'snnc compile MODEL --target ice40-up5k|ice40-hx8k --out " + folder + "'");
    }
    JsonNode report;
    try {
      report = JSON.readTree(reportFile.toFile());
    } catch (IOException e) {
      throw new UserErrorException("cannot read " + reportFile + ": " + e.getMessage());
    }
    String targetName = report.path("target").asText("");
    Target target;
    try {
      target = Targets.resolve(targetName);
    } catch (TargetException e) {
      throw new UserErrorException(reportFile + " names target '" + targetName + "', which "
          + "cannot be resolved: " + e.getMessage());
    }
    if (!target.family().equals("fpga")) {
      return Optional.empty();
    }
    JsonNode hdl = report.path("hdl");
    Ice40Board.Board board = HardwareOutput.ice40Board(target);
    if (hdl.isMissingNode() || board == null || !hdl.has("board_top")) {
      throw new UserErrorException(folder + " holds no iCE40 board design (target "
          + targetName + "); deploy runs builds of 'snnc compile MODEL --target ice40-up5k' "
          + "or '--target ice40-hx8k'");
    }
    String design = hdl.path("design").asText("");
    boolean single = design.startsWith("single core");
    if (!single && !design.startsWith("mapped system")) {
      throw new UserErrorException(reportFile + ": unknown design '" + design + "'");
    }
    String profileName = hdl.path("numerics").asText("");
    NumericsProfile profile = NumericsProfile.byName(profileName).orElseThrow(
        () -> new UserErrorException(reportFile + " names numerics profile '" + profileName
            + "', which snnc does not know"));
    CoreTemplate template = null;
    if (single) {
      String core = hdl.path("core").asText("");
      template = CoreTemplate.byLabel(core).orElseThrow(() -> new UserErrorException(
          reportFile + " names core template '" + core + "', which snnc does not know"));
    }
    Path load = folder.resolve(hdl.path("load_image").asText("rtl/"));
    if (!Files.isRegularFile(load)) {
      throw new UserErrorException("the load image " + load + " is missing: compile the "
          + "model again into " + folder);
    }
    double clock = hdl.path("clock_mhz").asDouble(Ice40Board.CLOCK_HZ / 1e6);
    int baud = hdl.path("uart_baud").asInt(Ice40Board.DEFAULT_BAUD);
    return Optional.of(new BoardBuild(folder, target, board, single, profile, clock, template,
        load, baud));
  }

  /** The board design's options as the build made them. */
  Ice40Board.Options options() {
    return new Ice40Board.Options(board, baud, null, null).withClockMhz(clockMhz)
        .withTemplate(template);
  }

  /** The bitstream, which must exist ({@code snnc compile ... --bitstream} writes it). */
  Path bitstream() {
    Path b = folder.resolve("bitstream.bin");
    if (!Files.isRegularFile(b)) {
      throw new UserErrorException(folder + " has no bitstream.bin: compile with --bitstream "
          + "to program the board, or leave --program out if the board holds the design "
          + "already");
    }
    return b;
  }
}
