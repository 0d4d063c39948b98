package snnc.mapper.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.target.Machine;

class LocalSearchTest {

  private static Machine torus(int side) {
    List<int[]> chips = new ArrayList<>();
    for (int x = 0; x < side; x++) {
      for (int y = 0; y < side; y++) {
        chips.add(new int[] {x, y});
      }
    }
    return Machine.of(chips, side, side, true, Machine.LinkSet.HEX);
  }

  /** Random traffic of equal weights (so equal-objective alternatives abound), random placement. */
  private static PlacementProblem problem(Machine m, int n, long seed, int[] chipOf) {
    Random r = new Random(seed);
    List<long[]> edges = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (a != b && r.nextDouble() < 0.15) {
          edges.add(new long[] {a, b, 10});
        }
      }
    }
    int[] used = new int[m.chips()];
    for (int s = 0; s < n; s++) {
      int c;
      do {
        c = r.nextInt(m.chips());
      } while (used[c] == 3);
      chipOf[s] = c;
      used[c]++;
    }
    int[] group = new int[n];
    for (int s = 0; s < n; s++) {
      group[s] = s / 4;
    }
    return new PlacementProblem(m, new TrafficGraph(n, edges), 3, 0, new long[n], null, group);
  }

  @Test
  void estimatedLinkLoadsSumToTheObjective() {
    Machine m = torus(4);
    for (int seed = 0; seed < 10; seed++) {
      int[] chipOf = new int[20];
      PlacementProblem p = problem(m, 20, seed, chipOf);
      LinkLoads loads = new LinkLoads(p, chipOf);
      long sum = 0;
      for (int c = 0; c < m.chips(); c++) {
        for (int d = 0; d < m.directions(); d++) {
          sum += loads.load(c, d);
        }
      }
      assertEquals(p.objective(chipOf), sum);
    }
  }

  /**
   * The second criterion only takes changes that keep the objective and lower the estimated
   * maximum link load; on equal-weight traffic it finds some.
   */
  @Test
  void balanceLowersTheBusiestLinkAtEqualObjective() {
    Machine m = torus(4);
    int lowered = 0;
    for (int seed = 0; seed < 30; seed++) {
      int[] chipOf = new int[20];
      PlacementProblem p = problem(m, 20, seed, chipOf);
      new LocalSearch(20, 16).improve(p, chipOf);
      long objective = p.objective(chipOf);
      long max = new LinkLoads(p, chipOf).max();
      int changes = new LocalSearch(20, 16).balance(p, chipOf, 10_000);
      assertEquals(objective, p.objective(chipOf), "seed " + seed);
      assertTrue(p.feasible(chipOf));
      long after = new LinkLoads(p, chipOf).max();
      assertTrue(after <= max);
      assertEquals(changes > 0, after < max, "seed " + seed);
      lowered += after < max ? 1 : 0;
    }
    assertTrue(lowered >= 3, "lowered on " + lowered + " of 30");
  }
}
