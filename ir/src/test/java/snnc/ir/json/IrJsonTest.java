package snnc.ir.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.ir.TestNetworks.at;
import static snnc.ir.TestNetworks.constant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.diag.DiagnosticSink;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.ProjectionId;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.SynapseDynamics;
import snnc.ir.TargetHints;
import snnc.ir.TestNetworks;
import snnc.ir.ValueSpec;
import snnc.ir.expand.ExpandPass;
import snnc.ir.expand.ExpansionSummary;
import snnc.ir.model.CellType;
import snnc.ir.pass.PassContext;

class IrJsonTest {

  private static final Path GOLDEN = Paths.get("src/test/resources/snnc/ir/json/tiny.ir.json");

  /** A tiny network touching every part of the JSON form. */
  static Network tiny() {
    SynapseDynamics.Stdp stdp = new SynapseDynamics.Stdp(
        new SynapseDynamics.PairRule(20, 20, 0.01, 0.012),
        new SynapseDynamics.Multiplicative(0, 1));
    return TestNetworks.network().name("tiny").timestep(0.1).run(50)
        .add(TestNetworks.population("stim", 2, CellType.SPIKE_SOURCE_ARRAY, at(3, 3),
            "spike_times", new ParamValue.SpikeTimes(List.of(Doubles.of(1, 2.5), Doubles.of(3))),
            at(3, 40)))
        .add(TestNetworks.population("exc", 4, CellType.IF_CURR_EXP, at(4, 3),
            "tau_m", 10.0, at(4, 30),
            "v_thresh", new ParamValue.Random(new Distribution.NormalClipped(-50, 1, -55, -45), 3),
            at(4, 50),
            "i_offset", new ParamValue.PerNeuron(Doubles.of(0, 0.1, 0.2, 0.3)), at(4, 70)))
        .connect("stim", "exc", new Connector.FixedNumberPre(1, true, false), constant(0.5),
            new ValueSpec.Random(new Distribution.Uniform(1, 2)), 7, 6)
        .add(new Projection(new ProjectionId("recurrent"), new PopulationId("exc"),
            new PopulationId("exc"), new Connector.FromList(Ints.of(0, 1, 2), Ints.of(1, 2, 3),
                Optional.of(Doubles.of(0.1, 0.2, 0.3)), Optional.empty(), "inline"), stdp,
            Receptor.INHIBITORY, new ValueSpec.FromConnector(),
            new ValueSpec.Array(Doubles.of(fill(16, 1.0))),
            0, Projection.Spans.all(at(7, 3))))
        .add(new Recording(new PopulationId("exc"), Set.of(Recording.Variable.SPIKES,
            Recording.Variable.V), Optional.of(new Recording.Range(0, 2)), at(9, 3)))
        .target(new TargetHints("spinn5", Optional.of("s16.15"), OptionalInt.of(64),
            Map.of(new PopulationId("exc"), 2),
            List.of(new TargetHints.Pin(new PopulationId("exc"), List.of(0, 0, 3), at(12, 5))),
            at(11, 3)))
        .build();
  }

  private static double[] fill(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static ExpansionSummary expand(Network n) {
    return new ExpandPass(new ExpandPass.Options(2)).run(n, new PassContext(new DiagnosticSink()));
  }

  @Test
  void tinyNetworkMatchesGolden() throws IOException {
    Network n = tiny();
    String json = IrJson.toJson(n, expand(n));
    Path golden = Paths.get(System.getProperty("user.dir")).resolve(GOLDEN);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, json, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), json);
  }

  @Test
  void sameInputSameBytes() {
    String a = IrJson.toJson(tiny(), expand(tiny()));
    String b = IrJson.toJson(tiny(), expand(tiny()));
    assertArrayEquals(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertTrue(a.endsWith("}\n"));
    assertFalse(a.contains("\r"));
    assertTrue(a.startsWith("{\n  \"format\": \"snnc-ir/1\",\n"));
  }

  @Test
  void longListsAreHashed() {
    double[] w = new double[200];
    Network n = TestNetworks.network()
        .population("a", 10, CellType.SPIKE_SOURCE_POISSON, 2)
        .population("b", 20, CellType.IF_CURR_EXP, 3)
        .connect("a", "b", new Connector.AllToAll(true), new ValueSpec.Array(Doubles.of(w)),
            constant(1), 1, 4).build();
    String json = IrJson.toJson(n);
    assertTrue(json.contains("\"count\": 200,"), json);
    assertTrue(json.contains("\"sha256\": \"" + IrJson.sha256Hex(Doubles.of(w)) + "\""));
    assertFalse(json.contains("\"expansion\""));
  }

  @Test
  void writeIsAtomicAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out").resolve("ir.json");
    Network n = tiny();
    IrJson.write(n, null, file);
    assertEquals(IrJson.toJson(n), Files.readString(file));
    Files.writeString(file, "stale");
    IrJson.write(n, expand(n), file);
    assertEquals(IrJson.toJson(n, expand(n)), Files.readString(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void spansUseTheFileBaseName() {
    assertEquals("test.snn:3:7", IrJson.location(at(3, 7)));
    assertEquals("gen", IrJson.location(snnc.diag.Span.generated("gen")));
  }
}
