package snnc.ir.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.ir.TestNetworks.at;
import static snnc.ir.TestNetworks.constant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import snnc.diag.Diagnostic;
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
import snnc.ir.model.CellType;

/**
 * One test per verifier code. Projections sit on line 5 with the connector at column 20, the weight
 * at column 40 and the delay at column 60 (see {@link TestNetworks#projection}).
 */
class NetworkVerifierTest {

  private static final String F = "models/test.snn:";

  /** src (10 sources, line 2) and exc (20 neurons, line 3). */
  private static TestNetworks base() {
    return TestNetworks.network()
        .population("src", 10, CellType.SPIKE_SOURCE_ARRAY, 2)
        .population("exc", 20, CellType.IF_CURR_EXP, 3);
  }

  private static Network withProjection(Connector c, ValueSpec w, ValueSpec d) {
    return base().connect("src", "exc", c, w, d, 1, 5).build();
  }

  private static Network allToAll(ValueSpec w, ValueSpec d) {
    return withProjection(new Connector.AllToAll(true), w, d);
  }

  private static List<Diagnostic> diagnostics(Network n) {
    DiagnosticSink sink = new DiagnosticSink();
    NetworkVerifier.verify(n, sink);
    return sink.all();
  }

  private static List<String> raw(Network n) {
    return diagnostics(n).stream().map(Diagnostic::raw).collect(Collectors.toList());
  }

  private static void assertRaw(Network n, String... expected) {
    assertEquals(List.of(expected), raw(n));
  }

  @Test
  void aValidNetworkHasNoDiagnostics() {
    assertRaw(allToAll(constant(0.5), constant(1)));
  }

  @Test
  void timestep() {
    assertRaw(base().timestep(0).build(), F + "1:1: ir.timestep");
    assertEquals("timestep must be greater than zero, got -1 ms",
        diagnostics(base().timestep(-1).build()).get(0).message());
  }

  @Test
  void runLength() {
    assertRaw(base().run(-5).build(), F + "1:1: ir.run-length");
    Network n = base().timestep(0.1).run(10.05).build();
    assertRaw(n, F + "1:1: ir.run-length");
    assertEquals(List.of("use 10 ms or 10.1 ms"), diagnostics(n).get(0).notes());
    assertRaw(base().timestep(0.1).run(10.3).build());
  }

  @Test
  void populationSize() {
    assertRaw(base().population("empty", 0, CellType.IF_CURR_EXP, 7).build(),
        F + "7:1: ir.population-size");
  }

  @Test
  void paramRangeOnConstantsListsAndDistributions() {
    Network n = base().add(TestNetworks.population("bad", 3, CellType.IF_CURR_EXP, at(7, 1),
        "tau_m", -20.0, at(7, 30),
        "cm", new ParamValue.PerNeuron(Doubles.of(1, -1, 0)), at(7, 40),
        "tau_syn_E", new ParamValue.Random(new Distribution.Uniform(-1, 5), 1), at(7, 50),
        "tau_syn_I", new ParamValue.Random(new Distribution.Normal(5, 1), 1), at(7, 60),
        "tau_refrac", new ParamValue.Random(new Distribution.NormalClipped(1, 1, 0, 3), 1),
        at(7, 70))).build();
    assertRaw(n, F + "7:40: ir.param-range", F + "7:30: ir.param-range",
        F + "7:50: ir.param-range", F + "7:60: ir.param-range");
    List<Diagnostic> d = diagnostics(n);
    assertEquals("cm[1] must be greater than zero, got -1 nF (and 1 more)", d.get(0).message());
    assertEquals("tau_m must be greater than zero, got -20 ms", d.get(1).message());
    assertEquals(List.of("use normal_clipped(mean, sd, low, high)"), d.get(3).notes());
  }

  @Test
  void listLengthOfPerNeuronValuesAndArrays() {
    Network n = base().add(TestNetworks.population("bad", 3, CellType.IF_CURR_EXP, at(7, 1),
        "v_rest", new ParamValue.PerNeuron(Doubles.of(1, 2)), at(7, 30))).build();
    assertRaw(n, F + "7:30: ir.list-length");
    assertRaw(allToAll(new ValueSpec.Array(Doubles.of(1, 2, 3)), constant(1)),
        F + "5:40: ir.list-length");
    assertRaw(base().population("twin", 10, CellType.IF_CURR_EXP, 4)
        .connect("src", "twin", new Connector.OneToOne(), constant(1),
            new ValueSpec.Array(Doubles.of(new double[200])), 1, 5).build(),
        F + "5:60: ir.list-length");
  }

  @Test
  void spikeTimes() {
    Function<List<Doubles>, Network> times = lists -> TestNetworks.network()
        .add(TestNetworks.population("s", 2, CellType.SPIKE_SOURCE_ARRAY, at(2, 1),
            "spike_times", new ParamValue.SpikeTimes(lists), at(2, 30))).build();
    assertRaw(times.apply(List.of(Doubles.of(1, 5, 3))), F + "2:30: ir.spike-times");
    assertRaw(times.apply(List.of(Doubles.of(-1, 5))), F + "2:30: ir.spike-times");
    assertRaw(times.apply(List.of(Doubles.of(1), Doubles.of(2), Doubles.of(3))),
        F + "2:30: ir.spike-times");
    assertRaw(times.apply(List.of(Doubles.of(1, 1, 2), Doubles.of())));
  }

  @Test
  void unknownPopulation() {
    Network n = base().connect("src", "ghost", new Connector.AllToAll(true), constant(1),
        constant(1), 1, 5).add(new Recording(new PopulationId("nobody"),
            Set.of(Recording.Variable.SPIKES), Optional.empty(), at(9, 3))).build();
    assertRaw(n, F + "5:1: ir.unknown-population", F + "9:3: ir.unknown-population");
  }

  @Test
  void duplicateName() {
    Network n = base().population("exc", 5, CellType.IF_CURR_EXP, 6).build();
    assertRaw(n, F + "6:1: ir.duplicate-name");
    assertEquals(List.of("first defined at models/test.snn:3:1"), diagnostics(n).get(0).notes());
  }

  @Test
  void probabilityRange() {
    Network n = withProjection(new Connector.FixedProbability(1.5, true), constant(1),
        constant(1));
    assertRaw(n, F + "5:20: ir.probability-range");
    assertEquals("p_connect must be between 0 and 1, got 1.5", diagnostics(n).get(0).message());
  }

  @Test
  void sizeMismatch() {
    assertRaw(withProjection(new Connector.OneToOne(), constant(1), constant(1)),
        F + "5:20: ir.size-mismatch");
    assertRaw(withProjection(new Connector.Kernel(2, 5, 2, 5, 1, 1, 1, 1, 0, 0, Optional.empty()),
        constant(1), constant(1)), F + "5:20: ir.size-mismatch");
  }

  @Test
  void connectorCountCountsSelfExclusion() {
    assertRaw(withProjection(new Connector.FixedNumberPre(11, true, false), constant(1),
        constant(1)), F + "5:20: ir.connector-count");
    assertRaw(withProjection(new Connector.FixedNumberPre(-1, true, false), constant(1),
        constant(1)), F + "5:20: ir.connector-count");
    assertRaw(withProjection(new Connector.FixedNumberPre(11, true, true), constant(1),
        constant(1)));
    assertRaw(withProjection(new Connector.FixedNumberPost(21, true, false), constant(1),
        constant(1)), F + "5:20: ir.connector-count");
    Network self = base().connect("exc", "exc", new Connector.FixedNumberPre(20, false, false),
        constant(1), constant(1), 1, 5).build();
    assertRaw(self, F + "5:20: ir.connector-count");
    assertTrue(diagnostics(self).get(0).message().contains("only 19 pre neurons"));
    assertRaw(base().connect("exc", "exc", new Connector.FixedNumberPre(20, true, false),
        constant(1), constant(1), 1, 5).build());
  }

  @Test
  void indexOutOfRange() {
    Connector.FromList list = new Connector.FromList(Ints.of(0, 10, 3), Ints.of(0, 1, 25),
        Optional.empty(), Optional.empty(), "inline");
    assertRaw(withProjection(list, constant(1), constant(1)),
        F + "5:20: ir.index-out-of-range", F + "5:20: ir.index-out-of-range");
    assertRaw(base().add(new Recording(new PopulationId("exc"), Set.of(Recording.Variable.V),
        Optional.of(new Recording.Range(10, 30)), at(9, 1))).build(),
        F + "9:1: ir.index-out-of-range");
  }

  @Test
  void kernelShape() {
    // 2×5 input, 2×2 kernel, stride 1 gives 1×4, not 2×10
    assertRaw(withProjection(new Connector.Kernel(2, 5, 2, 10, 2, 2, 1, 1, 0, 0,
        Optional.empty()), constant(1), constant(1)), F + "5:20: ir.kernel-shape");
    assertRaw(withProjection(new Connector.Kernel(2, 5, 2, 10, 0, 1, 1, 1, 0, 0,
        Optional.empty()), constant(1), constant(1)), F + "5:20: ir.kernel-shape");
    // 2×5 input, 1×1 kernel, stride 1 gives 2×5 onto 20 neurons: shape fine, size mismatch
    assertRaw(base().population("map", 10, CellType.IF_CURR_EXP, 4)
        .connect("src", "map", new Connector.Kernel(2, 5, 2, 5, 1, 1, 1, 1, 0, 0,
            Optional.of(Doubles.of(1, 2))), new ValueSpec.FromConnector(), constant(1), 1, 5)
        .build(), F + "5:20: ir.kernel-shape");
  }

  @Test
  void delayTooShortOnConstantsArraysListsAndLowerBounds() {
    Network n = allToAll(constant(1), constant(0.5));
    assertRaw(n, F + "5:60: ir.delay-too-short");
    assertEquals("delay 0.5 ms rounds to 0 timesteps", diagnostics(n).get(0).message());
    assertRaw(allToAll(constant(1), constant(0.51)));
    double[] delays = new double[200];
    java.util.Arrays.fill(delays, 2);
    delays[17] = 0.2;
    assertRaw(allToAll(constant(1), new ValueSpec.Array(Doubles.of(delays))),
        F + "5:60: ir.delay-too-short");
    Connector.FromList list = new Connector.FromList(Ints.of(0, 1), Ints.of(0, 1),
        Optional.empty(), Optional.of(Doubles.of(1, 0.4)), "inline");
    assertRaw(withProjection(list, constant(1), new ValueSpec.FromConnector()),
        F + "5:60: ir.delay-too-short");
    assertRaw(allToAll(constant(1), new ValueSpec.Random(new Distribution.Uniform(0.2, 3))),
        F + "5:60: ir.delay-too-short");
    assertRaw(allToAll(constant(1), new ValueSpec.Random(
        new Distribution.NormalClipped(2, 1, 0.1, 4))), F + "5:60: ir.delay-too-short");
    assertRaw(allToAll(constant(1), new ValueSpec.Random(
        new Distribution.NormalClipped(2, 1, 1, 4))));
    Network fine = base().timestep(0.1).connect("src", "exc", new Connector.AllToAll(true),
        constant(1), constant(0.15), 1, 5).build();
    assertRaw(fine);
  }

  @Test
  void delayUnbounded() {
    Network n = allToAll(constant(1), new ValueSpec.Random(new Distribution.Normal(3, 1)));
    assertRaw(n, F + "5:60: ir.delay-unbounded");
    assertEquals(List.of("use normal_clipped(mean, sd, low, high)"),
        diagnostics(n).get(0).notes());
    assertRaw(allToAll(constant(1), new ValueSpec.Random(new Distribution.Exponential(3))),
        F + "5:60: ir.delay-unbounded");
  }

  @Test
  void distribution() {
    assertRaw(allToAll(new ValueSpec.Random(new Distribution.Normal(1, -1)), constant(1)),
        F + "5:40: ir.distribution");
    assertRaw(allToAll(constant(1), new ValueSpec.Random(new Distribution.Uniform(3, 3))),
        F + "5:60: ir.distribution");
    assertRaw(allToAll(constant(1), new ValueSpec.Random(
        new Distribution.NormalClipped(1, 0.1, 5, 6))), F + "5:60: ir.distribution");
    assertRaw(allToAll(new ValueSpec.Random(new Distribution.Exponential(0)), constant(1)),
        F + "5:40: ir.distribution");
  }

  @Test
  void weightSign() {
    Network n = allToAll(constant(-0.5), constant(1));
    assertRaw(n, F + "5:40: ir.weight-sign");
    assertEquals("weights on an excitatory receptor must be zero or more, got -0.5 nA",
        diagnostics(n).get(0).message());
    double[] w = new double[200];
    w[150] = -1;
    assertRaw(allToAll(new ValueSpec.Array(Doubles.of(w)), constant(1)),
        F + "5:40: ir.weight-sign");
    Connector.FromList list = new Connector.FromList(Ints.of(0, 1), Ints.of(0, 1),
        Optional.of(Doubles.of(0.1, -0.1)), Optional.empty(), "inline");
    assertRaw(withProjection(list, new ValueSpec.FromConnector(), constant(1)),
        F + "5:40: ir.weight-sign");
    assertRaw(allToAll(new ValueSpec.Random(new Distribution.Uniform(-1, 1)), constant(1)),
        F + "5:40: ir.weight-sign");
    Projection p = TestNetworks.projection("src", "exc", new Connector.AllToAll(true),
        constant(-0.5), constant(1), 1, 5);
    Projection inhibitory = new Projection(p.id(), p.pre(), p.post(), p.connector(), p.synapse(),
        Receptor.INHIBITORY, p.weight(), p.delay(), p.seed(), p.spans());
    assertRaw(base().add(inhibitory).build());
    Network cond = TestNetworks.network().population("src", 2, CellType.SPIKE_SOURCE_POISSON, 2)
        .population("c", 2, CellType.IF_COND_EXP, 3).add(new Projection(
            new ProjectionId("i"), new PopulationId("src"), new PopulationId("c"),
            new Connector.AllToAll(true), new SynapseDynamics.Static(), Receptor.INHIBITORY,
            constant(-0.01), constant(1), 1, Projection.Spans.all(at(5, 2)))).build();
    assertRaw(cond, F + "5:2: ir.weight-sign");
  }

  @Test
  void stdpParams() {
    SynapseDynamics.Stdp bad = new SynapseDynamics.Stdp(
        new SynapseDynamics.PairRule(0, 20, 0.01, 0.01), new SynapseDynamics.Additive(1, 0));
    Projection p = TestNetworks.projection("src", "exc", new Connector.AllToAll(true),
        constant(0.5), constant(1), 1, 5);
    Network n = base().add(new Projection(p.id(), p.pre(), p.post(), p.connector(), bad,
        p.receptor(), p.weight(), p.delay(), p.seed(), p.spans())).build();
    assertRaw(n, F + "5:1: ir.stdp-params", F + "5:1: ir.stdp-params");
    SynapseDynamics.Stdp good = new SynapseDynamics.Stdp(
        new SynapseDynamics.PairRule(20, 20, 0.01, 0.01), new SynapseDynamics.Additive(0, 1));
    Network ontoSource = base().add(new Projection(new ProjectionId("back"),
        new PopulationId("exc"), new PopulationId("src"), new Connector.AllToAll(true), good,
        Receptor.EXCITATORY, constant(0.5), constant(1), 1, Projection.Spans.all(at(6, 1))))
        .build();
    assertRaw(ontoSource, F + "6:1: ir.stdp-params");
  }

  @Test
  void sourceTargetAndValueSource() {
    assertRaw(base().connect("exc", "src", new Connector.AllToAll(true), constant(1),
        constant(1), 1, 5).build(), F + "5:1: ir.source-target");
    assertRaw(allToAll(new ValueSpec.FromConnector(), constant(1)),
        F + "5:40: ir.value-source");
  }

  @Test
  void notRecordable() {
    Network n = base().add(new Recording(new PopulationId("src"),
        Set.of(Recording.Variable.SPIKES, Recording.Variable.V), Optional.empty(), at(9, 8)))
        .add(new Recording(new PopulationId("exc"), Set.of(Recording.Variable.GSYN_EXC),
            Optional.empty(), at(10, 8))).build();
    assertRaw(n, F + "9:8: ir.not-recordable", F + "10:8: ir.not-recordable");
    assertEquals(List.of("recordable: spikes"), diagnostics(n).get(0).notes());
  }

  @Test
  void targetHints() {
    TargetHints t = new TargetHints("spinn5", Optional.empty(), OptionalInt.of(0),
        Map.of(new PopulationId("exc"), 64), List.of(
            new TargetHints.Pin(new PopulationId("ghost"), List.of(0, 0), at(12, 3)),
            new TargetHints.Pin(new PopulationId("exc"), List.of(0, -1, 2), at(13, 3))),
        at(11, 1));
    assertRaw(base().target(t).build(), F + "11:1: ir.target-hint", F + "12:3: ir.target-hint",
        F + "13:3: ir.target-hint");
  }
}
