package snnc.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.mapper.partition.PlacementUnits;
import snnc.mapper.partition.Slice;
import snnc.mapper.report.MappingReport;
import snnc.mapper.target.Target;
import snnc.mapper.target.Targets;

/**
 * Several populations on one core: a chain with more layers than the machine has cores maps, with
 * every core within its capacities, and keys, routes and tables still per slice and correct.
 */
class SharedCoresTest {

  static String chain(int layers, int n) {
    return """
        network chain {
          timestep 1 ms
          seed 3
          population input = SpikeSourcePoisson(rate = 20 Hz) * %d
          population layer[%d] = IF_curr_exp() * %d
          connect input -> layer[0] one_to_one weight 0.5 nA delay 1 ms
          for i in 0 ..< %d {
            connect layer[i] -> layer[i + 1] fixed_number_pre(5) weight 0.4 nA
                    delay uniform(1 ms, 4 ms) seed 10 + i
          }
          run 100 ms
        }
        """.formatted(n, layers, n, layers - 1);
  }

  static Target fpga(int cores) throws Exception {
    return Targets.resolve("fpga-generic:cores=" + cores);
  }

  @Test
  void aChainLongerThanTheMachineSharesCores() throws Exception {
    Network network = TestModels.compile(chain(30, 40));
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults()).map(network, fpga(8), sink);
    assertNotNull(r, sink.all().toString());
    Map<String, Object> report = MappingReport.report(r);
    assertEquals(31, report.get("slices"));
    long cores = (Long) report.get("cores_used");
    assertTrue(cores <= 8, "cores " + cores);
    MapperPropertiesTest.checkCapacity(r);
    MapperPropertiesTest.checkObjective(r);
    MapperPropertiesTest.checkKeys(r);
    MapperPropertiesTest.checkCompression(r);
    MapperPropertiesTest.checkDelivery(r);
    // Consecutive layers share a core, so most of the chain's traffic stays on its core.
    int sameCore = 0;
    for (int s = 1; s < 30; s++) {
      sameCore += r.placement().chipOf()[s] == r.placement().chipOf()[s + 1] ? 1 : 0;
    }
    assertTrue(sameCore >= 20, "consecutive layers on one core: " + sameCore);
  }

  @Test
  void withoutPackingTheChainDoesNotFit() throws Exception {
    Network network = TestModels.compile(chain(30, 40));
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults().withPacking(Mapper.Packing.NONE))
        .map(network, fpga(8), sink);
    assertNull(r);
    assertEquals("map.machine-capacity", sink.all().get(0).code());
  }

  @Test
  void packingRespectsEveryCapacityAndKeepsSourcesApart() throws Exception {
    Network network = TestModels.compile(chain(12, 300));
    Target t = Targets.resolve("fpga-generic:cores=16,neurons_per_core=1000");
    DiagnosticSink sink = new DiagnosticSink();
    var p = new snnc.mapper.partition.Partitioner(t,
        snnc.mapper.partition.Partitioner.Options.defaults()).partition(network, sink);
    assertNotNull(p, sink.all().toString());
    PlacementUnits u = PlacementUnits.sharedCores(p, null);
    for (int[] members : u.members()) {
      int cells = 0;
      long local = 0;
      for (int s : members) {
        Slice slice = p.slices().get(s);
        cells += slice.size();
        local += slice.resources().localBytes();
      }
      assertTrue(cells <= 1000, "cells " + cells);
      assertTrue(local <= t.core().localMemoryBytes());
      boolean source = members.length > 0 && p.slices().get(members[0]).population().name()
          .equals("input");
      assertFalse(source && members.length > 1, "a source slice shares only with sources");
    }
    // 300-neuron layers: three to a 1000-neuron core.
    assertEquals(1 + 4, u.units());
  }

  @Test
  void chipClustersFillChipsInSliceOrder() {
    Network network = TestModels.compile(chain(10, 100));
    Target t = Targets.builtIn("spinn5");
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults()
        .withPacking(Mapper.Packing.CHIP_CLUSTERS)).map(network, t, sink);
    assertNotNull(r, sink.all().toString());
    MapperPropertiesTest.checkCapacity(r);
    MapperPropertiesTest.checkObjective(r);
    MapperPropertiesTest.checkDelivery(r);
    // 11 slices and 17 application cores per chip: one cluster, one chip.
    assertEquals(1, r.placement().chipsUsed());
  }
}
