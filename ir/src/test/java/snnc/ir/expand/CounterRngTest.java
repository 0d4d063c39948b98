package snnc.ir.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CounterRngTest {

  @Test
  void mixIsSplitMix64() {
    // the first output of SplitMix64 seeded with 0
    assertEquals(0xe220a8397b1dcdafL, CounterRng.mix64(CounterRng.GAMMA));
  }

  @Test
  void drawsDependOnlyOnTheKeyAndTheCounter() {
    CounterRng a = CounterRng.of(7, CounterRng.STREAM_WEIGHT, 12);
    long first = a.next64();
    CounterRng b = CounterRng.of(0, 0, 0);
    b.next64();
    assertEquals(first, b.reset(7, CounterRng.STREAM_WEIGHT, 12).next64());
    assertNotEquals(first, CounterRng.of(7, CounterRng.STREAM_WEIGHT, 13).next64());
    assertNotEquals(first, CounterRng.of(7, CounterRng.STREAM_DELAY, 12).next64());
    assertNotEquals(first, CounterRng.of(8, CounterRng.STREAM_WEIGHT, 12).next64());
  }

  @Test
  void uniformIntsCoverTheRangeEvenly() {
    CounterRng r = CounterRng.of(1, 1, 1);
    int[] counts = new int[7];
    for (int k = 0; k < 70_000; k++) {
      counts[r.nextInt(7)]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - 10_000) < 500, "count " + c);
    }
    double sum = 0;
    for (int k = 0; k < 100_000; k++) {
      double u = r.nextDouble();
      assertTrue(u >= 0 && u < 1);
      sum += u;
    }
    assertEquals(0.5, sum / 100_000, 0.01);
  }
}
