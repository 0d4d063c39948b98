package snnc.sim.golden;

import java.util.Arrays;
import snnc.ir.Doubles;
import snnc.ir.ParamValue;
import snnc.ir.Population;

/**
 * SpikeSourceArray: neuron i spikes at step n when one of its spike times t has
 * {@code round-half-even(t / dt) == n} ({@link Steps#spikeStep}); several times in one step give one
 * spike, and steps outside the run are dropped.
 */
final class SpikeArrayGroup extends CellGroup {

  /** Per neuron, its distinct spike steps ascending. */
  private final long[][] steps;
  /** Per neuron, the position of the next spike step not yet emitted. */
  private final int[] next;

  SpikeArrayGroup(Population p, double dt, long runSteps) {
    super(p);
    steps = new long[size][];
    next = new int[size];
    ParamValue value = p.params().get("spike_times");
    for (int i = 0; i < size; i++) {
      Doubles times = value instanceof ParamValue.SpikeTimes st ? st.of(i) : Doubles.of();
      long[] s = new long[times.size()];
      int k = 0;
      for (int j = 0; j < times.size(); j++) {
        long n = Steps.spikeStep(times.get(j), dt);
        if (n >= 0 && n < runSteps) {
          s[k++] = n;
        }
      }
      steps[i] = Arrays.stream(Arrays.copyOf(s, k)).sorted().distinct().toArray();
    }
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      long[] s = steps[i];
      int k = next[i];
      if (k < s.length && s[k] == n) {
        spikes.add(i);
        next[i] = k + 1;
      }
    }
  }
}
