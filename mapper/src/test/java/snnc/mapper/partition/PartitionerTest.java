package snnc.mapper.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.mapper.TestModels;
import snnc.mapper.target.Target;
import snnc.mapper.target.Targets;

class PartitionerTest {

  static PartitionedNetwork partition(String model, Target target, DiagnosticSink sink) {
    Network n = TestModels.compile(model);
    return new Partitioner(target, Partitioner.Options.defaults()).partition(n, sink);
  }

  @Test
  void populationsSplitAtTheCoreSizeAndHints() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 600
          population b = IF_curr_exp() * 100
          target spinn5 {
            neurons_per_core b 30
          }
          run 10 ms
        }
        """, Targets.builtIn("spinn5"), sink);
    assertNotNull(p, sink.all().toString());
    List<Slice> a = p.slices().stream().filter(s -> s.population().name().equals("a")).toList();
    assertEquals(3, a.size());
    assertEquals(256, a.get(0).size());
    assertEquals(88, a.get(2).size());
    assertEquals(4, p.slices().stream().filter(s -> s.population().name().equals("b")).count());
  }

  @Test
  void rowsAreBudgetedOnlyForSourcesThatConnect() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 10000
          population b = IF_curr_exp() * 256
          connect a -> b fixed_number_pre(10) weight 0.1 nA delay 1 ms seed 3
          run 10 ms
        }
        """, Targets.builtIn("spinn5"), sink);
    assertNotNull(p, sink.all().toString());
    Slice b = p.slices().stream().filter(s -> s.population().name().equals("b")).findFirst()
        .orElseThrow();
    assertEquals(2560, b.synapses());
    assertTrue(b.rows() <= 2560 && b.rows() > 2000, "rows " + b.rows());
    assertEquals(b.rows() * 12 + 2560 * 4, b.resources().synapticBytes());
  }

  @Test
  void longDelaysGetDelayExtensionSlicesOnSpinnaker() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 300
          population b = IF_curr_exp() * 50
          connect a -> b one_to_one weight 0.1 nA delay 70 ms
          run 100 ms
        }
        """, Targets.builtIn("spinn5"), sink);
    assertNotNull(p, sink.all().toString());
    List<Slice> ext = p.slices().stream().filter(s -> s.kind() == Slice.Kind.DELAY_EXTENSION)
        .toList();
    assertEquals(1, ext.size(), "only the first slice of a connects");
    assertEquals(2, ext.get(0).delayStages());
    assertEquals(0, ext.get(0).extendsSlice());
  }

  @Test
  void consecutiveSlicesShareADelayExtensionCoreUpToOneCoresCellStages() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 2000
          population b = IF_curr_exp() * 50
          connect a -> b all_to_all weight 0.01 nA delay 70 ms
          target spinn5 {
            neurons_per_core a 250
          }
          run 100 ms
        }
        """, Targets.builtIn("spinn5"), sink);
    assertNotNull(p, sink.all().toString());
    List<Slice> ext = p.slices().stream().filter(s -> s.kind() == Slice.Kind.DELAY_EXTENSION)
        .toList();
    // 70 steps need 2 stages beyond 32 slots; a core serves 256 cells × 8 stages = 2,048
    // cell-stages, so four slices of 250 cells (2,000) share one and a fifth would not fit.
    assertEquals(List.of("a[0:1000]+delay", "a[1000:2000]+delay"),
        ext.stream().map(Slice::label).toList());
    for (Slice x : ext) {
      assertEquals(2, x.delayStages());
      assertEquals(2000, x.keyCount());
    }
    for (Slice s : p.slices()) {
      if (s.kind() == Slice.Kind.NEURONS && s.population().name().equals("a")) {
        Slice x = p.extensionOf(s).orElseThrow();
        assertTrue(x.lo() <= s.lo() && s.hi() <= x.hi());
        assertTrue(p.traffic().weightBetween(s.id(), x.id()) > 0, s.label() + " feeds " + x.label());
      }
    }
    assertEquals(0, ext.get(0).extendsSlice());
    assertEquals(4, ext.get(1).extendsSlice());
  }

  @Test
  void everyDelayStageThatASynapseMayReachIsProvided() {
    // Inhibitory delays of the microcircuit: 0.8 ± 0.4 ms pass the 32 slots (3.2 ms) with
    // probability 4.5e-10 per synapse, 4.5e-5 expected over 10^5 synapses: rare, but possible,
    // so the first stage is provided; the second (past 6.4 ms, 14 sd) is not.
    Network n = TestModels.compile("""
        network n {
          timestep 0.1 ms
          population a = IF_curr_exp() * 1000
          population b = IF_curr_exp() * 1000
          connect a -> b fixed_probability(0.1) weight 0.01 nA
              delay normal_clipped(0.8 ms, 0.4 ms, 0.1 ms, 10 ms) seed 5
          run 10 ms
        }
        """);
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = new Partitioner(Targets.builtIn("spinn5"), Partitioner.Options.defaults()
        .withBudget(Partitioner.Budget.STATISTICAL)).partition(n, sink);
    assertNotNull(p, sink.all().toString());
    List<Slice> ext = p.slices().stream().filter(s -> s.kind() == Slice.Kind.DELAY_EXTENSION)
        .toList();
    assertEquals(1, ext.size(), "four slices of a share one extension core");
    assertEquals(1, ext.get(0).delayStages());
    assertEquals(0, ext.get(0).lo());
    assertEquals(1000, ext.get(0).hi());
  }

  @Test
  void delaysBeyondTheTargetAreALocatedError() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 3
          connect a -> a one_to_one weight 0.1 nA delay 20 ms
          run 100 ms
        }
        """, Targets.builtIn("ice40-hx8k"), sink);
    assertNull(p);
    Diagnostic d = sink.all().get(0);
    assertEquals("map.delay-range", d.code());
    assertEquals(3, d.span().line());
  }

  @Test
  void perSynapseDelaysBeyondTheTargetAreFoundBySliceExpansion() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 30
          population b = IF_curr_exp() * 30
          connect a -> b fixed_number_pre(5) weight 0.1 nA
                  delay uniform(1 ms, 30 ms) seed 4
          run 100 ms
        }
        """, Targets.builtIn("ice40-hx8k"), sink);
    assertNull(p);
    Diagnostic d = sink.all().get(0);
    assertEquals("map.delay-range", d.code());
    assertEquals(5, d.span().line());
  }

  @Test
  void aNeuronThatCannotFitIsALocatedErrorNamingTheResource() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 3000
          population b = IF_curr_exp() * 10
          connect a -> b all_to_all weight 0.1 nA delay 1 ms
          run 10 ms
        }
        """, Targets.builtIn("ice40-hx8k"), sink);
    assertNull(p);
    Diagnostic d = sink.all().get(0);
    assertEquals("map.core-capacity", d.code());
    assertEquals(3, d.span().line());
    assertTrue(d.message().contains("fan-in needs 3000"), d.message());
    assertTrue(d.message().contains("256 available"), d.message());
  }

  @Test
  void trafficFollowsRates() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population s = SpikeSourcePoisson(rate = 20 Hz) * 10
          population b = IF_curr_exp() * 10
          connect s -> b one_to_one weight 0.1 nA delay 1 ms
          run 1000 ms
        }
        """, Targets.builtIn("spinn3"), sink);
    assertNotNull(p);
    assertEquals(1, p.traffic().edgeCount());
    assertEquals(200, p.traffic().outWeight(0), "10 sources × 20 Hz");
  }
}
