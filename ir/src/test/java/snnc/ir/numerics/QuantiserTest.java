package snnc.ir.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.ir.TestNetworks.at;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.diag.Severity;
import snnc.ir.Connector;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.ProjectionId;
import snnc.ir.Receptor;
import snnc.ir.SynapseDynamics;
import snnc.ir.TestNetworks;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;
import snnc.ir.pass.PassContext;

class QuantiserTest {

  /** Weights 3 nA, 0.001 nA, 0.5 nA, 0.05 nA onto one IF_curr_exp neuron; the weights at 4:40. */
  static Network weights(SynapseDynamics dynamics) {
    Connector list = new Connector.FromList(Ints.of(0, 1, 2, 3), Ints.of(0, 0, 0, 0),
        Optional.of(Doubles.of(3.0, 0.001, 0.5, 0.05)), Optional.of(Doubles.of(1, 1, 1, 1)),
        "test");
    Projection pr = new Projection(new ProjectionId("p"), new PopulationId("src"),
        new PopulationId("n"), list, dynamics, Receptor.EXCITATORY, new ValueSpec.FromConnector(),
        new ValueSpec.FromConnector(), 1L,
        new Projection.Spans(at(4, 1), at(4, 20), at(4, 40), at(4, 60)));
    return TestNetworks.network()
        .population("src", 4, CellType.SPIKE_SOURCE_ARRAY, 2)
        .population("n", 1, CellType.IF_CURR_EXP, 3)
        .add(pr)
        .build();
  }

  static Quantisation run(Network net, Quantiser.Options o, DiagnosticSink sink) {
    return new Quantiser(o).run(net, new PassContext(sink));
  }

  @Test
  void compactChoosesTheShiftForTheLargestWeightAndReportsTheLosses() {
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = run(weights(new SynapseDynamics.Static()),
        Quantiser.Options.of(NumericsProfile.COMPACT), sink);
    // 3 nA in s6.9 is 1536 LSBs; 1536 >> 4 = 96 ≤ 127, so shift 4, one weight LSB = 1/32 nA.
    Quantisation.Shift s = q.shift(new PopulationId("n"), Receptor.EXCITATORY).orElseThrow();
    assertEquals(4, s.shift());
    assertEquals(1.0 / 32, s.smallestWeight());
    assertEquals(96, q.weightRaw(s, 3.0));
    assertEquals(16, q.weightRaw(s, 0.5));
    assertEquals(2, q.weightRaw(s, 0.05)); // 1.6 → 2
    assertEquals(0, q.weightRaw(s, 0.001));
    Quantisation.ProjectionReport r = q.projections().get(0);
    assertEquals(4, r.synapses());
    assertEquals(1, r.zeroWeights());
    assertEquals(0, r.saturatedWeights());
    assertEquals(0.001, r.smallestWeight());
    assertEquals(1.0, r.maxRelativeError());
    List<Diagnostic> errors = sink.all();
    assertEquals(1, errors.size());
    Diagnostic d = errors.get(0);
    assertEquals(Severity.ERROR, d.severity());
    assertEquals("models/test.snn:4:40: quant.zero-weight", d.raw());
    assertTrue(d.message().startsWith("1 of 4 weights"), d.message());
    assertTrue(d.notes().get(0).contains("0.03125"), d.notes().toString());
  }

  @Test
  void zeroWeightsAreAWarningWhenAllowed() {
    DiagnosticSink sink = new DiagnosticSink();
    run(weights(new SynapseDynamics.Static()),
        new Quantiser.Options(NumericsProfile.COMPACT, true), sink);
    assertFalse(sink.hasErrors());
    assertEquals(Severity.WARNING, sink.all().get(0).severity());
    assertEquals(Quantiser.ZERO_WEIGHT, sink.all().get(0).code());
  }

  @Test
  void s1615KeepsSmallWeights() {
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = run(weights(new SynapseDynamics.Static()),
        Quantiser.Options.of(NumericsProfile.S16_15), sink);
    // 3 nA = 98304 LSBs > 65535, so shift 1; 0.001 nA → 16.384 → 16 raw, error 2.3 %.
    Quantisation.Shift s = q.shift(new PopulationId("n"), Receptor.EXCITATORY).orElseThrow();
    assertEquals(1, s.shift());
    assertEquals(16, q.weightRaw(s, 0.001));
    assertFalse(sink.hasErrors(), sink.all().toString());
    assertEquals(0.384 / 16.384, q.maxRelativeError(), 1e-12);
    assertTrue(q.render().contains("shift n.excitatory = 1"), q.render());
  }

  @Test
  void stdpBoundsTakePartInTheShiftAndMultiplicativeIsRefused() {
    SynapseDynamics.PairRule rule = new SynapseDynamics.PairRule(20, 20, 0.01, 0.012);
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = run(weights(new SynapseDynamics.Stdp(rule,
        new SynapseDynamics.Additive(0.0, 6.0))), new Quantiser.Options(
        NumericsProfile.COMPACT, true), sink);
    assertEquals(5, q.shift(new PopulationId("n"), Receptor.EXCITATORY).orElseThrow().shift());
    assertFalse(sink.hasErrors(), sink.all().toString());
    sink = new DiagnosticSink();
    run(weights(new SynapseDynamics.Stdp(rule, new SynapseDynamics.Multiplicative(0.0, 6.0))),
        Quantiser.Options.of(NumericsProfile.COMPACT), sink);
    assertEquals("models/test.snn:4:1: numerics.unsupported-feature", sink.all().get(0).raw());
  }

  @Test
  void weightsBeyondTheStateAreOutOfRange() {
    Connector list = new Connector.FromList(Ints.of(0), Ints.of(0), Optional.of(Doubles.of(100.0)),
        Optional.of(Doubles.of(1)), "test");
    Network net = TestNetworks.network()
        .population("src", 1, CellType.SPIKE_SOURCE_ARRAY, 2)
        .population("n", 1, CellType.IF_CURR_EXP, 3)
        .add(new Projection(new ProjectionId("p"), new PopulationId("src"),
            new PopulationId("n"), list, new SynapseDynamics.Static(), Receptor.EXCITATORY,
            new ValueSpec.FromConnector(), new ValueSpec.FromConnector(), 1L,
            new Projection.Spans(at(4, 1), at(4, 20), at(4, 40), at(4, 60))))
        .build();
    DiagnosticSink sink = new DiagnosticSink();
    run(net, Quantiser.Options.of(NumericsProfile.COMPACT), sink);
    assertEquals("models/test.snn:4:40: quant.out-of-range", sink.all().get(0).raw());
    sink = new DiagnosticSink();
    run(net, Quantiser.Options.of(NumericsProfile.S16_15), sink);
    assertFalse(sink.hasErrors());
  }

  @Test
  void parametersBeyondTheStateAreOutOfRangeAtTheirSpan() {
    Network net = TestNetworks.network()
        .add(TestNetworks.population("n", 3, CellType.IF_CURR_EXP, at(3, 1), "v_thresh", 150.0,
            at(3, 30)))
        .build();
    DiagnosticSink sink = new DiagnosticSink();
    run(net, Quantiser.Options.of(NumericsProfile.COMPACT), sink);
    assertEquals("models/test.snn:3:30: quant.out-of-range", sink.all().get(0).raw());
    assertTrue(sink.all().get(0).message().contains("s7.8"));
  }

  @Test
  void profilesAreConsistent() {
    assertEquals(NumericsProfile.S16_15, NumericsProfile.byName("s16.15").orElseThrow());
    assertEquals(127, NumericsProfile.COMPACT.weightMaxRaw());
    assertEquals(65535, NumericsProfile.S16_15.weightMaxRaw());
    assertEquals(24, NumericsProfile.S16_15.propagatorShift());
    assertEquals(13, NumericsProfile.COMPACT.propagatorShift());
    assertEquals(15, NumericsProfile.S16_15.maxWeightShift(QFormat.parse("s16.15")));
    assertEquals(8, NumericsProfile.COMPACT.maxWeightShift(QFormat.parse("s6.9")));
    // A profile whose products overflow 64 bits is refused.
    assertThrows(IllegalArgumentException.class, () -> new NumericsProfile("wide",
        QFormat.signed(20, 20), QFormat.signed(16, 15), QFormat.unsigned(0, 32),
        QFormat.unsigned(8, 24), 16, false, 32, 16, QFormat.unsigned(15, 16),
        QFormat.unsigned(16, 16), Rounding.HALF_UP, NumericsProfile.Overflow.SATURATE));
  }

  @Test
  void stdpDecayTableEndsWhereEntriesRoundToZero() {
    long[] lut = StdpConstants.lut(1.0, 20.0, NumericsProfile.COMPACT);
    // exp(−k/20)·2^16 < 0.5 first at k = ceil(20·ln(2^17)) = 236.
    assertEquals(236, lut.length);
    assertEquals(62340, lut[1]);
    assertEquals(0, StdpConstants.decay(1 << 11, 236, lut, NumericsProfile.COMPACT));
    assertEquals(1 << 11, StdpConstants.decay(1 << 11, 0, lut, NumericsProfile.COMPACT));
    assertEquals(1948, StdpConstants.decay(1 << 11, 1, lut, NumericsProfile.COMPACT));
    assertEquals(65535, StdpConstants.bump(65000, NumericsProfile.COMPACT));
  }
}
