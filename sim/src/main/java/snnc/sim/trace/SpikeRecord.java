package snnc.sim.trace;

import java.util.Comparator;

/**
 * One spike: the population's name, the neuron's index within it, and the timestep it was emitted
 * in (its time is {@code step × dt}).
 */
public record SpikeRecord(String population, int index, long step) {

  /** The order of {@code spikes.csv}: step, then population name, then index. */
  public static final Comparator<SpikeRecord> CSV_ORDER = Comparator
      .comparingLong(SpikeRecord::step)
      .thenComparing(SpikeRecord::population)
      .thenComparingInt(SpikeRecord::index);
}
