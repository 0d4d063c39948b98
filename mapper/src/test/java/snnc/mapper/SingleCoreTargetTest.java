package snnc.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.mapper.target.Target;
import snnc.mapper.target.Targets;

/**
 * The UP5K's one core in the SPRAM layout: a network of neurons of two types and spike sources
 * within its 1,024 keys, 32,768 synapses and ring SPRAM maps onto that one core; one that overflows
 * any of them is a located {@code map.machine-capacity} error naming what overflows.
 */
class SingleCoreTargetTest {

  private static final Target UP5K = Targets.builtIn("ice40-up5k");

  /** Sources, an IF_curr_exp and an IF_curr_delta population; synapses per source and delay. */
  static String mixed(int sources, int exc, int delta, int fanIn, int delayMs) {
    return """
        network mixed {
          timestep 1 ms
          population src = SpikeSourceArray(spike_times = [1 ms, 5 ms]) * %d
          population exc = IF_curr_exp() * %d
          population fast = IF_curr_delta() * %d
          connect src -> exc fixed_number_pre(%d) weight 0.5 nA delay %d ms seed 1
          connect exc -> fast fixed_number_pre(%d) weight 0.2 mV delay 1 ms seed 2
          run 20 ms
        }
        """.formatted(sources, exc, delta, fanIn, delayMs, fanIn);
  }

  private static Mapper.Result map(String text, DiagnosticSink sink) {
    Network network = TestModels.compile(text);
    return new Mapper(Mapper.Options.defaults()).map(network, UP5K, sink);
  }

  @Test
  void sourcesAndTwoNeuronTypesShareTheOneCore() {
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = map(mixed(24, 600, 400, 16, 3), sink);
    assertNotNull(r, sink.all().toString());
    assertEquals(3, r.partitioned().slices().size());
    assertTrue(Arrays.stream(r.placement().coreOf()).allMatch(c -> c == 0), "one core");
    assertTrue(Arrays.stream(r.placement().chipOf()).allMatch(c -> c == 0), "one chip");
    MapperPropertiesTest.checkCapacity(r);
    MapperPropertiesTest.checkKeys(r);
    MapperPropertiesTest.checkDelivery(r);
  }

  @Test
  void moreKeysThanTheCoreHoldsIsALocatedErrorNamingThem() {
    DiagnosticSink sink = new DiagnosticSink();
    // 24 + 600 + 410 = 1,034 keys: each population fits, together they do not.
    assertNull(map(mixed(24, 600, 410, 16, 3), sink));
    Diagnostic d = single(sink);
    assertEquals("map.machine-capacity", d.code());
    assertEquals(5, d.span().line(), "at the population where the core runs out: " + d);
    assertTrue(d.message().contains("has 1 application core (1 chip × 1)"), d.message());
    assertTrue(d.message().contains("1,034 neurons and sources, the core holds 1,024"),
        d.message());
    assertTrue(!d.message().contains("synaptic memory"), "synapses fit: " + d.message());
  }

  @Test
  void moreSynapsesThanThePairTableHoldsIsNamed() {
    DiagnosticSink sink = new DiagnosticSink();
    // 560 × 40 + 400 × 40 = 38,400 synapses of 3 bytes: 115,200 of the pair table's 98,304.
    assertNull(map(mixed(48, 560, 400, 40, 3), sink));
    Diagnostic d = single(sink);
    assertEquals("map.machine-capacity", d.code());
    assertTrue(d.message().contains("115,200 bytes of synaptic memory (38,400 synapses), the "
        + "core has 98,304"), d.message());
    assertTrue(!d.message().contains("neurons and sources"), "keys fit: " + d.message());
  }

  @Test
  void longDelaysOverflowTheRingSpram() {
    DiagnosticSink sink = new DiagnosticSink();
    // 16-step delays: 600 neurons × 16 slots × 2 receptors × 2 bytes = 38,400 > 32,768.
    assertNull(map(mixed(24, 600, 400, 4, 16), sink));
    Diagnostic d = single(sink);
    assertEquals("map.machine-capacity", d.code());
    assertTrue(d.message().contains("bytes of local memory (delay rings), the core has 32,768"),
        d.message());
  }

  private static Diagnostic single(DiagnosticSink sink) {
    assertEquals(1, sink.all().size(), sink.all().toString());
    return sink.all().get(0);
  }
}
