package snnc.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.mapper.partition.Slice;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.route.RouteTree;
import snnc.mapper.tables.ChipTable;
import snnc.mapper.tables.RoutingEntry;
import snnc.mapper.target.Machine;
import snnc.mapper.target.Target;

/**
 * End-to-end properties on random networks and small machines: capacities respected, reported
 * objective equal to the recomputed one, every route reaching every target core exactly once through
 * the compressed tables, keys disjoint and aligned, compressed tables routing every key as the
 * uncompressed ones do.
 */
class MapperPropertiesTest {

  static String randomModel(long seed, int pops) {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder("network rnd {\n  timestep 1 ms\n  seed 5\n");
    boolean[] source = new boolean[pops];
    for (int i = 0; i < pops; i++) {
      int size = 1 + r.nextInt(40);
      source[i] = i == 0 || r.nextInt(4) == 0;
      s.append("  population p").append(i).append(" = ").append(source[i]
          ? "SpikeSourcePoisson(rate = " + (1 + r.nextInt(50)) + " Hz)"
          : "IF_curr_exp(tau_m = 20 ms)").append(" * ").append(size).append('\n');
    }
    int projections = 1 + r.nextInt(3 * pops);
    for (int k = 0; k < projections; k++) {
      int a = r.nextInt(pops);
      int b = r.nextInt(pops);
      if (source[b]) {
        continue;
      }
      int delay = r.nextInt(5) == 0 ? 17 + r.nextInt(40) : 1 + r.nextInt(16);
      s.append("  connect p").append(a).append(" -> p").append(b).append(" fixed_probability(0.")
          .append(1 + r.nextInt(5)).append(") weight 0.1 nA delay ").append(delay)
          .append(" ms seed ").append(k + 1).append('\n');
    }
    s.append("  run 100 ms\n}\n");
    return s.toString();
  }

  static Target target(int kind) {
    return switch (kind) {
      case 0 -> TestModels.small(3, 3, true, "hex", 3, 16, 1023);
      case 1 -> TestModels.small(3, 2, false, "mesh4", 2, 12, 1023);
      default -> TestModels.small(4, 4, true, "hex", 2, 20, 8);
    };
  }

  @Property(tries = 60)
  void mappingsAreConsistent(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int pops,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll boolean compressFull,
      @ForAll Mapper.Packing packing) {
    Network network = TestModels.compile(randomModel(seed, pops));
    Target target = target(kind);
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults().withCompressFull(compressFull)
        .withPacking(packing)).map(network, target, sink);
    Statistics.label("outcome").collect(r == null ? "map error" : r.placement().chipsUsed() > 1
        ? "multi-chip" : "one chip");
    if (r != null) {
      Statistics.label("compressed").collect(r.tables().stream()
          .anyMatch(t -> t.size() < t.entriesBeforeCompression()));
      Statistics.label("delay extension").collect(r.partitioned().slices().stream()
          .anyMatch(s -> s.kind() == Slice.Kind.DELAY_EXTENSION));
    }
    if (r == null) {
      // The only acceptable failures are clean map.* diagnostics.
      assertTrue(sink.hasErrors());
      sink.all().forEach(d -> assertTrue(d.code().startsWith("map."), d.toString()));
      return;
    }
    assertFalse(sink.hasErrors());
    checkCapacity(r);
    checkObjective(r);
    checkKeys(r);
    checkCompression(r);
    checkDelivery(r);
  }

  /**
   * Every core's slices together fit one core (cells, local memory with the per-core overhead once,
   * synaptic memory, one cell type), and every chip's shared memory holds its slices' rows.
   */
  static void checkCapacity(Mapper.Result r) {
    Target t = r.target();
    int[] chipOf = r.placement().chipOf();
    int[] coreOf = r.placement().coreOf();
    Map<Long, List<Slice>> byCore = new HashMap<>();
    long[] memory = new long[t.machine().chips()];
    for (Slice s : r.partitioned().slices()) {
      int chip = chipOf[s.id()];
      int core = coreOf[s.id()];
      assertTrue(core >= t.chip().monitorCores() && core < t.chip().cores(), "core " + core);
      byCore.computeIfAbsent((long) chip * 64 + core, k -> new ArrayList<>()).add(s);
      memory[chip] += s.resources().synapticBytes();
    }
    long overhead = t.resources().coreOverheadBytes();
    for (List<Slice> shared : byCore.values()) {
      long cells = 0;
      long local = overhead;
      long synaptic = 0;
      for (Slice s : shared) {
        cells += s.size();
        local += s.resources().localBytes() - overhead;
        synaptic += s.resources().synapticBytes();
      }
      if (shared.size() > 1) {
        var types = shared.stream().map(s -> r.partitioned().network().population(s.population())
            .orElseThrow().cellType()).distinct().toList();
        assertTrue(t.core().sharesCellTypes() || types.size() == 1,
            "one program per core: " + types);
        assertTrue(shared.stream().allMatch(s -> s.kind() == Slice.Kind.NEURONS));
        long sources = shared.stream().filter(s -> r.partitioned().network()
            .population(s.population()).orElseThrow().cellType().isSource())
            .mapToLong(Slice::size).sum();
        assertTrue(sources <= t.core().maxSources(), "sources " + sources);
        assertTrue(cells - sources <= t.core().maxNeurons(), "neurons " + (cells - sources));
        assertTrue(t.core().maxCells() == 0 || cells <= t.core().maxCells(), "cells " + cells);
      }
      assertTrue(local <= t.core().localMemoryBytes(), "local " + local);
      assertTrue(t.core().synapticMemoryBytes() == 0 || synaptic <= t.core().synapticMemoryBytes());
    }
    for (long m : memory) {
      // Rows live in the chip's shared memory unless cores have synaptic memory of their own.
      assertTrue(t.core().synapticMemoryBytes() > 0 || m <= t.chip().sharedMemoryBytes());
    }
  }

  static void checkObjective(Mapper.Result r) {
    TrafficGraph g = r.partitioned().traffic();
    Machine m = r.target().machine();
    long cost = 0;
    for (int s = 0; s < g.slices(); s++) {
      for (int k = g.outStart(s); k < g.outEnd(s); k++) {
        cost += g.outWeight(k) * m.distance(r.placement().chipOf()[s],
            r.placement().chipOf()[g.outTarget(k)]);
      }
    }
    assertEquals(cost, r.placement().objective());
    assertTrue(r.placement().bound() <= cost);
    if (r.placement().baselineObjective() >= 0) {
      assertTrue(cost <= Math.max(r.placement().baselineObjective(),
          r.placement().statistics().greedyObjective()));
    }
  }

  static void checkKeys(Mapper.Result r) {
    long[] key = r.routing().keys().key();
    long[] mask = r.routing().keys().mask();
    Integer[] order = new Integer[key.length];
    for (int i = 0; i < key.length; i++) {
      order[i] = i;
      assertEquals(0, key[i] & ~mask[i], "aligned");
      assertTrue(r.routing().keys().blockSize(i) >= r.partitioned().slices().get(i).keyCount());
    }
    Arrays.sort(order, (a, b) -> Long.compare(key[a], key[b]));
    for (int i = 1; i < order.length; i++) {
      assertTrue(key[order[i - 1]] + r.routing().keys().blockSize(order[i - 1]) <= key[order[i]],
          "key blocks overlap");
    }
  }

  static void checkCompression(Mapper.Result r) {
    for (int c = 0; c < r.tables().size(); c++) {
      ChipTable before = r.uncompressed().get(c);
      ChipTable after = r.tables().get(c);
      assertTrue(after.size() <= before.size());
      for (long[] b : before.blocks()) {
        long size = (~b[1] & 0xffffffffL) + 1;
        for (long k = b[0]; k < b[0] + size; k += Math.max(1, size / 16)) {
          long got = after.lookup(k);
          if (b.length > 3 && got == b[3]) {
            // An explicit entry for a default-routed block: the same link default routing takes.
            assertEquals(-1, before.lookup(k), "key " + k + " on chip " + c);
            continue;
          }
          assertEquals(before.lookup(k), got, "key " + k + " on chip " + c);
          assertEquals(b[2], got);
        }
      }
    }
  }

  /** Follows each slice's packets through the compressed tables with default routing. */
  static void checkDelivery(Mapper.Result r) {
    Machine m = r.target().machine();
    TrafficGraph g = r.partitioned().traffic();
    for (Slice s : r.partitioned().slices()) {
      Map<Long, Integer> expected = new HashMap<>();
      boolean recurrent = r.partitioned().network().projections().stream()
          .anyMatch(p -> p.pre().equals(s.population()) && p.post().equals(s.population()));
      if (recurrent && s.kind() == Slice.Kind.NEURONS) {
        // A population projecting onto itself: each slice also hears itself.
        expected.put((long) r.placement().chipOf()[s.id()] * 64 + r.placement().coreOf()[s.id()],
            1);
      }
      for (int k = g.outStart(s.id()); k < g.outEnd(s.id()); k++) {
        int t = g.outTarget(k);
        expected.put((long) r.placement().chipOf()[t] * 64 + r.placement().coreOf()[t], 1);
      }
      long firstKey = r.routing().keys().key()[s.id()];
      for (long key : new long[] {firstKey, firstKey + s.keyCount() - 1}) {
        Map<Long, Integer> got = new HashMap<>();
        List<int[]> queue = new ArrayList<>();
        queue.add(new int[] {r.placement().chipOf()[s.id()], -1});
        int steps = 0;
        while (!queue.isEmpty()) {
          int[] at = queue.remove(queue.size() - 1);
          assertTrue(++steps < 10_000, "routing loop");
          long route = r.tables().get(at[0]).lookup(key);
          if (route == -1) {
            if (at[1] < 0) {
              assertTrue(expected.isEmpty(), "source chip has no entry for " + s.label());
              continue;
            }
            int next = m.neighbour(at[0], at[1]);
            assertTrue(next >= 0, "default route off the machine");
            queue.add(new int[] {next, at[1]});
            continue;
          }
          for (int d = 0; d < m.directions(); d++) {
            if ((route & (1L << d)) != 0) {
              int next = m.neighbour(at[0], d);
              assertTrue(next >= 0, "route over a missing link");
              queue.add(new int[] {next, d});
            }
          }
          for (int c = 0; c < 58; c++) {
            if ((route & RoutingEntry.coreBit(c)) != 0) {
              got.merge((long) at[0] * 64 + c, 1, Integer::sum);
            }
          }
        }
        assertEquals(expected, got, "deliveries of " + s.label());
      }
      RouteTree tree = r.routing().tree(s.id());
      assertNotNull(tree);
      assertEquals(tree.size(), Arrays.stream(tree.chips()).distinct().count(), "tree revisits");
    }
  }
}
