package snnc.mapper.place.cp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
