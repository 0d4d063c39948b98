package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.ir.RepositoryRoot;

class MainTest {

  /** The outcome of one command line: exit code and both streams. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static Path example(String name) {
    return RepositoryRoot.examples().resolve(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "compile", "simulate", "targets", "cosim", "deploy", "regress"})
  void everyVerbHasHelpWithAnExample(String verb) {
    Run r = run(verb, "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Usage: snnc " + verb), r.out());
    assertTrue(r.out().contains("Example"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cosim"})
  void verbsNotBuiltYetSaySoAndExitTwo(String verb) {
    // deploy to SpiNNaker: DeployCommandTest.aSpinnakerBuildIsNotBuiltYet.
    String[] args = switch (verb) {
      case "cosim" -> new String[] {verb, "x.snn", "--target", "spinn5"};
      default -> new String[] {verb, "x.snn"};
    };
    Run r = run(args);
    assertEquals(Main.INTERNAL_ERROR, r.code());
    assertTrue(r.err().contains("not built yet"), r.err());
  }

  @Test
  void regressIsNotBuiltYet() {
    assertEquals(Main.INTERNAL_ERROR, run("regress").code());
  }

  @Test
  void unknownOptionIsAUserError() {
    Run r = run("check", "--no-such-option", "x.snn");
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void checkAcceptsAnExample() {
    Run r = run("check", example("tiny.snn").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("is valid"), r.out());
  }

  @Test
  void missingFileIsAUserErrorWithoutStackTrace() {
    Run r = run("check", "does/not/exist.snn");
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("does/not/exist.snn"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void badModelReportsLocationCodeAndCaret(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("bad.snn");
    Files.writeString(model, String.join("\n",
        "network bad {",
        "  population a = IF_curr_exp(tau_m = 20 mV) * 10",
        "  run 10 ms",
        "}", ""));
    Run r = run("check", model.toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains(model + ":2:"), r.err());
    assertTrue(r.err().contains("error[sema.unit-mismatch]"), r.err());
    assertTrue(r.err().contains("^"), r.err());
    Run raw = run("check", "--raw", model.toString());
    assertTrue(raw.err().lines().anyMatch(l -> l.matches(".*bad\\.snn:2:\\d+: sema\\.unit-mismatch")),
        raw.err());
  }

  @Test
  void compileWritesTheSameIrBytesEveryTime(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("a");
    Path second = dir.resolve("b");
    Run r1 = run("compile", example("synfire.snn").toString(), "--emit", "ir", "--out",
        first.toString());
    Run r2 = run("compile", example("synfire.snn").toString(), "--out", second.toString());
    assertEquals(0, r1.code(), r1.err());
    assertEquals(0, r2.code(), r2.err());
    byte[] a = Files.readAllBytes(first.resolve("ir.json"));
    assertArrayEquals(a, Files.readAllBytes(second.resolve("ir.json")));
    assertTrue(new String(a, java.nio.charset.StandardCharsets.UTF_8).contains("sha256:"));
    try (var files = Files.list(first)) {
      assertEquals(1, files.count(), "only ir.json, no temporary files left behind");
    }
  }

  @Test
  void dumpAfterWritesThePrintedIr(@TempDir Path dir) throws IOException {
    Run r = run("compile", example("tiny.snn").toString(), "--dump-after", "verify", "--out",
        dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(dir.resolve("dump/after-verify.json")).contains("\"populations\""));
  }

  @Test
  void unknownArtefactOrPassIsAUserError(@TempDir Path dir) {
    assertEquals(Main.USER_ERROR,
        run("compile", example("tiny.snn").toString(), "--emit", "bogus", "--out", dir.toString())
            .code());
    assertEquals(Main.USER_ERROR,
        run("compile", example("tiny.snn").toString(), "--dump-after", "nope", "--out",
            dir.toString()).code());
  }

  @Test
  void outputFolderThatIsAFileIsAUserError(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    Run r = run("compile", example("tiny.snn").toString(), "--out", file.toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("cannot"), r.err());
  }

  @Test
  void cosimOnFpgaGenericIsSpikeExactAndWritesSpikes(@TempDir Path dir) throws IOException {
    ExternalTools.require(Tool.VERILATOR);
    Run r = run("cosim", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--out", dir.toString(), "--cache", testCache().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("identical to the golden simulator"), r.out());
    assertTrue(r.out().contains("(1 compact core, compact)"), "the mapped system: " + r.out());
    String csv = Files.readString(dir.resolve("spikes.csv"));
    assertEquals(3, csv.lines().count(), csv);
    Run one = run("cosim", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--one-core", "--out", dir.toString(), "--cache", testCache().toString());
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().contains("(one pipelined core, compact)"),
        "fpga-generic has block RAM: " + one.out());
    assertEquals(csv, Files.readString(dir.resolve("spikes.csv")));
    Run compact = run("cosim", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--one-core", "--template", "compact", "--out", dir.toString(), "--cache",
        testCache().toString());
    assertEquals(0, compact.code(), compact.err());
    assertTrue(compact.out().contains("(one compact core, compact)"), compact.out());
    assertEquals(csv, Files.readString(dir.resolve("spikes.csv")), "same spikes on both cores");
  }

  /**
   * STDP in a mapped multi-core system, end to end: two plastic projections spread over four
   * cores are spike-exact and every final weight equals the golden simulator's (the size class
   * of {@code SystemCosimTest}'s random STDP networks, so no Verilator build of its own).
   */
  @Test
  void cosimOfAnStdpNetworkOnSeveralCoresComparesEveryWeight(@TempDir Path dir)
      throws IOException {
    ExternalTools.require(Tool.VERILATOR);
    Path model = Files.writeString(dir.resolve("plastic_system.snn"), """
        network plastic_system {
          timestep 1 ms
          population inputs = SpikeSourcePoisson(rate = 30 Hz) * 20
          population exc = IF_curr_exp(tau_m = 20 ms, v_thresh = -55 mV, tau_refrac = 2 ms) * 24
          population out = IF_curr_exp(tau_m = 20 ms, v_thresh = -56 mV) * 8
          connect inputs -> exc all_to_all weight 0.8 nA delay 2 ms
              synapse stdp(tau_plus = 20 ms, tau_minus = 30 ms, a_plus = 0.05, a_minus = 0.06,
                           weights = additive(w_min = 0 nA, w_max = 2 nA))
          connect exc -> out all_to_all weight 0.6 nA delay 1 ms
              synapse stdp(tau_plus = 15 ms, tau_minus = 25 ms, a_plus = 0.04, a_minus = 0.05,
                           weights = additive(w_min = 0 nA, w_max = 1.5 nA))
          run 300 ms
        }
        """);
    Run r = run("cosim", model.toString(), "--target", "fpga-generic:neurons_per_core=8",
        "--out", dir.resolve("out").toString(), "--cache", testCache().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("(4 compact cores, compact)"), r.out());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "and 672 final STDP weights \\((\\d+) changed by the run\\), identical").matcher(r.out());
    assertTrue(m.find(), r.out());
    assertTrue(Integer.parseInt(m.group(1)) > 100, "STDP changed the weights: " + r.out());
  }

  @Test
  void cosimRejectsAnUnknownTemplate() {
    Run r = run("cosim", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--one-core", "--template", "fast");
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("unknown core template 'fast'"), r.err());
    Run system = run("cosim", example("tiny.snn").toString(), "--target", "fpga-generic",
        "--template", "compact");
    assertEquals(Main.USER_ERROR, system.code());
    assertTrue(system.err().contains("add --one-core"), system.err());
  }

  /** Shared with sim's co-simulation tests ({@code CosimSupport.testCache}): one build each. */
  private static Path testCache() {
    String env = System.getenv("SNNC_CACHE_DIR");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of("..", "target", "snnc-cache").toAbsolutePath().normalize();
  }
}
