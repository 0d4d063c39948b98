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
  void delaysBeyondTheTargetAreALocatedError() {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = partition("""
        network n {
          population a = IF_curr_exp() * 3
          connect a -> a one_to_one weight 0.1 nA delay 20 ms
          run 100 ms
        }
        """, Targets.builtIn("ice40-up5k"), sink);
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
        """, Targets.builtIn("ice40-up5k"), sink);
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
