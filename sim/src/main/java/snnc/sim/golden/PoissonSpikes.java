package snnc.sim.golden;

import java.nio.charset.StandardCharsets;

/**
 * The counter-based random stream of SpikeSourcePoisson, defined on 64-bit integers so that every
 * target (Java, C on the ARM kernel, Verilog) can reproduce it bit for bit.
 *
 * <pre>
 * mix(z)     = SplitMix64's finaliser:
 *              z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >>> 27; z *= 0x94D049BB133111EB;
 *              z ^= z >>> 31                               (all arithmetic mod 2^64)
 * G          = 0x9E3779B97F4A7C15
 * popKey     = mix(seed + fnv1a64(UTF-8 bytes of the population name))
 * r(i, n)    = mix(mix(popKey + (i + 1)·G) + (n + 1)·G)    neuron i, step n
 * threshold  = floor(min(1, rate_Hz · dt_ms / 1000) · 2^32)     per neuron, an integer in [0, 2^32]
 * spike      ⇔ startStep ≤ n < endStep and (r(i, n) >>> 32) < threshold   (unsigned)
 * startStep  = round-half-even(start / dt), endStep = round-half-even((start + duration) / dt)
 * </pre>
 *
 * fnv1a64 is FNV-1a with offset basis 0xCBF29CE484222325 and prime 0x100000001B3. {@code seed} is
 * the simulator's Poisson seed ({@link SimOptions#poissonSeed()}), the same for all populations;
 * the population name keeps the streams of different populations apart.
 */
public final class PoissonSpikes {

  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final long popKey;

  public PoissonSpikes(long seed, String populationName) {
    this.popKey = mix(seed + fnv1a64(populationName));
  }

  /** SplitMix64's output function. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public static long fnv1a64(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }

  /** The per-step spike threshold for a rate in Hz at timestep dt in ms, in [0, 2^32]. */
  public static long threshold(double rateHz, double dtMs) {
    double p = Math.min(1.0, rateHz * dtMs / 1000.0);
    return (long) Math.floor(p * 4294967296.0);
  }

  /** The random word of neuron {@code index} at step {@code step}. */
  public long word(int index, long step) {
    return wordOf(neuronKey(index), step);
  }

  /**
   * The part of neuron {@code index}'s words that does not depend on the step, mix(popKey + (i +
   * 1)·G), which a caller drawing many steps can keep instead of recomputing.
   */
  public long neuronKey(int index) {
    return mix(popKey + (index + 1L) * GOLDEN_GAMMA);
  }

  /** The random word at {@code step} of the neuron whose {@link #neuronKey} is {@code key}. */
  public static long wordOf(long key, long step) {
    return mix(key + (step + 1L) * GOLDEN_GAMMA);
  }

  /** Whether neuron {@code index} spikes at {@code step}, given its threshold (window not checked). */
  public boolean spikes(int index, long step, long threshold) {
    return (word(index, step) >>> 32) < threshold;
  }
}
