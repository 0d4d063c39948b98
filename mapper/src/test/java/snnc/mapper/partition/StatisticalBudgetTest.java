package snnc.mapper.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.SynapseBlock;
import snnc.mapper.TestModels;
import snnc.mapper.target.Target;
import snnc.mapper.target.Targets;

/**
 * The statistical budgets against the synapses they stand for: on fixed random networks, every
 * slice's rows, synapses and fan-in bound the exact counts of its expanded synapses, every synapse
 * has a traffic edge (directly, or through its source's delay extension), and every delay extension
 * the exact partition makes is made.
 */
class StatisticalBudgetTest {

  static String randomModel(long seed) {
    Random r = new Random(seed);
    int pops = 2 + r.nextInt(4);
    StringBuilder s = new StringBuilder("network rnd {\n  timestep 1 ms\n  seed 9\n");
    for (int i = 0; i < pops; i++) {
      s.append("  population p").append(i).append(" = ").append(i == 0
          ? "SpikeSourcePoisson(rate = 10 Hz)" : "IF_curr_exp()").append(" * ")
          .append(20 + r.nextInt(300)).append('\n');
    }
    for (int k = 0; k < 2 * pops; k++) {
      int a = r.nextInt(pops);
      int b = 1 + r.nextInt(pops - 1);
      String connector = switch (r.nextInt(5)) {
        case 0 -> String.format(java.util.Locale.ROOT, "fixed_probability(%.2f)",
            0.01 + r.nextInt(30) / 100.0);
        case 1 -> "fixed_number_pre(" + (1 + r.nextInt(15)) + ")";
        case 2 -> "fixed_number_pre(" + (1 + r.nextInt(15)) + ", with_replacement = true)";
        case 3 -> "all_to_all";
        default -> "one_to_one";
      };
      String delay = switch (r.nextInt(3)) {
        case 0 -> (1 + r.nextInt(40)) + " ms";
        case 1 -> "uniform(1 ms, " + (2 + r.nextInt(60)) + " ms)";
        default -> "normal_clipped(" + (2 + r.nextInt(20)) + " ms, " + (1 + r.nextInt(8))
            + " ms, 1 ms, 70 ms)";
      };
      s.append("  connect p").append(a).append(" -> p").append(b).append(' ').append(connector)
          .append(" weight 0.1 nA delay ").append(delay).append(" seed ").append(k + 1)
          .append('\n');
    }
    s.append("  run 100 ms\n}\n");
    return s.toString();
  }

  static PartitionedNetwork partition(Network n, Target t, Partitioner.Budget budget) {
    DiagnosticSink sink = new DiagnosticSink();
    PartitionedNetwork p = new Partitioner(t, Partitioner.Options.defaults().withBudget(budget))
        .partition(n, sink);
    assertNotNull(p, sink.all().toString());
    return p;
  }

  @Test
  void boundsHoldAndEverySynapseHasAnEdge() {
    Target target = TestModels.small(3, 3, true, "hex", 16, 64, 1023);
    int slots = target.core().delaySlots();
    int checkedSlices = 0;
    for (long s0 = 1; s0 <= 40; s0++) {
      final long seed = s0;
      Network n = TestModels.compile(randomModel(seed));
      PartitionedNetwork stat = partition(n, target, Partitioner.Budget.STATISTICAL);
      PartitionedNetwork exact = partition(n, target, Partitioner.Budget.EXACT);
      for (Slice src : exact.slices()) {
        Slice x = exact.extensionOf(src).orElse(null);
        if (src.kind() == Slice.Kind.NEURONS && x != null) {
          Slice ext = stat.extensionOf(src).orElseThrow(() -> new AssertionError("seed " + seed
              + ": the exact partition extends " + src.label() + ", the statistical one not"));
          assertTrue(ext.delayStages() >= x.delayStages(), "seed " + seed + ": " + ext.label());
        }
      }
      TrafficGraph g = stat.traffic();
      for (Slice t : stat.slices()) {
        if (t.kind() != Slice.Kind.NEURONS) {
          continue;
        }
        long rows = 0;
        long synapses = 0;
        int[] fanIn = new int[t.size()];
        for (Projection p : n.projections()) {
          if (!p.post().equals(t.population())) {
            continue;
          }
          SynapseBlock b = ConnectorExpander.expand(n, p, t.lo(), t.hi());
          Set<Long> rowKeys = new HashSet<>();
          for (int k = 0; k < b.size(); k++) {
            int d = b.delaySteps()[k];
            rowKeys.add((long) b.pre()[k] * 64 + (d <= slots ? 0 : (d - 1) / slots));
            fanIn[b.post()[k] - t.lo()]++;
            Slice src = sliceOf(stat, p, b.pre()[k]);
            int from = src.id();
            if (d > slots) {
              Slice ext = stat.extensionOf(src).orElseThrow(() -> new AssertionError("seed "
                  + seed + ": " + src.label() + " needs a delay extension for a delay of " + d));
              assertTrue(ext.delayStages() >= (d - 1) / slots, "stages of " + ext.label());
              from = ext.id();
            }
            // A slice's traffic to itself is an edge too: routing must bring it back.
            assertTrue(hasEdge(g, from, t.id()), "seed " + seed + ": no edge " + from + " -> "
                + t.label() + " for " + p.name() + " delay " + d + "\n" + randomModel(seed));
          }
          rows += rowKeys.size();
          synapses += b.size();
        }
        int maxFan = 0;
        for (int f : fanIn) {
          maxFan = Math.max(maxFan, f);
        }
        assertTrue(t.rows() >= rows, "seed " + seed + " " + t.label() + ": rows " + t.rows()
            + " < " + rows);
        assertTrue(t.synapses() >= synapses, "seed " + seed + " " + t.label());
        assertTrue(t.maxFanIn() >= maxFan, "seed " + seed + " " + t.label());
        checkedSlices++;
      }
    }
    assertTrue(checkedSlices > 100, "slices checked: " + checkedSlices);
  }

  private static Slice sliceOf(PartitionedNetwork p, Projection proj, int cell) {
    return p.slices().stream().filter(s -> s.kind() == Slice.Kind.NEURONS
        && s.population().equals(proj.pre()) && s.lo() <= cell && cell < s.hi()).findFirst()
        .orElseThrow();
  }

  private static boolean hasEdge(TrafficGraph g, int from, int to) {
    for (int k = g.outStart(from); k < g.outEnd(from); k++) {
      if (g.outTarget(k) == to) {
        return true;
      }
    }
    return false;
  }

  @Test
  void fixedCountsAreExactAndTheMicrocircuitStylePartitionMatches() {
    // all_to_all and fixed_number_pre synapse counts are exact; rows of one_to_one too.
    Network n = TestModels.compile("""
        network n {
          population a = IF_curr_exp() * 1000
          population b = IF_curr_exp() * 512
          connect a -> b all_to_all weight 0.1 nA delay 1 ms
          connect a -> b fixed_number_pre(20) weight 0.1 nA delay 2 ms seed 3
          connect b -> b one_to_one weight 0.1 nA delay 1 ms
          run 10 ms
        }
        """);
    PartitionedNetwork stat = partition(n, Targets.builtIn("spinn5"), Partitioner.Budget.STATISTICAL);
    PartitionedNetwork exact = partition(n, Targets.builtIn("spinn5"), Partitioner.Budget.EXACT);
    List<Slice> s = stat.slices().stream().filter(x -> x.population().name().equals("b")).toList();
    List<Slice> e = exact.slices().stream().filter(x -> x.population().name().equals("b")).toList();
    assertEquals(e.size(), s.size());
    for (int i = 0; i < s.size(); i++) {
      assertEquals(e.get(i).synapses(), s.get(i).synapses(), "synapses of " + s.get(i).label());
      assertEquals(e.get(i).maxFanIn(), s.get(i).maxFanIn());
      // all_to_all and one_to_one rows are exact; fixed_number_pre's are a bound above the count.
      assertTrue(s.get(i).rows() >= e.get(i).rows());
      assertTrue(s.get(i).rows() <= e.get(i).rows() + 200, s.get(i).rows() + " vs "
          + e.get(i).rows());
    }
  }

  @Test
  void autoBudgetIsExactForSmallNetworks() {
    Network n = TestModels.compile("""
        network n {
          population a = IF_curr_exp() * 300
          connect a -> a fixed_probability(0.1) weight 0.1 nA delay 1 ms seed 3
          run 10 ms
        }
        """);
    PartitionedNetwork auto = partition(n, Targets.builtIn("spinn5"), Partitioner.Budget.AUTO);
    PartitionedNetwork exact = partition(n, Targets.builtIn("spinn5"), Partitioner.Budget.EXACT);
    assertEquals(exact.slices(), auto.slices());
  }
}
