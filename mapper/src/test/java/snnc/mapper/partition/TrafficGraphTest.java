package snnc.mapper.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficGraphTest {

  @Test
  void duplicatesAreSummedSelfLoopsRoutedButNotPlacedAndBothDirectionsAdded() {
    TrafficGraph g = new TrafficGraph(3, List.of(new long[] {0, 1, 5}, new long[] {0, 1, 2},
        new long[] {1, 0, 4}, new long[] {2, 2, 9}, new long[] {2, 0, 1}, new long[] {2, 2, 3}));
    assertEquals(4, g.edgeCount(), "0->1, 1->0, 2->0 and the self-loop 2->2");
    assertEquals(7, g.outWeight(g.outStart(0)));
    // The self-loop is in 2's out-list (routing sends its spikes back to its own core) ...
    assertEquals(2, g.outEnd(2) - g.outStart(2));
    assertEquals(0, g.outTarget(g.outStart(2)));
    assertEquals(2, g.outTarget(g.outStart(2) + 1));
    assertEquals(12, g.outWeight(g.outStart(2) + 1));
    // ... but not in the adjacency placement uses (it costs no hop).
    assertEquals(0, g.weightBetween(2, 2));
    assertEquals(1, g.totalWeight(2));
    assertEquals(1, g.adjEnd(2) - g.adjStart(2));
    assertEquals(11, g.weightBetween(0, 1));
    assertEquals(11, g.weightBetween(1, 0));
    assertEquals(1, g.weightBetween(0, 2));
    assertEquals(0, g.weightBetween(1, 2));
    assertEquals(12, g.totalWeight(0));
  }

  @Test
  void theAdjacencyIsTheSymmetricSumOfRandomEdges() {
    Random r = new Random(5);
    int n = 40;
    long[][] w = new long[n][n];
    List<long[]> edges = new ArrayList<>();
    TrafficGraph.Builder b = new TrafficGraph.Builder();
    for (int k = 0; k < 600; k++) {
      int a = r.nextInt(n);
      int z = r.nextInt(n);
      long x = 1 + r.nextInt(50);
      edges.add(new long[] {a, z, x});
      b.add(a, z, x);
      w[a][z] += x;
    }
    TrafficGraph g = new TrafficGraph(n, edges);
    TrafficGraph h = b.build(n);
    for (int a = 0; a < n; a++) {
      for (int z = 0; z < n; z++) {
        long both = a == z ? 0 : w[a][z] + w[z][a]; // self-loops: routed, not placed
        assertEquals(both, g.weightBetween(a, z));
        assertEquals(both, h.weightBetween(a, z));
      }
      long out = 0;
      for (int k = g.outStart(a); k < g.outEnd(a); k++) {
        out += g.outWeight(k);
        assertEquals(w[a][g.outTarget(k)], g.outWeight(k));
      }
      long expected = 0;
      for (int z = 0; z < n; z++) {
        expected += w[a][z];
      }
      assertEquals(expected, out);
    }
  }
}
