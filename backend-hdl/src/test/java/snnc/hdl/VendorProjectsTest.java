package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import snnc.diag.Diagnostic;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.VendorProjects;
import snnc.hdl.emit.VendorProjects.Board;
import snnc.hdl.emit.VendorProjects.Design;
import snnc.hdl.emit.VendorProjects.PinAssignment;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.HdlException;
import snnc.ir.numerics.NumericsProfile;

/**
 * Vivado, Quartus and FuseSoC project files of examples/tiny.snn (with a few user pins) and
 * examples/synfire.snn (no pins, 50 MHz) against src/test/resources/golden/vendor/*;
 * {@code -Dgolden.update=true} rewrites them. Also checks their structure and the pin checks.
 */
class VendorProjectsTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/vendor");

  /** The pins of the tiny golden case: the clock, reset and a few bits, the rest placeholders. */
  static final String TINY_PINS = """
      # Basys 3 style pins for a few signals of tiny_top
      clk W5
      rst U18
      out_valid U16
      out_neuron E19
      ld_data[0] V17
      """;

  record Case(String example, Board board, String pins) {}

  static final List<Case> CASES = List.of(
      new Case("tiny", Board.GENERIC, TINY_PINS),
      new Case("synfire", Board.GENERIC.withClockMhz(50), ""));

  static Design design(String example) {
    CoreImage image = CoreLowering.lower(Examples.compile(example), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    return Design.modelTop(image, HdlEmitter.emit(image));
  }

  @TestFactory
  Stream<DynamicTest> projectFilesMatchGolden() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.example(), () -> {
      Design d = design(c.example());
      Map<String, String> files = VendorProjects.generate(d, c.board(),
          VendorProjects.parsePins(c.pins(), c.example() + ".pins"));
      Path dir = GOLDEN.resolve(c.example());
      if (Boolean.getBoolean("golden.update")) {
        VendorProjects.write(dir, d, c.board(),
            VendorProjects.parsePins(c.pins(), c.example() + ".pins"));
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        assertTrue(Files.exists(file), file + " is missing: run with -Dgolden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), f.getValue(),
            f.getKey() + " changed (review, then -Dgolden.update=true)");
      }
      try (var listing = Files.list(dir)) {
        assertEquals(files.size(), listing.count(), "stale files under " + dir);
      }
      assertEquals(files, VendorProjects.generate(design(c.example()), c.board(),
          VendorProjects.parsePins(c.pins(), c.example() + ".pins")), "not deterministic");
    }));
  }

  @Test
  void fusesocCoreNamesOnlyFilesThatExist() {
    Design d = design("tiny");
    Map<String, String> files = VendorProjects.generate(d, Board.GENERIC, List.of());
    String text = files.get("tiny_top.core");
    assertTrue(text.startsWith("CAPI=2:\n"), "a CAPI2 core starts with CAPI=2:");
    Map<String, Object> core = new Yaml().load(text);
    assertTrue(((String) core.get("name")).startsWith("snnc:model:tiny_top:"));
    Set<String> written = new HashSet<>(HdlEmitter.emit(CoreLowering.lower(
        Examples.compile("tiny"), NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false))
        .files().keySet());
    written.addAll(files.keySet());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> filesets = (Map<String, Map<String, Object>>) core
        .get("filesets");
    List<String> named = new ArrayList<>();
    for (Map<String, Object> fs : filesets.values()) {
      for (Object f : (List<?>) fs.get("files")) {
        named.add(f instanceof Map<?, ?> m ? (String) m.keySet().iterator().next() : (String) f);
      }
    }
    assertTrue(written.containsAll(named), "unknown files in " + named);
    assertTrue(named.containsAll(d.verilogFiles()) && named.containsAll(d.dataFiles()));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> targets = (Map<String, Map<String, Object>>) core
        .get("targets");
    assertEquals(Set.of("default", "lint", "vivado", "quartus"), targets.keySet());
    for (Map.Entry<String, Map<String, Object>> t : targets.entrySet()) {
      assertEquals("tiny_top", t.getValue().get("toplevel"), t.getKey());
      assertTrue(filesets.keySet().containsAll((List<?>) t.getValue().get("filesets")),
          t.getKey() + " uses an unknown fileset");
    }
  }

  @Test
  void everyPinGivenMeansABitstreamAndNoPlaceholders() {
    Design d = design("tiny");
    List<PinAssignment> pins = new ArrayList<>();
    int n = 0;
    for (VendorProjects.Signal s : d.signals()) {
      pins.add(new PinAssignment(s.name(), "P" + (n++), null));
    }
    Map<String, String> files = VendorProjects.generate(d, Board.GENERIC, pins);
    String tcl = files.get("tiny_top_vivado.tcl");
    assertTrue(tcl.contains("write_bitstream -force $out/tiny_top.bit"), tcl);
    assertFalse(tcl.contains("out_of_context"));
    assertFalse(files.get("tiny_top.xdc").contains("PIN_FOR_"));
    assertFalse(files.get("tiny_top.qsf").contains("PIN_FOR_"));
    assertTrue(files.get("tiny_top.xdc").contains(
        "set_property -dict {PACKAGE_PIN P6 IOSTANDARD LVCMOS33} [get_ports {step_count[0]}]"));
    assertTrue(files.get("tiny_top.qsf").contains("set_location_assignment PIN_P0 -to clk"));
    assertEquals(n, files.get("tiny_top.xdc").lines().filter(l -> l.startsWith("set_property"))
        .count());
  }

  @Test
  void withoutPinsVivadoStopsBeforeTheBitstream() {
    Map<String, String> files = VendorProjects.generate(design("tiny"), Board.GENERIC, List.of());
    String tcl = files.get("tiny_top_vivado.tcl");
    assertTrue(tcl.contains("synth_design -top tiny_top -part xc7a35tcpg236-1 "
        + "-mode out_of_context"), tcl);
    assertFalse(tcl.contains("write_bitstream"));
    assertTrue(files.get("tiny_top.xdc").contains(
        "create_clock -name clk -period 10.000 [get_ports {clk}]"));
    assertTrue(files.get("tiny_top.sdc").contains(
        "create_clock -name clk -period 10.000 [get_ports {clk}]"));
    assertTrue(files.get("tiny_top.xdc").contains("# set_property -dict {PACKAGE_PIN "
        + "PIN_FOR_ld_data_31 IOSTANDARD LVCMOS33} [get_ports {ld_data[31]}]"));
  }

  @Test
  void theVivadoFilelistIsTheEmittersFilelist() {
    Design d = design("tiny");
    List<String> listed = d.filelist().lines().filter(l -> !l.startsWith("//")).toList();
    assertEquals(d.verilogFiles(), listed);
    String tcl = VendorProjects.generate(d, Board.GENERIC, List.of()).get("tiny_top_vivado.tcl");
    assertTrue(tcl.contains("set filelist [open filelist.f r]"));
    assertFalse(tcl.contains("read_verilog tiny_top.v"), "filelist.f already names it");
  }

  /**
   * tclsh runs the Vivado script with each Vivado command replaced by a proc that logs its call:
   * the script is valid Tcl, reads exactly the files of filelist.f, and runs the flow in order.
   */
  @Test
  void vivadoScriptRunsUnderTclWithStubbedCommands(@TempDir Path dir) throws Exception {
    Tool tclsh = new Tool("tclsh");
    ExternalTools.require(tclsh);
    CoreImage image = CoreLowering.lower(Examples.compile("tiny"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output rtl = HdlEmitter.emit(image);
    rtl.write(dir);
    VendorProjects.write(dir, Design.modelTop(image, rtl), Board.GENERIC, List.of());
    StringBuilder stubs = new StringBuilder();
    for (String cmd : List.of("read_verilog", "add_files", "read_xdc", "synth_design",
        "write_checkpoint", "report_utilization", "opt_design", "place_design", "route_design",
        "report_timing_summary", "report_drc", "write_bitstream", "get_timing_paths")) {
      stubs.append("proc ").append(cmd).append(" args { puts \"CALL ").append(cmd)
          .append(" $args\" }\n");
    }
    stubs.append("proc get_property args { return \"\" }\n");
    stubs.append("source tiny_top_vivado.tcl\n");
    Files.writeString(dir.resolve("stub.tcl"), stubs.toString());
    Tool.Result r = tclsh.run(dir, dir.resolve("tclsh.log"), 60, List.of("stub.tcl"));
    assertEquals(0, r.exitCode(), r.output());
    List<String> calls = r.output().lines().filter(l -> l.startsWith("CALL ")).map(
        l -> l.substring(5)).toList();
    assertEquals(List.of("read_verilog snnc_core_compact_n1_k3_s3_d4_c1.v",
        "read_verilog tiny_top.v",
        "add_files -norecurse {tiny_constants.hex tiny_state.hex tiny_rows.hex tiny_synapses.hex}",
        "read_xdc tiny_top.xdc",
        "synth_design -top tiny_top -part xc7a35tcpg236-1 -mode out_of_context"),
        calls.subList(0, 5));
    assertEquals("report_drc -file vivado/drc.rpt", calls.get(calls.size() - 2));
    // The script must refuse the bitstream for exactly the bits the XDC left without a pin.
    java.util.regex.Matcher unpinned = java.util.regex.Pattern.compile(
        "# (\\d+) port bits have no pin").matcher(Files.readString(dir.resolve("tiny_top.xdc")));
    assertTrue(unpinned.find(), "the XDC lists its unpinned bits");
    assertTrue(r.output().contains("snnc: no bitstream: " + unpinned.group(1) + " port bits"),
        r.output());
    assertTrue(Files.isDirectory(dir.resolve("vivado")));
  }

  @Test
  void badPinsAreLocatedErrorsAndWriteNothing(@TempDir Path dir) throws Exception {
    Design d = design("tiny");
    String text = "clk W5\nld_data V17\nnope[3] A1\nrst W5\nclk U1\n";
    HdlException e = assertThrows(HdlException.class, () -> VendorProjects.write(dir, d,
        Board.GENERIC, VendorProjects.parsePins(text, "board.pins")));
    List<String> where = e.diagnostics().stream()
        .map(x -> x.span().location() + " " + x.code()).toList();
    assertEquals(List.of("board.pins:2:1 hdl.pins", "board.pins:3:1 hdl.pins",
        "board.pins:4:1 hdl.pins", "board.pins:5:1 hdl.pins"), where);
    List<String> messages = e.diagnostics().stream().map(Diagnostic::message).toList();
    assertTrue(messages.get(0).contains("ld_data[0] .. ld_data[31]"), messages.get(0));
    assertTrue(messages.get(1).contains("no port bit 'nope[3]'"), messages.get(1));
    assertTrue(messages.get(2).contains("pin W5 is already used by clk"), messages.get(2));
    assertTrue(messages.get(3).contains("clk already has pin W5"), messages.get(3));
    try (var listing = Files.list(dir)) {
      assertEquals(0, listing.count(), "a rejected project must leave no files");
    }
  }

  @Test
  void pinsFileSyntaxErrorsAreLocated() {
    HdlException e = assertThrows(HdlException.class, () -> VendorProjects.parsePins(
        "clk W5\n   rst\n# ok\nled-1 A2  # comment\n", "b.pins"));
    assertEquals(List.of("b.pins:2:4", "b.pins:4:1"), e.diagnostics().stream()
        .map(x -> x.span().location()).toList());
  }
}
