package snnc.mapper.keys;

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
  void withoutClassesAPopulationIsOneBlockInSliceOrder() throws Exception {
    KeyAllocation k = KeyAllocation.allocate(slices(3, 100));
    assertEquals(0, k.key()[0]);
    assertEquals(128, k.key()[1]);
    assertEquals(256, k.key()[2]);
  }
}
