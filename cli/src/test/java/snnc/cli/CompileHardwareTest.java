package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.cli.MainTest.example;
import static snnc.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.ir.RepositoryRoot;
import snnc.mapper.target.Target;

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
        // core module, system top, filelist, 4 images for each of the 10 stage cores, the
        // router's two memory images, 6 vendor project files
        assertEquals(3 + 40 + 2 + 6, now.size(), now.toString());
        assertTrue(now.contains("synfire_router.hex"), now.toString());
        assertTrue(now.contains("synfire_router_blocks.hex"), now.toString());
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

  /**
   * {@code --clock}: the board design behind the PLL (its settings, the achieved clock and the
   * UART divider in the RTL and report); refused off FPGA targets and outside the PLL's range
   * (fpga-generic's vendor projects take it as their clock: {@code CompilePinsTest}).
   */
  @Test
  void clockOptionPutsThePllInTheBoardDesign(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("up5k");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k",
        "--clock", "24", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String top = Files.readString(out.resolve("rtl").resolve("tiny_icebreaker.v"));
    assertTrue(top.contains("SB_PLL40_PAD #(") && top.contains(".PACKAGEPIN(clk_12mhz)"), top);
    assertTrue(top.contains("parameter CLKS_PER_BIT = 208"), "24 MHz / 115,200 baud: " + top);
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals(24.0, hdl.get("clock_mhz").asDouble(), hdl.toString());
    assertTrue(hdl.get("pll").asText().contains("DIVF 63, DIVQ 5"), hdl.toString());
    assertTrue(Files.readString(out.resolve("rtl").resolve("filelist.f"))
        .contains("SB_PLL40_PAD.v"), "the PLL's simulation model is linted and simulated");

    Path sys = dir.resolve("hx8k");
    r = run("compile", example("tiny.snn").toString(), "--target", "ice40-hx8k", "--clock",
        "48", "--out", sys.toString());
    assertEquals(0, r.code(), r.err());
    String sysTop = Files.readString(sys.resolve("rtl").resolve("tiny_hx8k.v"));
    assertTrue(sysTop.contains("SB_PLL40_CORE #("), "the HX8K board top behind the PLL");
    assertTrue(sysTop.contains("parameter CLKS_PER_BIT = 417"), "48 MHz / 115,200 baud: " + sysTop);

    r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k", "--clock",
        "10", "--out", dir.resolve("slow").toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("--clock: the iCE40 PLL makes 16-275 MHz"), r.err());
    r = run("compile", example("tiny.snn").toString(), "--target", "spinn5", "--clock",
        "50", "--out", dir.resolve("spinnaker").toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("--clock sets up FPGA designs, not spinn5"), r.err());
  }

  /**
   * {@code --core} picks the board design's core template over the target file's
   * {@code core_template}, which is read as the board's default; the report says which and why.
   */
  @Test
  void coreOptionAndTargetKeyChooseTheBoardDesignsCore(@TempDir Path dir) throws IOException {
    Path byFile = dir.resolve("default");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k",
        "--out", byFile.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode hdl = JSON.readTree(byFile.resolve("report.json").toFile()).get("hdl");
    assertEquals("pipelined", hdl.get("core").asText(), hdl.toString());
    assertEquals("the target file's core_template pipelined", hdl.get("core_choice").asText());
    assertTrue(hdl.get("core_module").asText().startsWith("snnc_pcore_"), hdl.toString());

    Path asked = dir.resolve("compact");
    r = run("compile", example("tiny.snn").toString(), "--target", "ice40-up5k", "--core",
        "compact", "--out", asked.toString());
    assertEquals(0, r.code(), r.err());
    hdl = JSON.readTree(asked.resolve("report.json").toFile()).get("hdl");
    assertEquals("compact", hdl.get("core").asText(), hdl.toString());
    assertEquals("--core compact", hdl.get("core_choice").asText());

    // A copy of the built-in file under another name reads the same key, and --core overrides it.
    String json = new String(Target.class.getResourceAsStream(
        "/snnc/mapper/targets/ice40-up5k.json").readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"core_template\": \"pipelined\""), json);
    Path file = Files.writeString(dir.resolve("fast-up5k.json"), json);
    Path fromFile = dir.resolve("from-file");
    r = run("compile", example("tiny.snn").toString(), "--target", file.toString(), "--out",
        fromFile.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("pipelined", JSON.readTree(fromFile.resolve("report.json").toFile()).get("hdl")
        .get("core").asText());
    Path overridden = dir.resolve("overridden");
    r = run("compile", example("tiny.snn").toString(), "--target", file.toString(), "--core",
        "compact", "--out", overridden.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("compact", JSON.readTree(overridden.resolve("report.json").toFile())
        .get("hdl").get("core").asText());

    // STDP: the file's pipelined default falls back to the compact core (the report says so) ...
    Path model = Files.writeString(dir.resolve("plastic.snn"), PLASTIC);
    Path plastic = dir.resolve("stdp-default");
    r = run("compile", model.toString(), "--target", file.toString(), "--out",
        plastic.toString());
    assertEquals(0, r.code(), r.err());
    hdl = JSON.readTree(plastic.resolve("report.json").toFile()).get("hdl");
    assertEquals("compact", hdl.get("core").asText(), hdl.toString());
    assertTrue(hdl.get("core_choice").asText().contains("pipelined has no STDP unit"),
        hdl.toString());
    // ... but asking for it by --core is an error: refusals(), "STDP with --core pipelined".
  }

  /** An STDP network: the pipelined core has no STDP unit. */
  static final String PLASTIC = """
      network plastic {
        timestep 1 ms
        population src = SpikeSourceArray(spike_times = [[5 ms, 20 ms], [10 ms]]) * 2
        population out = IF_curr_exp(tau_refrac = 2 ms) * 2
        connect src -> out one_to_one weight 0.5 nA delay 1 ms as fixed
        connect src -> out all_to_all
                synapse stdp(tau_plus = 20 ms, tau_minus = 20 ms, a_plus = 0.01,
                             a_minus = 0.012, weights = additive(w_min = 0 nA, w_max = 0.6 nA))
                weight 0.3 nA delay 1 ms as learn
        run 50 ms
      }
      """;

  /** Bad --core and --clock values, and combinations that cannot be honoured, are refused. */
  @Test
  void coreAndClockOptionsAreChecked(@TempDir Path dir) {
    String tiny = example("tiny.snn").toString();
    String[][] cases = {
        {"--core needs --target", "--core", "compact"},
        {"--core: unknown core template 'fast'; known: compact, pipelined", "--target",
            "ice40-up5k", "--core", "fast"},
        {"--core pipelined: fpga-generic builds the mapped multi-core system, whose cores are "
            + "compact", "--target", "fpga-generic", "--core", "pipelined"},
        {"--core chooses the core of FPGA board designs, not of spinn3", "--target", "spinn3",
            "--core", "compact"},
        {"--clock auto needs --bitstream", "--target", "ice40-up5k", "--clock", "auto"},
        {"--pnr-seed needs --bitstream", "--target", "ice40-up5k", "--pnr-seed", "2"},
        {"--clock: 'fast' is neither a clock in MHz nor auto", "--target", "ice40-up5k",
            "--clock", "fast"}};
    for (String[] c : cases) {
      Path out = dir.resolve("case" + c.length + c[c.length - 1]);
      List<String> args = new java.util.ArrayList<>(List.of("compile", tiny, "--out",
          out.toString()));
      args.addAll(List.of(c).subList(1, c.length));
      MainTest.Run r = run(args.toArray(String[]::new));
      assertEquals(Main.USER_ERROR, r.code(), String.join(" ", args) + ": " + r.out());
      assertTrue(r.err().contains(c[0]), c[0] + " in: " + r.err());
      assertFalse(Files.exists(out.resolve("rtl")), String.join(" ", args));
    }
    // --core compact is what the mapped system builds anyway.
    MainTest.Run ok = run("compile", tiny, "--target", "fpga-generic", "--core", "compact",
        "--out", dir.resolve("generic").toString());
    assertEquals(0, ok.code(), ok.err());
  }

  /**
   * A compile that cannot be honoured is a located error (exit 1) and leaves nothing behind.
   *
   * @param name the case, as the test report names it
   * @param model writes the model into the test folder (or names a repository file)
   * @param args the compile options after the model and before {@code --out}; {@code
   *     hx8k:C:N} stands for the built-in HX8K file with C cores of at most N neurons
   *     ({@link #hx8kWithCores})
   * @param expected fragments of stderr; {@code MODEL} stands for the model's path
   * @param matches a regular expression the whole of stderr must match, or null
   * @param notWritten files and folders that must not exist in the output folder
   */
  record Refusal(String name, ModelFile model, List<String> args, List<String> expected,
      String matches, List<String> notWritten) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Writes a test model into a folder and returns its path. */
  interface ModelFile {
    Path write(Path dir) throws IOException;
  }

  static Stream<Refusal> refusals() {
    Path models = RepositoryRoot.path().resolve("bench").resolve("models");
    return Stream.of(
        // The mapper: a 12-stage synfire chain (1,200 neurons, 20 sources) does not fit the
        // UP5K's one core; located at the population where the core runs out, naming what
        // overflows.
        new Refusal("synfire of 12 stages on the UP5K", dir -> {
          String text = Files.readString(example("synfire.snn")).replace("let stages = 10",
              "let stages = 12");
          assertTrue(text.contains("let stages = 12\n"), "synfire.snn changed shape");
          return Files.writeString(dir.resolve("synfire12.snn"), text);
        }, List.of("--target", "ice40-up5k"), List.of("MODEL:", "1 application core (1 chip × "
            + "1); in all it needs 1,220 neurons and sources, the core holds 1,024; 1,200 "
            + "neurons, the core holds 1,024"), "(?s).*synfire12\\.snn:\\d+:\\d+: "
            + "error\\[map\\.machine-capacity\\]: the network does not fit ice40-up5k: .*",
            List.of("rtl", "mapping.json")),
        // A board-design refusal that no other design can avoid comes from the mapping.
        new Refusal("delays on the UP5K", dir -> example("delays.snn"),
            List.of("--target", "ice40-up5k"), List.of("in the iCEBreaker (iCE40 UP5K SG48) "
            + "board design of the mapping onto ice40-up5k"), "(?s).*delays\\.snn:\\d+:\\d+: "
            + "error\\[hdl\\.board-capacity\\]: SPRAM layout: SPRAM: the delay rings need 2 "
            + "receptors x 128 slots.*", List.of("rtl", "mapping.json")),
        // ring1k is more than the pipelined core's SPRAM layout holds; asked for, it is refused.
        new Refusal("ring1k with --core pipelined", dir -> models.resolve("ring1k.snn"),
            List.of("--target", "ice40-up5k", "--core", "pipelined"),
            List.of("error[hdl.board-capacity]: pipelined core, SPRAM layout"), null,
            List.of("rtl")),
        // --core pipelined on an STDP network: an error at the plastic projection.
        new Refusal("STDP with --core pipelined", dir -> Files.writeString(
            dir.resolve("plastic.snn"), PLASTIC), List.of("--target", "ice40-up5k", "--core",
            "pipelined"), List.of("plastic.snn:6:3: error[hdl.unsupported-feature]: --core "
            + "pipelined: the pipelined core has no STDP unit, and projection 'learn' is "
            + "plastic", "use --core compact, or leave --core out"), null,
            List.of("rtl", "report.json")),
        // The HX8K's single-core board design asked for by --core, for a two-core mapping.
        new Refusal("two cores with --core pipelined", dir -> Files.writeString(
            dir.resolve("chain2.snn"), CHAIN2), List.of("--target", "hx8k:4:32", "--core",
            "pipelined"), List.of("chain2.snn:1:1: error[hdl.board-capacity]: --core "
            + "pipelined: the single-core board design with the pipelined core does not fit: "
            + "the mapping spreads the 60 neurons over 2 cores"), null,
            List.of("rtl", "report.json")),
        // A mapped system over the HX8K's block RAM, refused before any tool runs: synfire240
        // on cores of at most 128 neurons (two neuron cores, so not the single-core design).
        new Refusal("HX8K system over block RAM", dir -> models.resolve("synfire240.snn"),
            List.of("--target", "hx8k:4:128", "--bitstream"), List.of("synfire240.snn:5:1: "
            + "error[hdl.board-capacity]: block RAM: 2 core(s) of about 17 SB_RAM40_4K each, "
            + "the router table's 4 and the bridge's 3 need about 41; the HX8K has 32",
            "board design of the mapped system on hx8k-4x128 (2 core(s))"), null,
            List.of("rtl", "logs")),
        // Three compact cores and the bridge do not fit the HX8K's logic (about 3 x 2,600 +
        // 2,200 logic cells of its 7,680; their block RAM does not fit either): refused from
        // the figures, before any tool runs.
        new Refusal("three HX8K system cores", dir -> Files.writeString(
            dir.resolve("chain3.snn"), """
            network chain3 {
              timestep 1 ms
              seed 7
              population stim = SpikeSourceArray(spike_times = [5 ms, 25 ms]) * 8
              population a = IF_curr_exp(tau_refrac = 5 ms) * 8
              population b = IF_curr_exp(tau_refrac = 5 ms) * 8
              population c = IF_curr_exp(tau_refrac = 5 ms) * 8
              connect stim -> a fixed_number_pre(4) weight 2 nA delay 1 ms seed 1
              connect a -> b fixed_number_pre(4) weight 1.5 nA delay 1 ms seed 2
              connect b -> c fixed_number_pre(4) weight 1.5 nA delay 1 ms seed 3
              run 50 ms
            }
            """), List.of("--target", "hx8k:4:8", "--bitstream"), List.of("chain3.snn:1:1: "
            + "error[hdl.board-capacity]: logic: 3 compact core(s) of about 2,600 logic cells "
            + "each and the UART bridge's about 2,200 need about 10,000; the HX8K has 7,680"),
            null, List.of("rtl", "logs")),
        // --bitstream is for iCE40 boards only.
        new Refusal("--bitstream on fpga-generic", dir -> example("tiny.snn"),
            List.of("--target", "fpga-generic", "--bitstream"),
            List.of("--bitstream builds iCE40 bitstreams"), null, List.of("bitstream.bin")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void compileRefusesWhatItCannotBuildAndWritesNothing(Refusal c, @TempDir Path dir)
      throws IOException {
    Path model = c.model().write(dir);
    Path out = dir.resolve("out");
    List<String> args = new java.util.ArrayList<>(List.of("compile", model.toString()));
    for (String a : c.args()) {
      String[] hx8k = a.split(":");
      args.add(hx8k.length == 3 && hx8k[0].equals("hx8k") ? hx8kWithCores(dir,
          Integer.parseInt(hx8k[1]), Integer.parseInt(hx8k[2])).toString() : a);
    }
    args.addAll(List.of("--out", out.toString()));
    MainTest.Run r = run(args.toArray(String[]::new));
    assertEquals(Main.USER_ERROR, r.code(), r.out());
    for (String e : c.expected()) {
      assertTrue(r.err().contains(e.replace("MODEL", model.toString())), e + " in: " + r.err());
    }
    if (c.matches() != null) {
      assertTrue(r.err().matches(c.matches()), r.err());
    }
    for (String f : c.notWritten()) {
      assertFalse(Files.exists(out.resolve(f)), f + " was written");
    }
  }

  /**
   * ice40-hx8k (its file's core_template pipelined): a network whose neurons the mapper puts on
   * one core gets the single-core board design with the pipelined core in block RAM, and the
   * report says why; {@code --core compact} asks for the mapped system of compact cores; a
   * network spread over two cores, or with on-chip Poisson sources, falls back to the mapped
   * system (compile and the report say why), unless {@code --core pipelined} asked for the
   * board design: then it is a located error and nothing is written.
   */
  @Test
  void hx8kBuildsThePipelinedSingleCoreBoardDesignWhenTheNetworkFitsOneCore(@TempDir Path dir)
      throws IOException {
    Path model = RepositoryRoot.path().resolve("bench").resolve("models")
        .resolve("synfire240.snn");
    Path out = dir.resolve("synfire240");
    MainTest.Run r = run("compile", model.toString(), "--target", "ice40-hx8k", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals("pipelined", hdl.get("core").asText(), hdl.toString());
    assertEquals(1, hdl.get("cores").asInt());
    assertEquals("the target file's core_template pipelined: the network fits one core (240 "
        + "neurons) and the single-core board design the HX8K", hdl.get("core_choice").asText());
    assertEquals("snnc_pcore_compact_n8_k8_s11_d4_c1", hdl.get("core_module").asText());
    assertEquals("dual-port: every memory in block RAM", hdl.get("memory_layout").asText());
    assertEquals(30, hdl.get("block_ram_estimate").asInt(), "core 26, bridge 3 + 1");
    // 2 + 248 keys + 2 segments x (11 chunks + 12) + 240 neurons + 10 + 3 x 248 keys + 1,920
    // synapses + 40 empty rows (the last stage's neurons) + 6
    assertEquals(3_256, hdl.get("cycles_per_step").asLong(), hdl.toString());
    assertEquals("synfire240_hx8k", hdl.get("board_top").asText());
    String top = Files.readString(out.resolve("rtl").resolve("synfire240_hx8k.v"));
    assertTrue(top.contains("pipelined core"), "the board top names its core");
    assertTrue(r.out().contains("(one core, 240 neurons, 1920 synapses, dual-port layout)"),
        r.out());

    Path compact = dir.resolve("compact");
    r = run("compile", model.toString(), "--target", "ice40-hx8k", "--core", "compact",
        "--out", compact.toString());
    assertEquals(0, r.code(), r.err());
    hdl = JSON.readTree(compact.resolve("report.json").toFile()).get("hdl");
    assertEquals("synfire240_system", hdl.get("top").asText());
    assertTrue(hdl.get("core_module").asText().startsWith("snnc_core_"), hdl.toString());
    assertFalse(hdl.has("core_choice"), "--core compact asked for the mapped system");

    // Two cores of the mapping: the mapped system, and compile says why.
    Path chain = Files.writeString(dir.resolve("chain2.snn"), CHAIN2);
    Path spread = dir.resolve("spread");
    Path twoCores = hx8kWithCores(dir, 4, 32);
    r = run("compile", chain.toString(), "--target", twoCores.toString(), "--out",
        spread.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("the single-core board design with the pipelined core does not "
        + "fit (the mapping spreads the 60 neurons over 2 cores (at most 32 per core)); building "
        + "the mapped system of compact cores"), r.out());
    hdl = JSON.readTree(spread.resolve("report.json").toFile()).get("hdl");
    assertEquals(2, hdl.get("cores").asInt(), hdl.toString());
    assertTrue(hdl.get("core_choice").asText().contains("spreads the 60 neurons"),
        hdl.toString());

    // On-chip Poisson sources: the mapped system injects them from the host.
    Path poisson = Files.writeString(dir.resolve("noise.snn"), """
        network noise {
          timestep 1 ms
          population src = SpikeSourcePoisson(rate = 50 Hz) * 4
          population out = IF_curr_exp() * 4
          connect src -> out one_to_one weight 1 nA delay 1 ms
          run 20 ms
        }
        """);
    r = run("compile", poisson.toString(), "--target", "ice40-hx8k", "--out",
        dir.resolve("noise").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("on-chip Poisson sources"), r.out());
    assertEquals("noise_system", JSON.readTree(dir.resolve("noise").resolve("report.json")
        .toFile()).get("hdl").get("top").asText());
    // Asked for by --core, a board design that does not fit is an error: refusals(), "two
    // cores with --core pipelined".
  }

  /**
   * ring1k fills the UP5K (1,024 neurons, 32,768 synapses): more than the pipelined core's SPRAM
   * layout holds (30,720 synapses beside the rows), so the target file's pipelined default gives
   * way to the compact core, whose layout holds it, and the report says why; asked for by
   * {@code --core pipelined}, the same network is refused, naming the layout.
   */
  @Test
  void up5kDefaultFallsBackToTheCompactCoreForANetworkThePipelinedLayoutCannotHold(
      @TempDir Path dir) throws IOException {
    Path model = RepositoryRoot.path().resolve("bench").resolve("models").resolve("ring1k.snn");
    Path out = dir.resolve("default");
    MainTest.Run r = run("compile", model.toString(), "--target", "ice40-up5k", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals("compact", hdl.get("core").asText(), hdl.toString());
    assertEquals(32_768, hdl.get("synapses").asInt(), hdl.toString());
    String choice = hdl.get("core_choice").asText();
    assertTrue(choice.startsWith("the target file's core_template pipelined (")
        && choice.contains("pipelined core, SPRAM layout") && choice.endsWith(": compact)"),
        choice);
    // Asked for by --core pipelined, it is refused: refusals(), "ring1k with --core pipelined".
  }

  /**
   * synfire on the UP5K: the mapper puts its 11 slices on the one core, and compile writes the
   * usual mapping outputs and the single-core board design of that mapping; --emit mapping,tables
   * is accepted.
   */
  @Test
  void up5kWritesTheMappingAndTheSingleCoreBoardDesign(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("synfire.snn").toString(), "--target", "ice40-up5k",
        "--emit", "ir,mapping,tables", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("mapped synfire onto ice40-up5k: 11 slices on 1 core(s)"),
        r.out());
    for (String f : List.of("mapping.json", "report.json", "report.html", "timings.json",
        "tables/chip_0_0.txt", "ir.json", "rtl/synfire_icebreaker.v", "rtl/synfire_system.v",
        "rtl/synfire_load.bin", "rtl/synfire_icebreaker.pcf", "rtl/filelist.f")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertEquals("ice40-up5k", report.get("target").asText());
    assertEquals(1, report.get("cores_used").asInt());
    assertEquals(11, report.get("slices").asInt());
    JsonNode hdl = report.get("hdl");
    assertEquals("synfire_icebreaker", hdl.get("board_top").asText());
    assertEquals(1, hdl.get("cores").asInt());
    assertEquals(1000, hdl.get("neurons").asInt());
    assertEquals(1020, hdl.get("spike_keys").asInt());
    assertEquals(20_000, hdl.get("synapses").asInt());
    assertTrue(hdl.get("memory_layout").asText().startsWith("spram"), hdl.toString());
    assertEquals("pipelined", hdl.get("core").asText(), "the UP5K's default (docs/fpga.md)");
    assertTrue(hdl.get("block_ram_estimate").asInt() <= 30, hdl.toString());
    JsonNode mapping = JSON.readTree(out.resolve("mapping.json").toFile());
    assertTrue(mapping.toString().contains("\"core\":0"), "every slice on core 0");
    assertFalse(mapping.toString().contains("\"core\":1"), "every slice on core 0");
  }

  /**
   * The decision comes from the target's description: the built-in UP5K file copied under
   * another name gives the same mapping and the same RTL (byte for byte but for the target's name
   * in headers), and the HX8K file copied gets the same single-core board design with its board
   * top.
   */
  @Test
  void aUserTargetFileOfTheSameChipGetsTheSameDesign(@TempDir Path dir) throws IOException {
    for (String[] c : new String[][] {{"ice40-up5k", "synfire", "synfire_icebreaker.v"},
        {"ice40-hx8k", "tiny", "tiny_hx8k.v"}}) {
      String json;
      try (var in = snnc.mapper.target.Target.class.getResourceAsStream(
          "/snnc/mapper/targets/" + c[0] + ".json")) {
        json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      String mine = json.replace("\"name\": \"" + c[0] + "\"", "\"name\": \"my-board\"");
      assertFalse(mine.equals(json), "renamed");
      Path file = Files.writeString(dir.resolve(c[0] + "-copy.json"), mine);
      Path builtIn = dir.resolve(c[0] + "-built-in");
      Path copy = dir.resolve(c[0] + "-copy");
      MainTest.Run a = run("compile", example(c[1] + ".snn").toString(), "--target", c[0],
          "--out", builtIn.toString());
      MainTest.Run b = run("compile", example(c[1] + ".snn").toString(), "--target",
          file.toString(), "--out", copy.toString());
      assertEquals(0, a.code(), a.err());
      assertEquals(0, b.code(), b.err());
      assertTrue(Files.exists(copy.resolve("rtl").resolve(c[2])), c[2] + " for the copy");
      List<String> names;
      try (Stream<Path> files = Files.list(builtIn.resolve("rtl"))) {
        names = files.map(p -> p.getFileName().toString()).sorted().toList();
      }
      try (Stream<Path> files = Files.list(copy.resolve("rtl"))) {
        assertEquals(names, files.map(p -> p.getFileName().toString()).sorted().toList());
      }
      for (String n : names) {
        // Same bytes, except where a generated header names the target.
        if (n.endsWith(".bin")) {
          assertArrayEquals(Files.readAllBytes(builtIn.resolve("rtl").resolve(n)),
              Files.readAllBytes(copy.resolve("rtl").resolve(n)), n);
        } else {
          assertEquals(Files.readString(builtIn.resolve("rtl").resolve(n)),
              Files.readString(copy.resolve("rtl").resolve(n)).replace("my-board", c[0]), n);
        }
      }
      assertEquals(Files.readString(builtIn.resolve("mapping.json")),
          Files.readString(copy.resolve("mapping.json")).replace("my-board", c[0]));
      JsonNode hdlA = JSON.readTree(builtIn.resolve("report.json").toFile()).get("hdl");
      JsonNode hdlB = JSON.readTree(copy.resolve("report.json").toFile()).get("hdl");
      assertEquals(hdlA, hdlB);
    }
  }

  /**
   * A network with Poisson sources: its on-chip generator does not fit the UP5K's logic beside
   * the bridge, so the mapped system (one core, Poisson spikes injected by the host through the
   * bridge) is built instead, behind the same UART bridge, and compile says why.
   */
  @Test
  void up5kWithPoissonSourcesBuildsTheMappedSystem(@TempDir Path dir) throws IOException {
    Path model = Files.writeString(dir.resolve("noisy.snn"), """
        network noisy {
          timestep 1 ms
          population drive = SpikeSourcePoisson(rate = 50 Hz) * 8
          population cells = IF_curr_exp() * 8
          connect drive -> cells one_to_one weight 2 nA delay 1 ms
          run 50 ms
        }
        """);
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", model.toString(), "--target", "ice40-up5k", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("the single-core board design does not fit (logic: the on-chip "
        + "Poisson generator"), r.out());
    assertTrue(Files.exists(out.resolve("rtl").resolve("noisy_system.v")));
    assertTrue(Files.exists(out.resolve("rtl").resolve("noisy_board_system.v")),
        "the system behind the bridge");
    assertTrue(Files.readString(out.resolve("rtl").resolve("noisy_icebreaker.v"))
        .contains("noisy_board_system system ("), "the board top wraps the mapped system");
    assertTrue(Files.size(out.resolve("rtl").resolve("noisy_load.bin")) > 0, "a load image");
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals(1, hdl.get("cores").asInt());
    assertEquals("noisy_icebreaker", hdl.get("board_top").asText());
    assertEquals("noisy_system", hdl.get("top").asText());
  }

  /**
   * The built-in HX8K file with {@code cores} cores of at most {@code neurons} neurons each (the
   * built-in file has two, and a spike source takes one of them in the mapping), so a network
   * spreads over several cores of the mapped system.
   */
  private static Path hx8kWithCores(Path dir, int cores, int neurons) throws IOException {
    String json;
    try (var in = snnc.mapper.target.Target.class.getResourceAsStream(
        "/snnc/mapper/targets/ice40-hx8k.json")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String name = "hx8k-" + cores + "x" + neurons;
    String mine = json.replace("\"name\": \"ice40-hx8k\"", "\"name\": \"" + name + "\"")
        .replace("\"cores\": 2,", "\"cores\": " + cores + ",")
        .replace("\"max_neurons\": 256,", "\"max_neurons\": " + neurons + ",");
    assertEquals(3, mine.split(name + "\"|\"cores\": " + cores + ",|\"max_neurons\": " + neurons
        + ",", -1).length - 1, "the three fields were replaced");
    return Files.writeString(dir.resolve(name + ".json"), mine);
  }

  /** Two populations of 30 neurons behind 8 sources: two neuron cores of the HX8K system. */
  static final String CHAIN2 = """
      network chain2 {
        timestep 1 ms
        seed 7
        population stim = SpikeSourceArray(spike_times = [5 ms, 25 ms]) * 8
        population a = IF_curr_exp(tau_refrac = 5 ms) * 30
        population b = IF_curr_exp(tau_refrac = 5 ms) * 30
        connect stim -> a fixed_number_pre(4) weight 2 nA delay 1 ms seed 1
        connect a -> b fixed_number_pre(6) weight 1.5 nA delay 2 ms seed 2
        run 50 ms
      }
      """;

  /**
   * Three compact cores and the UART bridge do not fit the HX8K's logic (refusals(), "three
   * HX8K system cores"), but two fit behind the slimmed bridge (measured: 7,355 logic cells,
   * routed), so a network mapped onto two of its cores is accepted.
   */
  @Test
  void hx8kMultiCoreSystemOfTwoCoresIsAccepted(@TempDir Path dir) throws IOException {
    MainTest.Run r;
    Path chain2 = Files.writeString(dir.resolve("chain2.snn"), CHAIN2);
    Path two = dir.resolve("two");
    r = run("compile", chain2.toString(), "--target", hx8kWithCores(dir, 4, 32).toString(),
        "--out", two.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(r.err().contains("logic"), r.err());
    assertEquals(2, JSON.readTree(two.resolve("report.json").toFile()).get("hdl").get("cores")
        .asInt());
    assertTrue(Files.exists(two.resolve("rtl").resolve("chain2_hx8k.v")), "the board design");
  }

  /**
   * The mapped-system path's bitstream with {@code --clock auto}: tiny mapped onto the HX8K with
   * {@code --core compact} (the mapped system of compact cores, one neuron core; without it tiny
   * would get the pipelined single-core board design) becomes the system behind the UART bridge
   * (SystemBoard: board top tiny_hx8k, load image for core 0, memories preloaded) and a
   * 135,100-byte HX8K image; the flow builds at 12 MHz, then once behind the PLL (SB_PLL40_CORE)
   * at the highest PLL clock at or below that build's Fmax, and keeps the PLL build when it
   * meets its clock. The RTL left in DIR/rtl/ is the kept build's.
   */
  @Test
  void hx8kBitstreamOfTheMappedSystemWithClockAuto(@TempDir Path dir) throws IOException {
    requireFlowTools();
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", "ice40-hx8k",
        "--core", "compact", "--bitstream", "--clock", "auto", "--pnr-seed", "3", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertEquals(135_100, Files.size(out.resolve("bitstream.bin")), "an HX8K image");
    assertTrue(Files.exists(out.resolve("mapping.json")), "mapped");
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals("tiny_system", hdl.get("top").asText());
    assertEquals("tiny_hx8k", hdl.get("board_top").asText());
    assertTrue(hdl.get("core_module").asText().startsWith("snnc_core_"), hdl.toString());
    assertEquals("rtl/tiny_load.bin", hdl.get("load_image").asText());
    assertEquals(3, hdl.get("pnr_seed").asInt(), "both builds placed with --pnr-seed");
    byte[] load = Files.readAllBytes(out.resolve("rtl").resolve("tiny_load.bin"));
    List<byte[]> frames = snnc.hdl.bridge.BridgeProtocol.splitFrames(load);
    for (int i = 0; i < frames.size(); i++) {
      // A5 CMD LEN LEN, then the core: core 0, then the router (instance 1): decode memory,
      // block memory, config.
      int router = i == frames.size() - 3 ? 0 : i == frames.size() - 2 ? 1
          : i == frames.size() - 1 ? 4 : -1;
      assertEquals(router < 0 ? 0 : 1, frames.get(i)[4], "frame " + i + "'s core");
      if (router >= 0) {
        assertEquals(router, frames.get(i)[5], "frame " + i + "'s target");
      }
    }
    int brams = hdl.get("brams").asInt();
    assertTrue(brams > 3 && brams <= hdl.get("block_ram_estimate").asInt(), hdl.toString());
    assertTrue(hdl.get("luts").asInt() > 1000 && hdl.get("luts").asInt() <= 7680,
        hdl.toString());
    assertEquals(0, hdl.get("sprams").asInt(), hdl.toString());
    JsonNode auto = hdl.get("clock_auto");
    assertEquals(12.0, auto.get("first_build").get("clock_mhz").asDouble(), auto.toString());
    double firstFmax = auto.get("first_build").get("fmax_mhz").asDouble();
    assertTrue(firstFmax > 16, "tiny's system routes well above the PLL's floor: " + auto);
    JsonNode second = auto.get("pll_build");
    double pllMhz = second.get("clock_mhz").asDouble();
    assertTrue(pllMhz <= firstFmax && pllMhz > firstFmax - 1, "the highest PLL clock at or "
        + "below the first Fmax: " + auto);
    assertTrue(r.out().contains("--clock auto: Fmax"), r.out());
    String top = Files.readString(out.resolve("rtl").resolve("tiny_hx8k.v"));
    if (second.has("fmax_mhz") && second.get("fmax_mhz").asDouble() >= pllMhz) {
      assertEquals(pllMhz, hdl.get("clock_mhz").asDouble(), 0.01, hdl.toString());
      assertTrue(hdl.get("pll").asText().startsWith("12.000 MHz -> "), hdl.toString());
      assertTrue(top.contains("SB_PLL40_CORE #("), "the kept RTL is the PLL build's");
      assertTrue(hdl.get("fmax_mhz").asDouble() >= pllMhz, hdl.toString());
    } else {
      // nextpnr missed the PLL clock this time: the 12 MHz build and its RTL are kept.
      assertEquals(12.0, hdl.get("clock_mhz").asDouble(), hdl.toString());
      assertTrue(hdl.get("pll").asText().startsWith("none"), hdl.toString());
      assertFalse(top.contains("SB_PLL40_CORE"), "the kept RTL is the 12 MHz build's");
    }
  }

  /**
   * The pipelined single-core board design's bitstream at 90 MHz: synfire240 (240 neurons, 1,920
   * synapses, 98 % of the HX8K's logic cells) behind the UART bridge and a 90 MHz PLL meets its
   * clock, placed with {@code --pnr-seed 1} (95.61 MHz; seeds 2-4: 90.87, 94.76, 94.04 MHz;
   * nextpnr's default seed 88.94 MHz since the bridge's protocol 2, docs/fpga.md "Core
   * template"; nextpnr stops the flow, and so this test, when the routed design misses the
   * clock).
   */
  @Test
  void hx8kBitstreamOfThePipelinedBoardDesignMeets90Mhz(@TempDir Path dir) throws IOException {
    requireFlowTools();
    Path model = RepositoryRoot.path().resolve("bench").resolve("models")
        .resolve("synfire240.snn");
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", model.toString(), "--target", "ice40-hx8k", "--clock", "90",
        "--bitstream", "--pnr-seed", "1", "--out", out.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertEquals(135_100, Files.size(out.resolve("bitstream.bin")), "an HX8K image");
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals("pipelined", hdl.get("core").asText(), hdl.toString());
    assertEquals("synfire240_hx8k", hdl.get("board_top").asText());
    double clock = hdl.get("clock_mhz").asDouble();
    assertTrue(clock >= 89.5 && clock <= 90.5, "a PLL clock of about 90 MHz: " + hdl);
    assertTrue(hdl.get("fmax_mhz").asDouble() >= 90, "meets 90 MHz: " + hdl);
    assertTrue(hdl.get("luts").asInt() > 5_000 && hdl.get("luts").asInt() <= 7_680,
        hdl.toString());
    assertEquals(30, hdl.get("brams").asInt(), hdl.toString());
    assertEquals(1, hdl.get("pnr_seed").asInt(), hdl.toString());
  }

  private static void requireFlowTools() {
    ExternalTools.require(Tool.VERILATOR, Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK);
  }

  /**
   * The real UP5K bitstream of the whole synfire chain (1,000 neurons, 20 sources, 20,000
   * synapses) on the pipelined core in its SPRAM layout (the UP5K's default) behind the UART
   * bridge, clocked at 36 MHz by the PLL and placed with {@code --pnr-seed 1} (measured Fmax
   * 37.2 MHz; seeds 2-4: 38.55, 35.88, 37.78 MHz, nextpnr's default 35.32 MHz since the bridge's
   * protocol 2, so the margin is a placement's; the
   * board co-simulation's 1,217.5 cycles per average step and 4,953 in the worst are 29.6x and
   * 7.3x real time at 36,000 cycles per 1 ms step): the board design, its load image, and the
   * report's figures.
   */
  @Test
  void up5kBitstreamOfTheWholeSynfireChain(@TempDir Path dir) throws IOException {
    requireFlowTools();
    Path out = dir.resolve("out");
    MainTest.Run r = run("compile", example("synfire.snn").toString(), "--target", "ice40-up5k",
        "--bitstream", "--clock", "36", "--pnr-seed", "1", "--out", out.toString());
    assertEquals(0, r.code(), r.err() + r.out());
    assertTrue(r.out().contains("4/4 icepack"), "progress is shown: " + r.out());
    assertTrue(r.out().contains("meets the 36.000 MHz clock"), r.out());
    assertEquals(104_090, Files.size(out.resolve("bitstream.bin")), "an UP5K image");
    assertTrue(Files.exists(out.resolve("mapping.json")), "mapped onto the one core first");
    for (String log : List.of("lint.log", "yosys.log", "nextpnr.log", "icepack.log")) {
      assertTrue(Files.exists(out.resolve("logs").resolve(log)), log);
    }
    Path rtl = out.resolve("rtl");
    assertTrue(Files.exists(rtl.resolve("synfire_icebreaker.v")), "the bridge-driven board top");
    assertTrue(Files.size(rtl.resolve("synfire_load.bin")) > 20_000 * 3, "the load image "
        + "carries the synapse pairs");
    JsonNode hdl = JSON.readTree(out.resolve("report.json").toFile()).get("hdl");
    assertEquals("synfire_system", hdl.get("top").asText());
    assertEquals("synfire_icebreaker", hdl.get("board_top").asText());
    assertEquals(1, hdl.get("cores").asInt());
    assertEquals(1000, hdl.get("neurons").asInt());
    assertEquals(20_000, hdl.get("synapses").asInt());
    assertTrue(hdl.get("memory_layout").asText().startsWith("spram"), hdl.toString());
    assertTrue(hdl.get("luts").asInt() > 1000 && hdl.get("luts").asInt() <= 5280, hdl.toString());
    assertTrue(hdl.get("ffs").asInt() > 0, hdl.toString());
    int brams = hdl.get("brams").asInt();
    assertTrue(brams > 0 && brams <= hdl.get("block_ram_estimate").asInt(), hdl.toString());
    assertEquals(4, hdl.get("sprams").asInt(), "three SPRAMs of synapse pairs, one of rings");
    assertTrue(hdl.get("dsps").asInt() >= 1, hdl.toString());
    assertEquals("pipelined", hdl.get("core").asText(), "the target file's default");
    assertEquals(36.0, hdl.get("clock_mhz").asDouble(), hdl.toString());
    assertTrue(hdl.get("pll").asText().startsWith("12.000 MHz -> 36.000 MHz"), hdl.toString());
    assertTrue(hdl.get("fmax_mhz").asDouble() >= 36, "meets the 36 MHz PLL clock: " + hdl);
    // The co-simulated worst synfire step is 4,954 cycles; the bound covers every key firing.
    assertTrue(hdl.get("cycles_per_step").asLong() >= 4_954, hdl.toString());
    Files.writeString(Path.of("target", "up5k-synfire.json"), hdl.toPrettyString());
  }
}
