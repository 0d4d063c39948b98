package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import snnc.ir.expand.SynapseBlock;

class SynapseRowsTest {

  private static SynapseBlock block(double[] w, int[] d) {
    return new SynapseBlock(new int[] {2, 0, 2, 1}, new int[] {5, 3, 1, 5}, w, d, 4);
  }

  @Test
  void constantWeightAndDelayAreStoredOnceAndRowsKeepTheExpanderOrder() {
    SynapseRows rows = SynapseRows.of(block(new double[] {-0.5, -0.5, -0.5, -0.5},
        new int[] {3, 3, 3, 3}), 3, 6, true, false, "p");
    assertNull(rows.weight);
    assertNull(rows.delay);
    assertEquals(0.5, rows.constantWeight);
    assertEquals(3, rows.constantDelay);
    assertEquals(3, rows.minDelay);
    assertEquals(3, rows.maxDelay);
    assertArrayEquals(new int[] {0, 1, 2, 4}, rows.rowStart);
    // Targets 1..5 span under 2^16 neurons: 2-byte indices relative to the smallest.
    assertNull(rows.post);
    assertEquals(1, rows.postOffset);
    assertArrayEquals(new char[] {2, 4, 4, 0}, rows.postNear);
    assertEquals(5, rows.post(1));
    assertEquals(0.5, rows.weight(3));
    assertEquals(3, rows.delay(3));
  }

  @Test
  void differingWeightsOrDelaysAreStoredPerSynapse() {
    SynapseRows rows = SynapseRows.of(block(new double[] {1.0, 2.0, 3.0, 4.0},
        new int[] {0, 2, 7, 2}), 3, 6, false, false, "p");
    assertArrayEquals(new double[] {2.0, 4.0, 1.0, 3.0}, rows.weight);
    // A delay under one step counts as one step.
    assertArrayEquals(new short[] {2, 2, 1, 7}, rows.delay);
    assertEquals(1, rows.minDelay);
    assertEquals(7, rows.maxDelay);
  }

  @Test
  void weightsDifferingOnlyInSignOfZeroAreNotMerged() {
    SynapseRows rows = SynapseRows.of(block(new double[] {0.0, -0.0, 0.0, 0.0},
        new int[] {1, 1, 1, 1}), 3, 6, false, false, "p");
    assertNotNull(rows.weight);
  }

  @Test
  void postIndicesSpanningMoreThan16BitsAreStoredAsInts() {
    SynapseBlock wide = new SynapseBlock(new int[] {1, 0, 1}, new int[] {70_000, 3, 65_539},
        new double[] {1.0, 1.0, 1.0}, new int[] {1, 1, 1}, 3);
    SynapseRows rows = SynapseRows.of(wide, 2, 70_001, false, false, "p");
    assertNull(rows.postNear);
    assertArrayEquals(new int[] {3, 70_000, 65_539}, rows.post);
    // A span of exactly 65,536 neurons (offsets 0..65,535) still fits.
    SynapseBlock edge = new SynapseBlock(new int[] {0, 0}, new int[] {3, 65_538},
        new double[] {1.0, 1.0}, new int[] {1, 1}, 2);
    SynapseRows near = SynapseRows.of(edge, 1, 70_000, false, false, "p");
    assertArrayEquals(new char[] {0, 65_535}, near.postNear);
    assertEquals(65_538, near.post(1));
  }

  @Test
  void plasticRowsAlwaysHoldPerSynapseValues() {
    SynapseRows rows = SynapseRows.of(block(new double[] {1.0, 1.0, 1.0, 1.0},
        new int[] {2, 2, 2, 2}), 3, 6, true, true, "p");
    assertNotNull(rows.weight);
    assertNotNull(rows.delay);
  }
}
