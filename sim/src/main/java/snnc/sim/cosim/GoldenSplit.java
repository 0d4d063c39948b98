package snnc.sim.cosim;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.SystemImage;
import snnc.sim.trace.SpikeRecord;

/**
 * The golden simulator's spikes split for a hardware run: per step the keys the host injects
 * (the spike sources it drives) and the spikes the hardware must fire itself, which the run is
 * compared with. One split serves the single core ({@link Cosim}, {@link BoardCosim}) and mapped
 * systems ({@link SystemCosim}, {@link BoardCosim}); only how a spike is classified differs.
 *
 * @param hostKeys the host's keys by step, in golden order
 * @param fired the spikes the hardware must fire, in golden order
 */
record GoldenSplit(TreeMap<Long, List<Long>> hostKeys, List<SpikeRecord> fired) {

  /** {@link Classifier#keyOf}: the hardware fires the spike itself. */
  static final long FIRED = -1;
  /** {@link Classifier#keyOf}: generated on the chip (on-chip Poisson): neither sent nor compared. */
  static final long ON_CHIP = -2;

  /** What the hardware does with a golden spike. */
  interface Classifier {
    /** The key the host injects for {@code spike}, else {@link #FIRED} or {@link #ON_CHIP}. */
    long keyOf(SpikeRecord spike);
  }

  /** Splits {@code golden} by {@code classifier}. */
  static GoldenSplit of(List<SpikeRecord> golden, Classifier classifier) {
    TreeMap<Long, List<Long>> keys = new TreeMap<>();
    List<SpikeRecord> fired = new ArrayList<>();
    for (SpikeRecord s : golden) {
      long key = classifier.keyOf(s);
      if (key == FIRED) {
        fired.add(s);
      } else if (key != ON_CHIP) {
        keys.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(key);
      }
    }
    return new GoldenSplit(keys, fired);
  }

  /**
   * For a mapped system: a spike source's cells are injected as their global mapper keys
   * ({@link SystemImage#hostKey}), every other spike comes from a core.
   */
  static GoldenSplit of(List<SpikeRecord> golden, SystemImage image) {
    return of(golden, s -> image.hostKey(s.population(), s.index()).orElse(FIRED));
  }

  /**
   * For a single core: host-driven sources (SpikeSourceArray) are injected as the core's keys
   * ({@code base + index}), on-chip Poisson sources are left out, neurons are fired.
   */
  static GoldenSplit of(List<SpikeRecord> golden, CoreImage image) {
    return of(golden, s -> {
      CoreImage.PopulationRange p = image.population(s.population()).orElseThrow();
      if (!p.isSource()) {
        return FIRED;
      }
      return image.hostDriven(p) ? p.base() + s.index() : ON_CHIP;
    });
  }

  /** The host's keys of step {@code step}. */
  long[] keys(long step) {
    return hostKeys.getOrDefault(step, List.of()).stream().mapToLong(Long::longValue).toArray();
  }

  /** The host's keys of step {@code step}, as the single core's and the bridge's int keys. */
  int[] intKeys(long step) {
    return hostKeys.getOrDefault(step, List.of()).stream().mapToInt(Long::intValue).toArray();
  }

  /** The host's keys by step as ints (the bridge's keys are at most 15 bits). */
  TreeMap<Long, List<Integer>> intKeysByStep() {
    TreeMap<Long, List<Integer>> out = new TreeMap<>();
    hostKeys.forEach((step, keys) -> out.put(step,
        keys.stream().map(Long::intValue).toList()));
    return out;
  }
}
