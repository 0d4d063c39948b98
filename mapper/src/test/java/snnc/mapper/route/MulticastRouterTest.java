package snnc.mapper.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import snnc.diag.Span;
import snnc.ir.PopulationId;
import snnc.mapper.TestModels;
import snnc.mapper.partition.Slice;
import snnc.mapper.target.Machine;

class MulticastRouterTest {

  private static Slice slice(int id, String population) {
    return new Slice(id, new PopulationId(population), id * 10, id * 10 + 10, Slice.Kind.NEURONS,
        -1, 0, null, 0, 0, 0, 10, Span.generated("test"));
  }

  @Test
  void sourceRanksFollowThePopulationsTreeDepthFirst() {
    // A 5 × 1 mesh (a path 0-1-2-3-4); p's slices sit on chips 2, 0, 4, 1 and all send to chip 3,
    // q's single slice on chip 4 sends to chip 0. p's trees together span the whole path; from
    // chip 0 (tied for most slices, lowest) the depth-first order is 0, 1, 2, 3, 4.
    Machine m = TestModels.small(5, 1, false, "mesh4", 1, 16, 64).machine();
    int[] chipOf = {2, 0, 4, 1, 4};
    List<Slice> slices = new ArrayList<>();
    List<RouteTree> trees = new ArrayList<>();
    for (int s = 0; s < chipOf.length; s++) {
      slices.add(slice(s, s < 4 ? "p" : "q"));
      int target = s < 4 ? 3 : 0;
      trees.add(MulticastRouter.tree(m, s, chipOf[s], Map.of(target, 1L << 1)));
    }
    assertArrayEquals(new int[] {2, 0, 3, 1, 0}, MulticastRouter.sourceRanks(trees, slices, m));
  }

  @Test
  void reachClassesJoinTreesOverTheSameChipsAndNestRouteClasses() {
    // On a path, slices 0 and 1 (chip 0) both reach chips 0..2 but deliver to different cores;
    // slice 2 (chip 0) stops at chip 1; slice 3 on chip 2 reaches the same chips as 0 and 1.
    Machine m = TestModels.small(3, 1, false, "mesh4", 2, 16, 64).machine();
    List<RouteTree> trees = List.of(
        MulticastRouter.tree(m, 0, 0, Map.of(2, 1L << 1)),
        MulticastRouter.tree(m, 1, 0, Map.of(2, 1L << 2)),
        MulticastRouter.tree(m, 2, 0, Map.of(1, 1L << 1)),
        MulticastRouter.tree(m, 3, 2, Map.of(0, 1L << 1)));
    int[] reach = MulticastRouter.reachClasses(trees);
    int[] route = MulticastRouter.routeClasses(trees);
    assertEquals(reach[0], reach[1]);
    assertNotEquals(route[0], route[1]);
    assertNotEquals(reach[0], reach[2]);
    assertNotEquals(reach[0], reach[3], "another source chip is another class");
  }
}
