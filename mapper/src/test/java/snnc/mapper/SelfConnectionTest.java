package snnc.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.mapper.route.RouteTree;
import snnc.mapper.target.Targets;

/**
 * A slice projecting onto itself needs its own spikes back: the traffic graph leaves such a
 * self-loop out (it costs no hops), so the router adds the slice's own core to its tree — once.
 */
class SelfConnectionTest {

  @Test
  void aOneSliceRecurrentNetworkDeliversToItsOwnCoreExactlyOnce() {
    Network network = TestModels.compile("""
        network recurrent {
          timestep 1 ms
          seed 5
          population p = IF_curr_exp() * 50
          connect p -> p fixed_probability(0.2) weight 0.1 nA delay 1 ms seed 7
          run 10 ms
        }
        """);
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults())
        .map(network, Targets.builtIn("spinn5"), sink);
    assertNotNull(r, sink.all().toString());
    assertEquals(1, r.partitioned().slices().size());
    RouteTree tree = r.routing().tree(0);
    int chip = r.placement().chipOf()[0];
    int core = r.placement().coreOf()[0];
    // The whole tree is the source chip, delivering to the slice's own core and nowhere else.
    assertEquals(1, tree.size());
    assertEquals(chip, tree.chips()[0]);
    assertEquals(0, tree.outLinks()[0]);
    assertEquals(1L << core, tree.cores()[0]);
    // Through the compressed tables: the own core receives each key exactly once.
    MapperPropertiesTest.checkDelivery(r);
  }
}
