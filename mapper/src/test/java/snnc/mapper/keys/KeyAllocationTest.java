package snnc.mapper.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.diag.Span;
import snnc.ir.PopulationId;
import snnc.mapper.partition.Slice;

class KeyAllocationTest {

  private static List<Slice> slices(int count, int size) {
    List<Slice> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Slice(i, new PopulationId("p"), i * size, (i + 1) * size, Slice.Kind.NEURONS, -1,
          0, null, 0, 0, 0, 10, Span.generated("test")));
    }
    return out;
  }

  @Test
  void slicesOfOneRouteClassShareAnAlignedSubBlock() throws Exception {
    // Six slices of 200 cells (256 keys each): classes {0, 3, 4} and {1, 2, 5}.
    int[] routeClass = {0, 1, 1, 0, 0, 1};
    KeyAllocation k = KeyAllocation.allocate(slices(6, 200), routeClass);
    for (int c = 0; c < 2; c++) {
      long lo = Long.MAX_VALUE;
      long hi = 0;
      for (int s = 0; s < 6; s++) {
        if (routeClass[s] == c) {
          assertEquals(256, k.blockSize(s));
          lo = Math.min(lo, k.key()[s]);
          hi = Math.max(hi, k.key()[s] + 256);
        }
      }
      // Three slices pad to four: one 1024-key block, aligned, that only this class uses.
      assertEquals(0, lo % 1024, "class " + c + " starts aligned");
      assertTrue(hi - lo <= 1024, "class " + c + " fits one block");
    }
  }

  @Test
  void sourceRanksGetEqualAlignedSubBlocksInRankOrder() throws Exception {
    // Five slices of 100 cells (128 keys): ranks 0 and 1 hold two slices each, rank 2 one; every
    // rank gets two slots, in rank order, so ranks 0-1 together are one aligned 512-key block.
    int[] rank = {1, 0, 1, 2, 0};
    KeyAllocation k = KeyAllocation.allocate(slices(5, 100), rank, List.of(new int[5]));
    assertArrayEquals(new long[] {256, 0, 384, 512, 128}, k.key());
    for (int s = 0; s < 5; s++) {
      assertEquals(128, k.blockSize(s));
    }
  }

  @Test
  void nestedClassLevelsFormNestedAlignedBlocks() throws Exception {
    // Eight slices of 200 cells (256 keys) from one chip: reach classes {0, 1, 5, 6} and
    // {2, 3, 4, 7}; route classes nest in them.
    int[] reach = {0, 0, 1, 1, 1, 0, 0, 1};
    int[] route = {0, 1, 2, 2, 3, 1, 0, 3};
    KeyAllocation k = KeyAllocation.allocate(slices(8, 200), new int[8], List.of(reach, route));
    for (int[] level : List.of(reach, route)) {
      for (int c = 0; c < 4; c++) {
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (int s = 0; s < 8; s++) {
          if (level[s] == c) {
            lo = Math.min(lo, k.key()[s]);
            hi = Math.max(hi, k.key()[s] + 256);
          }
        }
        if (hi == 0) {
          continue;
        }
        long block = KeyAllocation.ceilPow2(hi - lo);
        assertEquals(0, lo % block, "class " + c + " starts aligned");
        for (int s = 0; s < 8; s++) {
          if (level[s] != c) {
            assertTrue(k.key()[s] + 256 <= lo || k.key()[s] >= lo + block,
                "slice " + s + " lies outside the block of class " + c);
          }
        }
      }
    }
  }

  @Test
  void withoutClassesAPopulationIsOneBlockInSliceOrder() throws Exception {
    KeyAllocation k = KeyAllocation.allocate(slices(3, 100));
    assertEquals(0, k.key()[0]);
    assertEquals(128, k.key()[1]);
    assertEquals(256, k.key()[2]);
  }
}
