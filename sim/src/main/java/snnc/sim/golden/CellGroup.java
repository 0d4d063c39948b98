package snnc.sim.golden;

import snnc.ir.Population;

/**
 * The state of one population and its update on the timestep schedule (package documentation).
 * A step is split in two calls so spikes can be exchanged in between: {@link #advance} does steps
 * 1–4 (integrate, decay, threshold) and {@link #receive} steps 5–6 (take the input due now, reset
 * the neurons that spiked). Both work on a neuron range so workers can share a population.
 */
abstract class CellGroup {

  final Population population;
  final int size;
  /** Pending input; null for spike sources, which take none. */
  InputRing ring;

  CellGroup(Population population) {
    this.population = population;
    this.size = population.size();
  }

  /**
   * Tells the group the neuron ranges its {@link #advance} will be called with, worker p's being
   * {@code [bounds[p], bounds[p + 1])}, so it can keep per-range state; called once, before the
   * run.
   */
  void workerRanges(int[] bounds) {}

  /**
   * Called by worker p on its own thread before its first {@link #advance}, so that state only it
   * writes is allocated by it: objects the main thread allocated one after another share cache
   * lines, and two cores writing neighbouring fields at every spike pass those lines back and
   * forth ("false sharing").
   */
  void startWorker(int p) {}

  /** Steps 1–4 for neurons {@code [from, to)} at step {@code n}; appends the spiking indices. */
  abstract void advance(long n, int from, int to, IndexList spikes);

  /**
   * Steps 5–6 for neurons {@code [from, to)}: take the input due at {@code n}, then reset the
   * neurons in {@code spiked} (those {@link #advance} reported for this range and step).
   */
  void receive(long n, int from, int to, IndexList spiked) {}

  /** The membrane voltage in mV, NaN for cells without one. */
  double v(int i) {
    return Double.NaN;
  }

  boolean takesInput() {
    return !population.cellType().isSource();
  }

  /**
   * A ring for delays up to {@code maxDelaySteps}; 0 gives one slot, for input delivered at its
   * arrival step.
   */
  void allocateRing(int maxDelaySteps) {
    ring = new InputRing(size, Math.max(0, maxDelaySteps), ringLimit());
  }

  /** The value ring entries saturate at: none in float mode. */
  double ringLimit() {
    return Double.POSITIVE_INFINITY;
  }
}
