package snnc.mapper.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedCoveringTest {

  static final long M = 0xffffff00L;

  static ChipTable table(long[][] routes) {
    List<RoutingEntry> entries = new ArrayList<>();
    List<long[]> blocks = new ArrayList<>();
    for (long[] r : routes) {
      if (r[1] >= 0) {
        entries.add(new RoutingEntry(r[0], M, r[1]));
      }
      blocks.add(new long[] {r[0], M, r[1]});
    }
    return new ChipTable(0, entries, blocks, entries.size());
  }

  static void assertSameRouting(ChipTable before, ChipTable after) {
    for (long[] b : before.blocks()) {
      for (long k = b[0]; k < b[0] + 256; k += 17) {
        assertEquals(b[2], after.lookup(k), "key " + k);
        assertEquals(before.lookup(k), after.lookup(k));
      }
    }
  }

  @Test
  void sameRouteBlocksMergeIntoOneEntry() {
    ChipTable t = table(new long[][] {{0x000, 1}, {0x100, 1}, {0x200, 1}, {0x300, 1}});
    ChipTable c = OrderedCovering.compress(t, 1, false);
    assertEquals(1, c.size());
    assertEquals(new RoutingEntry(0, 0xfffffc00L, 1), c.entries().get(0));
    assertSameRouting(t, c);
  }

  @Test
  void aDefaultRoutedBlockIsNeverCaptured() {
    ChipTable t = table(new long[][] {{0x000, 1}, {0x100, -1}, {0x200, 1}, {0x300, 1}});
    ChipTable c = OrderedCovering.compress(t, 1, true);
    assertEquals(2, c.size(), c.entries().toString());
    assertSameRouting(t, c);
  }

  @Test
  void orderingLetsAGeneralEntrySitBelowAnException() {
    // Routes 1,1,2,1: the general entry for route 1 goes below the specific route-2 entry.
    ChipTable t = table(new long[][] {{0x000, 1}, {0x100, 1}, {0x200, 2}, {0x300, 1}});
    ChipTable c = OrderedCovering.compress(t, 2, false);
    assertEquals(2, c.size(), c.entries().toString());
    assertEquals(2, c.entries().get(0).route());
    assertSameRouting(t, c);
  }

  @Test
  void stopsOnceTheTableFitsUnlessFull() {
    long[][] rs = new long[8][];
    for (int i = 0; i < 8; i++) {
      rs[i] = new long[] {i * 0x100L, 1 + i % 2};
    }
    ChipTable t = table(rs);
    assertEquals(8, OrderedCovering.compress(t, 8, false).size());
    ChipTable full = OrderedCovering.compress(t, 8, true);
    assertEquals(2, full.size());
    assertSameRouting(t, full);
  }
}
