package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static snnc.cli.MainTest.example;
import static snnc.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.hdl.flow.Tool;

/** {@code snnc compile --target} for FPGA targets: RTL, report figures and the iCE40 flow. */
class CompileHardwareTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fpgaGenericWritesTheSystemRtlDeterministically(@TempDir Path dir) throws IOException {
    byte[][] first = null;
    List<String> names = null;
    for (int round = 0; round < 2; round++) {
      Path out = dir.resolve("r" + round);
      MainTest.Run r = run("compile", example("synfire.snn").toString(), "--target",
          "fpga-generic", "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      Path rtl = out.resolve("rtl");
      try (Stream<Path> files = Files.list(rtl)) {
        List<String> now = files.map(p -> p.getFileName().toString()).sorted().toList();
        // core module, system top, filelist, 4 images for each of the 10 stage cores, 6 vendor
        // project files
        assertEquals(3 + 40 + 6, now.size(), now.toString());
        assertTrue(now.contains("synfire_system.v") && now.contains("filelist.f"), now.toString());
        assertTrue(now.contains("synfire_core9_synapses.hex"), now.toString());
        byte[][] bytes = new byte[now.size()][];
        for (int i = 0; i < now.size(); i++) {
          bytes[i] = Files.readAllBytes(rtl.resolve(now.get(i)));
        }
        if (first == null) {
          first = bytes;
          names = now;
        } else {
          assertEquals(names, now);
          for (int i = 0; i < bytes.length; i++) {
            assertArrayEquals(first[i], bytes[i], now.get(i));
          }
        }
      }
      String filelist = Files.readString(rtl.resolve("filelist.f"));
      assertTrue(filelist.contains("synfire_system.v"), filelist);
      JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
      assertEquals("synfire_system", hdl.get("top").asText());
      assertEquals("compact", hdl.get("numerics").asText());
      assertEquals(10, hdl.get("cores").asInt());
      // 7 cycles per neuron of the 100-neuron core bounds the update alone.
      assertTrue(hdl.get("cycles_per_step").asLong() > 700, hdl.toString());
      assertFalse(hdl.has("luts"), "no synthesis figures without --bitstream");
      assertEquals(List.of("synfire_system.xdc", "synfire_system_vivado.tcl",
          "synfire_system.qpf", "synfire_system.qsf", "synfire_system.sdc",
          "synfire_system.core"), JSON.convertValue(hdl.get("vendor_projects"), List.class));
      assertTrue(r.out().contains("wrote vendor projects in"), r.out());
    }
  }

  /**
   * The vendor projects written by {@code compile --target fpga-generic} build the system top:
   * the Vivado script reads the filelist and synthesises {@code MODEL_system} against the
   * generic board's 100 MHz clock, the Quartus settings name every Verilog file, the FuseSoC
   * core every image, and every port bit of the system top has a pin placeholder.
   */
  @Test
  void fpgaGenericWritesVendorProjectsForTheSystemTop(@TempDir Path dir) throws IOException {
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    Path rtl = dir.resolve("rtl");
    String tcl = Files.readString(rtl.resolve("tiny_system_vivado.tcl"));
    assertTrue(tcl.contains("synth_design -top tiny_system"), tcl);
    assertTrue(tcl.contains("filelist.f"), tcl);
    assertTrue(Files.readString(rtl.resolve("tiny_system.xdc"))
        .contains("create_clock -name clk -period 10.000"), "100 MHz clock");
    String qsf = Files.readString(rtl.resolve("tiny_system.qsf"));
    List<String> verilog;
    List<String> hex;
    try (Stream<Path> files = Files.list(rtl)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      verilog = names.stream().filter(n -> n.endsWith(".v")).toList();
      hex = names.stream().filter(n -> n.endsWith(".hex")).toList();
    }
    assertEquals(2, verilog.size(), verilog.toString());
    for (String v : verilog) {
      assertTrue(qsf.contains("VERILOG_FILE " + v), v + " in the .qsf");
    }
    assertTrue(qsf.contains("TOP_LEVEL_ENTITY tiny_system"), qsf);
    String core = Files.readString(rtl.resolve("tiny_system.core"));
    assertFalse(hex.isEmpty());
    for (String h : hex) {
      assertTrue(core.contains(h), h + " in the .core");
    }
    // The system's own ports: ld_core selects a core, out_key is a global key.
    String xdc = Files.readString(rtl.resolve("tiny_system.xdc"));
    assertTrue(xdc.contains("PIN_FOR_ld_core") && xdc.contains("PIN_FOR_out_key_0"), xdc);
  }

  @Test
  void ice40TargetsGetNoVendorProjects(@TempDir Path dir) throws IOException {
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-hx8k",
        "--out", dir.toString());
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> files = Files.list(dir.resolve("rtl"))) {
      assertTrue(files.noneMatch(p -> p.toString().endsWith(".tcl")
          || p.toString().endsWith(".qsf")), "iCE40 uses the open flow");
    }
  }

  @Test
  void bitstreamNeedsAnIce40Target(@TempDir Path dir) {
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--bitstream", "--out", dir.toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("--bitstream builds iCE40 bitstreams"), r.err());
    assertFalse(Files.exists(dir.resolve("bitstream.bin")));
  }

  @Test
  void synfireDoesNotMapOntoTheUp5kAndSaysWhy(@TempDir Path dir) {
    MainTest.Run r = run("compile", example("synfire.snn").toString(), "--target", "ice40-up5k",
        "--out", dir.toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("error[map.machine-capacity]") && r.err().contains("11 cores"),
        r.err());
    assertFalse(Files.exists(dir.resolve("rtl")));
  }

  /**
   * The real UP5K bitstream: synfire itself needs 11 cores (populations do not share a core) and
   * the UP5K target has 4, so this builds synfire's first stage (its 20 sources and 100 neurons,
   * the largest synfire prefix whose block RAM fits) and checks the report's figures.
   */
  @Test
  void up5kBitstreamOfSynfiresFirstStage(@TempDir Path dir) throws IOException {
    for (Tool t : List.of(Tool.VERILATOR, Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK)) {
      if (!t.installed()) {
        if ("true".equals(System.getenv("CI"))) {
          fail(t.command() + " is not on the PATH (required when CI=true)");
        }
        Assumptions.assumeTrue(false, t.command() + " is not on the PATH: skipped");
      }
    }
    String text = Files.readString(example("synfire.snn")).replace("let stages = 10",
        "let stages = 1");
    assertTrue(text.contains("let stages = 1\n"), "synfire.snn changed shape");
    Path model = Files.writeString(dir.resolve("synfire.snn"), text);
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", model.toString(), "--target", "ice40-up5k", "--bitstream",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("4/4 icepack"), "progress is shown: " + r.out());
    assertEquals(104_090, Files.size(out.resolve("bitstream.bin")), "an UP5K image");
    for (String log : List.of("lint.log", "yosys.log", "nextpnr.log", "icepack.log")) {
      assertTrue(Files.exists(out.resolve("logs").resolve(log)), log);
    }
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals("synfire_system", hdl.get("top").asText());
    assertTrue(hdl.get("luts").asInt() > 100 && hdl.get("luts").asInt() <= 5280, hdl.toString());
    assertTrue(hdl.get("ffs").asInt() > 0, hdl.toString());
    assertTrue(hdl.get("brams").asInt() > 0 && hdl.get("brams").asInt() <= 30, hdl.toString());
    assertEquals(0, hdl.get("sprams").asInt(), hdl.toString());
    assertTrue(hdl.get("fmax_mhz").asDouble() > 5, hdl.toString());
    Files.writeString(Path.of("target", "up5k-synfire-stage0.json"), hdl.toPrettyString());
  }
}
