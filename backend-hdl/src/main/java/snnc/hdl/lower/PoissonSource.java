package snnc.hdl.lower;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.ir.Population;
import snnc.ir.expand.DelaySteps;
import snnc.ir.expand.ParamValues;

/**
 * The host-side constants of one SpikeSourcePoisson population for the core's on-chip generator,
 * computed exactly as docs/numerics.md ("Spike sources") and the golden simulator's
 * {@code PoissonSpikes} define the stream: the population's stream key
 * {@code mix(seed + fnv1a64(name))}, the per-step threshold {@code floor(min(1, rate·dt/1000)·2^32)}
 * and the active window {@code [round(start/dt), round((start + duration)/dt))} in steps. The core
 * then computes {@code r(i, n) = mix(mix(key + (i+1)·G) + (n+1)·G)} itself. One entry covers a
 * run of consecutive sources of a population with equal rate, start and duration (a homogeneous
 * population is one run).
 *
 * @param firstKey the spike key of the run's first source
 * @param lastKey the spike key of its last source
 * @param firstIndex the index of the run's first source in its population
 * @param streamKey mix(seed + fnv1a64(UTF-8 name)), as an unsigned 64-bit word
 * @param threshold the spike threshold in [0, 2^32]
 * @param startStep first step of the window (≥ 0)
 * @param endStep first step after the window (at most 2^31 − 1)
 */
public record PoissonSource(int firstKey, int lastKey, int firstIndex, long streamKey,
    long threshold, long startStep, long endStep) {

  /**
   * The entries of population {@code p} whose source 0 has spike key {@code firstKey}: one per run
   * of consecutive sources with equal rate, start and duration.
   */
  public static List<PoissonSource> of(Population p, double dtMs, long seed, int firstKey) {
    double[] rate = ParamValues.orDefault(p, "rate");
    double[] start = ParamValues.orDefault(p, "start");
    double[] duration = ParamValues.orDefault(p, "duration");
    long key = mix(seed + fnv1a64(p.name()));
    List<PoissonSource> runs = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= p.size(); i++) {
      if (i == p.size() || rate[i] != rate[from] || start[i] != start[from]
          || duration[i] != duration[from]) {
        long startStep = Math.max(0, DelaySteps.of(start[from], dtMs));
        long endStep = Math.max(0, DelaySteps.of(start[from] + duration[from], dtMs));
        runs.add(new PoissonSource(firstKey + from, firstKey + i - 1, from, key,
            threshold(rate[from], dtMs), startStep, endStep));
        from = i;
      }
    }
    return runs;
  }

  /** {@code streamKey + (firstIndex + 1)·G}: the mix input of the run's first source. */
  public long base() {
    return streamKey + (firstIndex + 1L) * PoissonGenerator.GOLDEN_GAMMA;
  }

  /** The fields of {@link CoreShape#poissonSource()}. */
  public Map<String, Long> fields() {
    Map<String, Long> f = new LinkedHashMap<>();
    f.put("first", (long) firstKey);
    f.put("last", (long) lastKey);
    f.put("base", base());
    f.put("threshold", threshold);
    f.put("start", startStep);
    f.put("end", endStep);
    return f;
  }

  /** SplitMix64's finaliser, the mix of docs/numerics.md. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * PoissonGenerator.MIX_C1;
    z = (z ^ (z >>> 27)) * PoissonGenerator.MIX_C2;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-8 bytes of {@code s}. */
  static long fnv1a64(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }

  /** floor(min(1, rate·dt/1000)·2^32). */
  static long threshold(double rateHz, double dtMs) {
    double p = Math.min(1.0, rateHz * dtMs / 1000.0);
    return (long) Math.floor(p * 4294967296.0);
  }

  /**
   * The stream's word of the run's source {@code k} (population index firstIndex + k) at
   * {@code step}, as the core computes it: from {@link #base()} by adding G per source.
   */
  public long word(int k, long step) {
    return mix(mix(base() + k * PoissonGenerator.GOLDEN_GAMMA)
        + (step + 1L) * PoissonGenerator.GOLDEN_GAMMA);
  }
}
