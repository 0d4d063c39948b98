package snnc.ir.expand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static snnc.ir.TestNetworks.constant;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.TestNetworks;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;
import snnc.ir.pass.PassContext;

class ExpansionDigestTest {

  @Test
  void digestByteLayoutOnOneSynapse() {
    // one synapse 1 -> 0, weight 0.5 nA, delay 2 ms at dt 1 ms: bytes (little-endian)
    // 01000000 00000000 000000000000e03f 02000000; chunk = sha256(bytes);
    // digest = sha256(chunk), computed with Python's hashlib
    Connector.FromList list = new Connector.FromList(Ints.of(1), Ints.of(0),
        Optional.of(Doubles.of(0.5)), Optional.of(Doubles.of(2.0)), "inline");
    Network n = ConnectorExpanderTest.net(2, 1, list, new ValueSpec.FromConnector(),
        new ValueSpec.FromConnector(), 0, false);
    ProjectionExpansion e = ExpansionDigest.compute(n, n.projections().get(0));
    assertEquals("sha256:4c5f8f0d788fec22e0374464058f9ddc226fc4f00edc6da4f0bb27893ca4f2c1",
        e.digest());
    assertEquals(1, e.synapses());
    assertEquals(2, e.minDelaySteps());
    assertEquals(2, e.maxDelaySteps());
    assertEquals(1, e.maxFanIn());
  }

  @Test
  void emptyProjectionDigestsOneEmptyChunk() {
    Network n = ConnectorExpanderTest.net(3, 3, new Connector.FixedProbability(0, true),
        constant(1), constant(1), 0, false);
    ProjectionExpansion e = ExpansionDigest.compute(n, n.projections().get(0));
    assertEquals("sha256:5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456",
        e.digest());
    assertEquals(0, e.synapses());
  }

  @Test
  void parallelEqualsSequentialAcrossManyChunks() throws Exception {
    Network n = ConnectorExpanderTest.net(500, 10_000, new Connector.FixedNumberPre(20, true,
        false), new ValueSpec.Random(new Distribution.Normal(0.5, 0.1)),
        new ValueSpec.Random(new Distribution.Uniform(1, 10)), 11, false);
    ProjectionExpansion sequential = ExpansionDigest.compute(n, n.projections().get(0));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertEquals(sequential, ExpansionDigest.compute(n, n.projections().get(0), pool));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200_000, sequential.synapses());
    assertEquals(20, sequential.maxFanIn());
    assertEquals(1, sequential.minDelaySteps());
    assertEquals(10, sequential.maxDelaySteps());
  }

  @Test
  void sameSeedSameDigestDifferentSeedDifferent() {
    Connector c = new Connector.FixedProbability(0.2, false);
    ValueSpec w = new ValueSpec.Random(new Distribution.Uniform(0, 1));
    String a = digest(ConnectorExpanderTest.net(100, 100, c, w, constant(1), 1, true));
    assertEquals(a, digest(ConnectorExpanderTest.net(100, 100, c, w, constant(1), 1, true)));
    assertNotEquals(a, digest(ConnectorExpanderTest.net(100, 100, c, w, constant(1), 2, true)));
  }

  @Test
  void expandPassSummarisesEveryProjection() {
    Network n = TestNetworks.network()
        .population("a", 10, CellType.SPIKE_SOURCE_POISSON, 2)
        .population("b", 5, CellType.IF_CURR_EXP, 3)
        .connect("a", "b", new Connector.AllToAll(true), constant(0.1), constant(3), 1, 4)
        .connect("b", "b", new Connector.OneToOne(), constant(0.1), constant(1.5), 1, 5)
        .build();
    PassContext ctx = new PassContext(new DiagnosticSink());
    ExpansionSummary s = new ExpandPass(new ExpandPass.Options(2)).run(n, ctx);
    assertEquals(2, s.projections().size());
    assertEquals(50, s.projections().get(0).synapses());
    assertEquals(10, s.projections().get(0).maxFanIn());
    assertEquals(3, s.projections().get(0).minDelaySteps());
    assertEquals(2, s.projections().get(1).maxDelaySteps());
    assertEquals(55, s.totalSynapses());
    assertEquals(55, ctx.statistics().get("<none>", "synapses"));
  }

  @Test
  void randomParametersAreKeyedByNeuron() {
    Population p = TestNetworks.population("a", 100, CellType.IF_CURR_EXP,
        TestNetworks.at(1, 1), "tau_m",
        new ParamValue.Random(new Distribution.Uniform(10, 20), 5), null, "cm",
        new ParamValue.PerNeuron(Doubles.of(new double[100])), null);
    double[] all = ParamValues.resolve(p, "tau_m");
    assertArrayEquals(java.util.Arrays.copyOfRange(all, 40, 60),
        ParamValues.resolve(p, "tau_m", 40, 60));
    for (double v : all) {
      org.junit.jupiter.api.Assertions.assertTrue(v >= 10 && v < 20);
    }
    assertArrayEquals(new double[100], ParamValues.resolve(p, "cm"));
    assertEquals(-65.0, ParamValues.resolve(p, "v")[99]);
  }

  private static String digest(Network n) {
    return ExpansionDigest.compute(n, n.projections().get(0)).digest();
  }
}
