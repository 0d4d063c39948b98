package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import snnc.ir.RepositoryRoot;

class SimulateCommandTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static MainTest.Run simulate(Path out, String example, String... more) {
    String[] args = Stream.concat(Stream.of("simulate", MainTest.example(example).toString(),
        "--out", out.toString()), Stream.of(more)).toArray(String[]::new);
    return MainTest.run(args);
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void tinyWritesSpikesVoltagesAndRasterWithASummary(@TempDir Path tmp) throws IOException {
    MainTest.Run r = simulate(tmp, "tiny.snn");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertEquals(List.of("raster.png", "spikes.csv", "v_out.csv"), fileNames(tmp));
    assertTrue(r.out().startsWith("tiny: 100 steps of 1 ms (100 ms), 5 synapses, 1 thread: "
        + "src 5 spikes (16.67 Hz), out 2 spikes (10.00 Hz); mean rate 14.00 Hz"), r.out());
    List<String> v = Files.readAllLines(tmp.resolve("v_out.csv"));
    assertEquals("index,time_ms,v_mV", v.get(0));
    assertEquals(1 + 100 * 2, v.size());
    assertEquals("0,0.0,-65.0", v.get(1));
  }

  @Test
  void tinySpikesEqualTheCheckedInBrian2Reference(@TempDir Path tmp) throws IOException {
    assertEquals(0, simulate(tmp, "tiny.snn").code());
    Path brian2 = RepositoryRoot.path().resolve("bench/reference/expected/tiny/spikes.csv");
    assertEquals(Files.readString(brian2), Files.readString(tmp.resolve("spikes.csv")));
  }

  @Test
  void twoRunsWriteIdenticalBytes(@TempDir Path tmp) throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    assertEquals(0, simulate(a, "tiny.snn").code());
    assertEquals(0, simulate(b, "tiny.snn", "--threads", "2").code());
    assertEquals(fileNames(a), fileNames(b));
    for (String name : fileNames(a)) {
      assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)),
          name);
    }
  }

  @Test
  void rasterIsAPngOfTheDocumentedSize(@TempDir Path tmp) throws IOException {
    assertEquals(0, simulate(tmp, "synfire.snn").code());
    byte[] png = Files.readAllBytes(tmp.resolve("raster.png"));
    assertArrayEquals(PNG_SIGNATURE, java.util.Arrays.copyOf(png, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(RasterPlot.WIDTH, image.getWidth());
    assertEquals(RasterPlot.HEIGHT, image.getHeight());
  }

  @Test
  void plasticProjectionsWriteTheirFinalWeights(@TempDir Path tmp) throws IOException {
    MainTest.Run r = simulate(tmp, "stdp.snn", "--steps", "200");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("raster.png", "spikes.csv", "v_neurons.csv",
        "weights_additive_inputs.csv", "weights_multiplicative_inputs.csv"), fileNames(tmp));
    List<String> w = Files.readAllLines(tmp.resolve("weights_additive_inputs.csv"));
    assertEquals("pre,post,weight_nA", w.get(0));
    assertEquals(1 + 50 * 10, w.size());
    for (String line : w.subList(1, w.size())) {
      double weight = Double.parseDouble(line.split(",")[2]);
      assertTrue(weight >= 0 && weight <= 0.6, line);
    }
  }

  @Test
  void projectionNamesBecomeSafeFileNames() {
    assertEquals("stage_0_-to-stage_1_", SimulationOutput.fileName("stage[0]->stage[1]"));
    assertEquals("exc-to-inh_2", SimulationOutput.fileName("exc->inh#2"));
    assertEquals("additive_inputs", SimulationOutput.fileName("additive_inputs"));
    assertEquals("a_b", SimulationOutput.fileName("a/b"));
  }

  @Test
  void stepsShortensTheRun(@TempDir Path tmp) throws IOException {
    MainTest.Run r = simulate(tmp, "tiny.snn", "--steps", "12");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("tiny: 12 steps of 1 ms (12 ms)"), r.out());
    assertEquals(List.of("population,index,time_ms", "src,0,5.0", "src,1,10.0", "out,0,11.0"),
        Files.readAllLines(tmp.resolve("spikes.csv")));
    assertEquals(1 + 12 * 2, Files.readAllLines(tmp.resolve("v_out.csv")).size());
  }

  @Test
  void aBrokenModelExitsOneWithDiagnosticsAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path model = tmp.resolve("bad.snn");
    Files.writeString(model, "network bad {\n  population a = IF_curr_exp() * 2\n"
        + "  connect a -> nowhere all_to_all weight 1 nA delay 1 ms\n  run 10 ms\n}\n");
    Path out = tmp.resolve("out");
    MainTest.Run r = MainTest.run("simulate", model.toString(), "--out", out.toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("bad.snn:3:"), r.err());
    assertTrue(r.err().contains("nowhere"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aMissingModelExitsOne(@TempDir Path tmp) {
    MainTest.Run r = MainTest.run("simulate", tmp.resolve("none.snn").toString(), "--out",
        tmp.resolve("out").toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--steps=0", "--threads=-1", "--mode=double", "--numerics=s16.15",
      "--steps=many"})
  void badOptionValuesExitOne(String option, @TempDir Path tmp) {
    MainTest.Run r = simulate(tmp.resolve("out"), "tiny.snn", option);
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void fixedModeReproducesTheGoldenFixedPointSpikes(@TempDir Path tmp) throws IOException {
    for (String profile : List.of("compact", "s16.15")) {
      Path out = tmp.resolve(profile);
      MainTest.Run r = simulate(out, "synfire.snn", "--mode", "fixed", "--numerics", profile);
      assertEquals(0, r.code(), r.err());
      // The golden files of the sim module hold every cell's spikes; synfire records the stages.
      List<String> golden = Files.readAllLines(RepositoryRoot.path()
          .resolve("sim/src/test/resources/golden/fixed/" + profile + "/synfire.csv")).stream()
          .filter(line -> !line.startsWith("stim,")).toList();
      assertEquals(golden, Files.readAllLines(out.resolve("spikes.csv")));
      String report = Files.readString(out.resolve("quantisation.json"));
      assertTrue(report.contains("\"profile\" : \"" + profile + "\""), report);
      assertTrue(report.contains("\"spikes\""), report);
      // synfire's volleys stay far below the ring limit of either profile.
      assertTrue(report.contains("\"ring_saturations\" : 0"), report);
      assertTrue(r.out().startsWith("quantisation (" + profile + "): "), r.out());
    }
  }

  @Test
  void fixedModeDefaultsToTheCompactProfile(@TempDir Path tmp) throws IOException {
    MainTest.Run r = simulate(tmp, "tiny.snn", "--mode", "fixed");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(tmp.resolve("quantisation.json")).contains("\"compact\""));
  }

  @Test
  void weightsThatRoundToZeroAreAnErrorUnlessAllowed(@TempDir Path tmp) throws IOException {
    Path model = tmp.resolve("small.snn");
    Files.writeString(model, String.join("\n",
        "network small {",
        "  population src = SpikeSourceArray(spike_times = [1 ms]) * 2",
        "  population dst = IF_curr_exp() * 2",
        "  connect src -> dst from_list [(0, 0, 1.0 nA, 1 ms), (1, 1, 0.0001 nA, 1 ms)]",
        "  record dst.spikes",
        "  run 10 ms",
        "}", ""));
    Path out = tmp.resolve("out");
    MainTest.Run r = MainTest.run("simulate", model.toString(), "--mode", "fixed", "--out",
        out.toString());
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("small.snn:4:") && r.err().contains("quant.zero-weight"), r.err());
    assertFalse(Files.exists(out));
    MainTest.Run allowed = MainTest.run("simulate", model.toString(), "--mode", "fixed",
        "--allow-zero-weights", "--out", out.toString());
    assertEquals(0, allowed.code(), allowed.err());
    assertTrue(allowed.err().contains("warning[quant.zero-weight]"), allowed.err());
    assertTrue(Files.readString(out.resolve("quantisation.json")).contains("\"zero_weights\" : 1"));
  }

  @Test
  void fixedModeRejectsWhatAProfileDoesNotImplement(@TempDir Path tmp) {
    MainTest.Run r = simulate(tmp.resolve("out"), "vogels_abbott.snn", "--mode", "fixed");
    assertEquals(Main.USER_ERROR, r.code(), r.err());
    assertTrue(r.err().contains("numerics.unsupported-feature"), r.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void badNumericsOptionsAreUserErrors(@TempDir Path tmp) {
    MainTest.Run unknown = simulate(tmp.resolve("out"), "tiny.snn", "--mode", "fixed",
        "--numerics", "q8.8");
    assertEquals(Main.USER_ERROR, unknown.code());
    assertTrue(unknown.err().contains("s16.15, compact"), unknown.err());
    MainTest.Run floatWithProfile = simulate(tmp.resolve("out"), "tiny.snn", "--numerics",
        "compact");
    assertEquals(Main.USER_ERROR, floatWithProfile.code());
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
