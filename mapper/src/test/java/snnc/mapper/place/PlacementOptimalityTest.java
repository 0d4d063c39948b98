package snnc.mapper.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.target.Machine;

class PlacementOptimalityTest {

  static Machine machine(int kind) {
    List<int[]> chips = new ArrayList<>();
    return switch (kind) {
      case 0 -> { // 2×2 hex torus (SpiNN-3 shape)
        for (int x = 0; x < 2; x++) {
          for (int y = 0; y < 2; y++) {
            chips.add(new int[] {x, y});
          }
        }
        yield Machine.of(chips, 2, 2, true, Machine.LinkSet.HEX);
      }
      case 1 -> { // 3×1 mesh line
        for (int x = 0; x < 3; x++) {
          chips.add(new int[] {x, 0});
        }
        yield Machine.of(chips, 3, 1, false, Machine.LinkSet.MESH4);
      }
      default -> { // 2×2 mesh, no wrap
        for (int x = 0; x < 2; x++) {
          for (int y = 0; y < 2; y++) {
            chips.add(new int[] {x, y});
          }
        }
        yield Machine.of(chips, 2, 2, false, Machine.LinkSet.MESH4);
      }
    };
  }

  static TrafficGraph randomGraph(int n, long seed, double density) {
    Random r = new Random(seed);
    List<long[]> edges = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (a != b && r.nextDouble() < density) {
          edges.add(new long[] {a, b, 1 + r.nextInt(100)});
        }
      }
    }
    return new TrafficGraph(n, edges);
  }

  /** Exhaustive minimum over every capacity-respecting assignment. */
  static long bruteForce(PlacementProblem p) {
    int n = p.slices();
    int[] chipOf = new int[n];
    int[] used = new int[p.chips()];
    long[] best = {Long.MAX_VALUE};
    enumerate(p, 0, chipOf, used, best);
    return best[0];
  }

  private static void enumerate(PlacementProblem p, int s, int[] chipOf, int[] used, long[] best) {
    if (s == p.slices()) {
      best[0] = Math.min(best[0], p.objective(chipOf));
      return;
    }
    for (int c = 0; c < p.chips(); c++) {
      if (used[c] < p.coresPerChip()) {
        used[c]++;
        chipOf[s] = c;
        enumerate(p, s + 1, chipOf, used, best);
        used[c]--;
      }
    }
  }

  @Property(tries = 40)
  void upToEightSlicesThePlacerFindsTheBruteForceOptimum(
      @ForAll @IntRange(min = 2, max = 8) int slices, @ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 2, max = 3) int cores, @ForAll long seed) {
    Machine m = machine(kind);
    if (slices > m.chips() * cores) {
      return;
    }
    TrafficGraph g = randomGraph(slices, seed, 0.4);
    PlacementProblem p = new PlacementProblem(m, g, cores, 0, new long[slices], null);
    Placer.Solution s = new Placer(Placer.Options.defaults()).solve(p);
    assertTrue(p.feasible(s.chipOf()));
    assertEquals(p.objective(s.chipOf()), s.objective(), "reported objective is the real one");
    assertEquals(bruteForce(p), s.objective());
    assertTrue(s.proven());
    assertEquals(s.objective(), s.bound());
  }

  @Property(tries = 60)
  void theLowerBoundIsValid(@ForAll @IntRange(min = 2, max = 7) int slices,
      @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll long seed) {
    Machine m = machine(kind);
    TrafficGraph g = randomGraph(slices, seed, 0.5);
    PlacementProblem p = new PlacementProblem(m, g, 2, 0, new long[slices], null);
    if (slices <= m.chips() * 2) {
      assertTrue(p.lowerBound() <= bruteForce(p));
    }
  }

  @Test
  void scanOrderBaselineFillsChipsInOrder() {
    Machine m = machine(1);
    PlacementProblem p = new PlacementProblem(m, randomGraph(5, 1, 0.5), 2, 0, new long[5], null);
    assertEquals(List.of(0, 0, 1, 1, 2), java.util.Arrays.stream(ScanPlacer.place(p)).boxed()
        .toList());
  }

  @Test
  void tooManySlicesDoNotFit() {
    Machine m = machine(1);
    PlacementProblem p = new PlacementProblem(m, randomGraph(7, 1, 0.5), 2, 0, new long[7], null);
    assertEquals(null, new Placer(Placer.Options.defaults()).solve(p));
  }

  @Test
  void chipMemoryIsRespected() {
    Machine m = machine(1);
    long[] memory = {60, 60, 60};
    TrafficGraph g = new TrafficGraph(3, List.of(new long[] {0, 1, 10}, new long[] {1, 2, 10}));
    PlacementProblem p = new PlacementProblem(m, g, 3, 100, memory, null);
    Placer.Solution s = new Placer(Placer.Options.defaults()).solve(p);
    assertTrue(p.feasible(s.chipOf()));
    assertEquals(20, s.objective());
  }

  /** On 10–20-slice instances the bound is valid and JaCoP improves or keeps the local optimum. */
  @Test
  void midSizeInstancesReportAValidBound() {
    List<int[]> chips = new ArrayList<>();
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        chips.add(new int[] {x, y});
      }
    }
    Machine m = Machine.of(chips, 3, 3, true, Machine.LinkSet.HEX);
    Placer.Options o = Placer.Options.defaults();
    o = new Placer.Options(o.greedyCandidates(), o.localSearchPasses(), o.neighbourLimit(),
        o.exactLimit(), 20_000, o.windowSize(), o.windowRadius(), o.windowNodeLimit(),
        o.maxWindows(), o.windowNodeBudget(), o.timeLimitMs(), o.contiguityBudget());
    for (int i = 0; i < 4; i++) {
      int n = 10 + 3 * i;
      TrafficGraph g = randomGraph(n, 1000 + i, 3.0 / n);
      PlacementProblem p = new PlacementProblem(m, g, 3, 0, new long[n], null);
      Placer.Solution s = new Placer(o).solve(p);
      assertTrue(s.bound() <= s.objective());
      assertTrue(s.objective() <= s.statistics().localSearchObjective());
      assertTrue(p.feasible(s.chipOf()));
      assertEquals(p.objective(s.chipOf()), s.objective());
    }
  }
}
