package snnc.hdl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.ir.numerics.NumericsProfile;

/** The router memories' layout: granule, index and block capacity from the key blocks. */
class RouterTableTest {

  private static final CoreShape SHAPE = CoreLowering.shape(NumericsProfile.COMPACT,
      CoreLowering.Sizing.EXACT, 32, 32, 64, 2, 1, false, CoreShape.Plasticity.NONE);

  private static SystemImage.SliceKeys block(int slice, long key, long size) {
    return new SystemImage.SliceKeys(slice, "p" + slice, 0, (int) size, key,
        ~(size - 1) & 0xffffffffL, 0);
  }

  /**
   * Blocks of 32, 8 and 64 keys: granules of the smallest block (8 keys), so each lies in one
   * block or none, over the keys in use (128: 16 granules); class-sized, one word per key.
   */
  @Test
  void granuleIsTheSmallestBlockAndTheIndexCoversTheKeysInUse() {
    List<SystemImage.SliceKeys> blocks = List.of(block(0, 0, 32), block(1, 32, 8),
        block(2, 64, 64));
    RouterTable exact = RouterTable.of(3, 7, SHAPE, blocks, CoreLowering.Sizing.EXACT);
    assertEquals(3, exact.granuleBits());
    assertEquals(4, exact.indexBits());
    assertEquals(4, exact.blockEntries());
    assertEquals(3 << SHAPE.neuronBits(), exact.indexBase());
    assertEquals(exact.indexBase() + 16, exact.decodeDepth());
    assertEquals(4, exact.indexedBits());
    RouterTable cls = RouterTable.of(3, 16, SHAPE, blocks, CoreLowering.Sizing.CLASS);
    assertEquals(0, cls.granuleBits());
    assertEquals(RouterTable.CLASS_INDEX_BITS, cls.indexBits());
    assertEquals(RouterTable.CLASS_BLOCK_ENTRIES, cls.blockEntries());
    assertEquals(4, cls.cores(), "instances rounded up to a power of two");
  }

  /** Widths: decode {valid, key, block}, blocks {route, offset width, a base per core}. */
  @Test
  void wordWidths() {
    RouterTable t = new RouterTable(2, 7, 5, 6, 4, 3, 4);
    assertEquals(1 + 7 + 2, t.decodeWidth());
    assertEquals(3, t.widthBits(), "offsets of 0 to 6 bits");
    assertEquals(2 + 3 + 2 * 6, t.blockWidth());
    assertEquals(17, t.loadWidth());
    assertEquals(64 + 16, t.decodeDepth());
    assertEquals(1 + 2, t.blockRams(), "a 10-bit decode memory of 128 words, a 17-bit block "
        + "memory of 4");
    RouterTable one = new RouterTable(1, 9, 8, 8, 2, 0, 4);
    assertEquals(1 + 4 + 8, one.blockWidth(), "one core's block word fits 16 bits");
    assertEquals(2 + 1, one.blockRams(), "272 decode words of 12 bits, one block RAM of blocks");
  }
}
