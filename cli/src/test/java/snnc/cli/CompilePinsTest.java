package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.cli.MainTest.example;
import static snnc.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code snnc compile --pins / --baud / --clock} for the board the design runs on: the user's pin
 * file replaces the board's pins (iCE40) or fills the vendor projects' placeholders
 * (fpga-generic), the bridge's baud rate sets its divider, and every bad value is refused with
 * its place and nothing written.
 */
class CompilePinsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The iCEBreaker's pins with both LEDs swapped and a comment, as a user would write them. */
  private static final String ICEBREAKER_PCF = """
      # my iCEBreaker: LEDs swapped
      set_io clk_12mhz 35
      set_io uart_rx 6
      set_io -nowarn uart_tx 9
      set_io btn_n 10
      set_io led_red_n 37
      set_io led_green_n 11
      """;

  @Test
  void userPinFileReplacesTheBoardsPins(@TempDir Path dir) throws IOException {
    Path pcf = Files.writeString(dir.resolve("mine.pcf"), ICEBREAKER_PCF);
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k",
        "--pins", pcf.toString(), "--baud", "1000000", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(ICEBREAKER_PCF, Files.readString(out.resolve("rtl/tiny_icebreaker.pcf")));
    String top = Files.readString(out.resolve("rtl/tiny_icebreaker.v"));
    assertTrue(top.contains("parameter CLKS_PER_BIT = 12"), "12 MHz / 1,000,000 baud: " + top);
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals(1_000_000, hdl.get("uart_baud").asInt(), hdl.toString());
    assertEquals(pcf.toString(), hdl.get("pins").asText());

    // The mapped system's board design (HX8K, compact cores) takes the options too.
    Path hx = Files.writeString(dir.resolve("hx.pcf"), """
        set_io clk_12mhz J3
        set_io uart_rx B10
        set_io uart_tx B12
        set_io led_running C3
        set_io led_overrun B4
        set_io led_spike A2
        """);
    Path sys = dir.resolve("sys");
    r = run("compile", example("tiny.snn").toString(), "--target", "ice40-hx8k", "--core",
        "compact", "--pins", hx.toString(), "--clock", "48", "--baud", "3000000", "--out",
        sys.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(sys.resolve("rtl/tiny_hx8k.pcf")).contains("led_running C3"));
    assertTrue(Files.readString(sys.resolve("rtl/tiny_hx8k.v"))
        .contains("parameter CLKS_PER_BIT = 16"), "48 MHz / 3,000,000 baud");
    JsonNode sysHdl = JSON.readTree(sys.resolve("report.json").toFile()).get("hdl");
    assertEquals(3_000_000, sysHdl.get("uart_baud").asInt(), sysHdl.toString());
  }

  @Test
  void defaultPinsAreReportedAsTheBoards(@TempDir Path dir) throws IOException {
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k",
        "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode hdl = JSON.readTree(dir.resolve("report.json").toFile()).get("hdl");
    assertEquals(115_200, hdl.get("uart_baud").asInt());
    assertTrue(hdl.get("pins").asText().contains("iCEBreaker"), hdl.toString());
  }

  /** Every mistake in a pin file is an error at its line and column; nothing is written. */
  @Test
  void badPinFilesAreLocatedErrors(@TempDir Path dir) throws IOException {
    Path pcf = Files.writeString(dir.resolve("bad.pcf"), """
        set_io clk_12mhz 35
        set_io uart_rx 6
        set_io uart_tx 6
          set_io led_blue_n 39
        set_io btn_n 10
        set_io btn_n 12
        set_io led_red_n 11
        """);
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k",
        "--pins", pcf.toString(), "--out", out.toString());
    assertEquals(Main.USER_ERROR, r.code(), r.out());
    String err = r.err();
    assertTrue(err.contains(pcf + ":3:16: error[hdl.board-pins]: pin 6 is given twice (first at "
        + "line 2)"), err);
    assertTrue(err.contains(pcf + ":4:10: error[hdl.board-pins]: 'led_blue_n' is not a "
        + "top-level port"), err);
    assertTrue(err.contains(pcf + ":6:8: error[hdl.board-pins]: port 'btn_n' is placed twice"),
        err);
    assertTrue(err.contains(pcf + ":1:1: error[hdl.board-pins]: the pin file has no 'set_io "
        + "led_green_n PIN'"), err);
    assertFalse(Files.exists(out.resolve("rtl")), "nothing written");
    assertFalse(err.contains("Exception"), err);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ice40-up5k|--baud|2000000|--baud: 2000000 baud at 12.000 MHz: the UART bridge needs at "
          + "least 8 clock cycles per bit, so at most 1500000 baud",
      "ice40-up5k|--baud|1300000|--baud: 1300000 baud at 12.000 MHz: 9 clock cycles per bit "
          + "give 1333333 baud, 2.6 % off",
      "fpga-generic|--baud|115200|--baud sets the UART bridge of iCE40 board designs",
      "spinn5|--pins|x.pcf|--pins sets up FPGA designs, not spinn5",
      "fpga-generic|--clock|fast|--clock: 'fast' is not a clock in MHz",
      "fpga-generic|--clock|-5|--clock: -5 MHz is no FPGA clock",
      "ice40-up5k|--pins|missing.pcf|--pins: cannot read"})
  void refusedSettings(String target, String option, String value, String message,
      @TempDir Path dir) {
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", target, option,
        option.equals("--pins") ? dir.resolve(value).toString() : value, "--out",
        out.toString());
    assertEquals(Main.USER_ERROR, r.code(), r.out());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(Files.exists(out.resolve("rtl")), "nothing written");
  }

  @Test
  void boardOptionsNeedATarget(@TempDir Path dir) {
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--baud", "9600", "--out",
        dir.toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("--baud needs an FPGA --target"), r.err());
  }

  /** fpga-generic: the pins file and the clock go into the Vivado and Quartus projects. */
  @Test
  void vendorProjectsTakeThePinsAndClock(@TempDir Path dir) throws IOException {
    Path pins = Files.writeString(dir.resolve("arty.pins"), """
        # clock and reset of my board
        clk E3
        rst C12
        """);
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--pins", pins.toString(), "--clock", "50", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String xdc = Files.readString(out.resolve("rtl/tiny_system.xdc"));
    assertTrue(xdc.contains("create_clock -name clk -period 20.000"), xdc);
    assertTrue(xdc.contains("PACKAGE_PIN E3") && xdc.contains("[get_ports {clk}]"), xdc);
    assertTrue(Files.readString(out.resolve("rtl/tiny_system.qsf")).contains("PIN_C12"));
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals(50.0, hdl.get("vendor_clock_mhz").asDouble(), hdl.toString());
    assertEquals(pins.toString(), hdl.get("pins").asText());
    assertTrue(r.out().contains("2 pins from " + pins), r.out());

    Path bad = Files.writeString(dir.resolve("bad.pins"), "clk E3\nnot_a_port A1\n");
    Path badOut = dir.resolve("bad");
    r = run("compile", example("tiny.snn").toString(), "--target", "fpga-generic", "--pins",
        bad.toString(), "--out", badOut.toString());
    assertEquals(Main.USER_ERROR, r.code(), r.out());
    assertTrue(r.err().contains(bad + ":2:1: error[hdl.pins]"), r.err());
    assertFalse(Files.exists(badOut.resolve("rtl")), "nothing written");
  }
}
