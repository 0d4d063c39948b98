package snnc.sim.cosim;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import snnc.hdl.bridge.HostPlan;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.SystemImage;
import snnc.sim.trace.SpikeRecord;

/**
 * The golden simulator's spikes split for a hardware run: per step the keys the host injects
 * (the spike sources it drives), the spikes the hardware must fire itself (which the run is
 * compared with), and the spikes of sources the chip generates (neither sent nor compared). One
 * split serves the single core ({@link Cosim}), mapped systems ({@link SystemCosim}), the board
 * co-simulation ({@link BoardCosim}) and {@code snnc deploy}; how a spike is classified is the
 * design's {@link HostPlan}, so the simulated and the real board are driven alike.
 *
 * @param hostKeys the host's keys by step, in golden order
 * @param injected the golden spikes behind {@code hostKeys}, in golden order
 * @param fired the spikes the hardware must fire, in golden order
 * @param onChip the spikes of sources generated on the chip, in golden order
 */
public record GoldenSplit(TreeMap<Long, List<Long>> hostKeys, List<SpikeRecord> injected,
    List<SpikeRecord> fired, List<SpikeRecord> onChip) {

  /** Splits {@code golden} by {@code plan}'s {@link HostPlan#inputKey}. */
  public static GoldenSplit of(List<SpikeRecord> golden, HostPlan plan) {
    TreeMap<Long, List<Long>> keys = new TreeMap<>();
    List<SpikeRecord> injected = new ArrayList<>();
    List<SpikeRecord> fired = new ArrayList<>();
    List<SpikeRecord> onChip = new ArrayList<>();
    for (SpikeRecord s : golden) {
      long key = plan.inputKey(s.population(), s.index());
      if (key >= 0) {
        keys.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(key);
        injected.add(s);
      } else if (key == HostPlan.NEURON) {
        fired.add(s);
      } else {
        onChip.add(s);
      }
    }
    return new GoldenSplit(keys, List.copyOf(injected), List.copyOf(fired), List.copyOf(onChip));
  }

  /**
   * For a mapped system: a spike source's cells are injected as their global mapper keys, every
   * other spike comes from a core.
   */
  static GoldenSplit of(List<SpikeRecord> golden, SystemImage image) {
    return of(golden, HostPlan.of(image));
  }

  /**
   * For a single core: host-driven sources (SpikeSourceArray) are injected as the core's keys
   * ({@code base + index}), on-chip Poisson sources are left out, neurons are fired. (The
   * layout only decides which synapse words a board would read back, which no core run does.)
   */
  static GoldenSplit of(List<SpikeRecord> golden, CoreImage image) {
    return of(golden, HostPlan.of(image, CoreGenerator.Layout.DUAL_PORT));
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
  public TreeMap<Long, List<Integer>> intKeysByStep() {
    TreeMap<Long, List<Integer>> out = new TreeMap<>();
    hostKeys.forEach((step, keys) -> out.put(step,
        keys.stream().map(Long::intValue).toList()));
    return out;
  }
}
