package snnc.mapper.place.cp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.place.PlacementProblem;
import snnc.mapper.target.Machine;

class CpPlacementTest {

  @Test
  void onAPathTheEndsAreOneOrbitAroundTheMiddle() {
    // Value 0 is the middle chip, 1 and 2 the ends.
    int[][] dist = {{0, 1, 1}, {1, 0, 2}, {1, 2, 0}};
    assertArrayEquals(new int[] {0, 1, 1}, CpPlacement.stabiliserOrbits(dist, 1000));
  }

  @Test
  void onAHexTorusOrbitsFollowDistance() {
    List<int[]> chips = new ArrayList<>();
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        chips.add(new int[] {x, y});
      }
    }
    Machine m = Machine.of(chips, 3, 3, true, Machine.LinkSet.HEX);
    int[][] dist = new int[9][9];
    for (int a = 0; a < 9; a++) {
      for (int b = 0; b < 9; b++) {
        dist[a][b] = m.distance(a, b);
      }
    }
    int[] orbit = CpPlacement.stabiliserOrbits(dist, 100_000);
    // An automorphism fixing chip 0 keeps distances from it, so an orbit never mixes distances;
    // the six neighbours of a hex torus chip are all alike, and so are the two far chips.
    for (int v = 0; v < 9; v++) {
      assertEquals(dist[0][v], dist[0][orbit[v]]);
    }
    assertEquals(3, Arrays.stream(orbit).distinct().count());
  }

  @Test
  void tooManyStepsBreakNoSymmetry() {
    int[][] dist = new int[8][8];
    for (int a = 0; a < 8; a++) {
      for (int b = 0; b < 8; b++) {
        dist[a][b] = a == b ? 0 : 1;
      }
    }
    assertNull(CpPlacement.stabiliserOrbits(dist, 50));
  }

  /**
   * A window's gain is exactly what the best re-placement of its slices among the chips within
   * one hop gives (brute force, whole objective recomputed), whether the filtered domains are
   * enumerated in Java or searched by JaCoP.
   */
  @Test
  void windowsFindTheBestReplacementOfTheirSlices() {
    List<int[]> coords = new ArrayList<>();
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 4; y++) {
        coords.add(new int[] {x, y});
      }
    }
    Machine machine = Machine.of(coords, 4, 4, true, Machine.LinkSet.HEX);
    int improvedEnumerated = 0;
    int improvedJacop = 0;
    for (int seed = 0; seed < 40; seed++) {
      Random r = new Random(seed);
      int n = 14;
      List<long[]> edges = new ArrayList<>();
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          if (a != b && r.nextDouble() < 0.3) {
            edges.add(new long[] {a, b, 1 + r.nextInt(50)});
          }
        }
      }
      PlacementProblem p = new PlacementProblem(machine, new TrafficGraph(n, edges), 2, 0,
          new long[n], null);
      int[] chipOf = new int[n];
      int[] used = new int[machine.chips()];
      for (int s = 0; s < n; s++) {
        int c;
        do {
          c = r.nextInt(machine.chips());
        } while (used[c] == 2);
        chipOf[s] = c;
        used[c]++;
      }
      int[] window = r.ints(0, n).distinct().limit(2 + r.nextInt(3)).sorted().toArray();
      long before = p.objective(chipOf);
      long best = bestWindowObjective(p, chipOf.clone(), used.clone(), window);
      for (long limit : new long[] {Long.MAX_VALUE, 0}) {
        int[] placed = chipOf.clone();
        int[] u = used.clone();
        CpPlacement.WindowResult result = CpPlacement.improveWindow(p, placed, window, 1,
            1_000_000, u, new long[machine.chips()], limit);
        assertEquals(before - best, result.gain(), "seed " + seed + " limit " + limit);
        assertEquals(before - result.gain(), p.objective(placed));
        assertTrue(p.feasible(placed));
        if (result.gain() > 0) {
          if (limit == 0) {
            improvedJacop++;
          } else {
            improvedEnumerated++;
          }
        }
      }
    }
    // The instances are random placements, so windows do improve them (both searches are used).
    assertTrue(improvedEnumerated > 10, "improved " + improvedEnumerated);
    assertEquals(improvedEnumerated, improvedJacop);
  }

  /** Brute force: the least objective over placements of the window within one hop. */
  private static long bestWindowObjective(PlacementProblem p, int[] chipOf, int[] used,
      int[] window) {
    boolean[] near = new boolean[p.chips()];
    for (int s : window) {
      used[chipOf[s]]--;
      for (int c = 0; c < p.chips(); c++) {
        near[c] |= p.machine().distance(c, chipOf[s]) <= 1;
      }
    }
    return bestWindowObjective(p, chipOf, used, window, near, 0);
  }

  private static long bestWindowObjective(PlacementProblem p, int[] chipOf, int[] used,
      int[] window, boolean[] near, int i) {
    if (i == window.length) {
      return p.objective(chipOf);
    }
    long best = Long.MAX_VALUE;
    for (int c = 0; c < p.chips(); c++) {
      if (near[c] && used[c] < p.coresPerChip()) {
        used[c]++;
        chipOf[window[i]] = c;
        best = Math.min(best, bestWindowObjective(p, chipOf, used, window, near, i + 1));
        used[c]--;
      }
    }
    return best;
  }
}
