package snnc.hdl.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Poisson generator's product schedule, replayed register by register as the RTL runs it
 * (window terms from the constant's tables, the accumulator's halves with the carry entering the
 * high half a cycle later, zero windows holding), gives z·C mod 2^64 for both mix constants; the
 * co-simulation tests then check the whole generator against the golden stream.
 */
class PoissonGeneratorTest {

  @Test
  void windowsAreTheConstantsNonAdjacentForm() {
    for (long c : new long[] {PoissonGenerator.MIX_C1, PoissonGenerator.MIX_C2, -1L, 1L,
        0x5555_5555_5555_5555L}) {
      int[] w = PoissonGenerator.windowDigits(c);
      long value = 0;
      for (int j = 0; j < w.length; j++) {
        assertTrue(w[j] >= -2 && w[j] <= 2, "one term per window");
        value += (long) w[j] << (2 * j);
      }
      assertEquals(c, value, Long.toHexString(c) + " modulo 2^64");
    }
  }

  @Test
  void scheduleMultipliesModulo64Bits() {
    SplittableRandom random = new SplittableRandom(6);
    for (long c : new long[] {PoissonGenerator.MIX_C1, PoissonGenerator.MIX_C2}) {
      for (int k = 0; k < 2000; k++) {
        long z = k < 3 ? new long[] {0, -1, Long.MIN_VALUE}[k] : random.nextLong();
        assertEquals(z * c, product(c, z), Long.toHexString(z) + " * " + Long.toHexString(c));
      }
    }
  }

  @Test
  void cyclesPerSourceCountTheSequence() {
    // C1's last window subtracts, so its product takes one more cycle; C2's does not.
    assertEquals(33, PoissonGenerator.windows(PoissonGenerator.MIX_C1));
    assertEquals(32, PoissonGenerator.windows(PoissonGenerator.MIX_C2));
    assertEquals(2 * (3 + 33 + 32) + 3 + 1, PoissonGenerator.CYCLES_PER_SOURCE);
    assertEquals(PoissonGenerator.CYCLES_PER_SOURCE, CoreGenerator.poissonCyclesPerNeuron());
  }

  /** The RTL's P_M cycles for constant {@code c} and multiplicand {@code z}. */
  private static long product(long c, long z) {
    int cycles = PoissonGenerator.windows(c);
    long nzTable = PoissonGenerator.table(c, "nz", 1);
    long selTable = PoissonGenerator.table(c, "sel", 1);
    long negTable = PoissonGenerator.table(c, "neg", 1);
    int first = PoissonGenerator.windowDigits(c)[0];
    boolean nz = first != 0;
    boolean sel = Math.abs(first) == 2;
    boolean neg = first < 0;
    long lo = 0;
    long hi = 0;
    long carry = 0;
    long zs = z;
    for (int count = 0; count < cycles; count++) {
      long term = (sel ? zs << 1 : zs) ^ (neg ? -1L : 0L);
      if (nz) {
        long loSum = lo + (term & 0xFFFF_FFFFL) + (neg ? 1 : 0);
        hi = (hi + (term >>> 32) + carry) & 0xFFFF_FFFFL;
        lo = loSum & 0xFFFF_FFFFL;
        carry = loSum >>> 32;
      }
      zs <<= 2;
      nz = (nzTable >>> count & 1) != 0;
      sel = (selTable >>> count & 1) != 0;
      neg = (negTable >>> count & 1) != 0;
    }
    assertEquals(0, carry, "no carry pending after the last cycle");
    return hi << 32 | lo;
  }
}
