package snnc.sim.golden;

import java.util.Objects;

/**
 * How to run the golden simulator.
 *
 * @param numerics the arithmetic (only float exists yet)
 * @param poissonSeed the seed of every SpikeSourcePoisson stream ({@link PoissonSpikes})
 * @param threads workers; 0 picks one per core (at most 2) for networks of 10 000 cells or more and
 *     one otherwise. Results do not depend on the number of workers.
 * @param recordAllSpikes record the spikes of every cell, not only the recorded populations
 * @param expander how projections become synapses
 */
public record SimOptions(Numerics numerics, long poissonSeed, int threads, boolean recordAllSpikes,
    SynapseExpander expander) {

  public SimOptions {
    Objects.requireNonNull(numerics, "numerics");
    Objects.requireNonNull(expander, "expander");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (automatic) or more");
    }
  }

  /** Float, seed 0, automatic threads, recordings as the network says, the shared expander. */
  public static SimOptions defaults() {
    return new SimOptions(Numerics.FLOAT, 0L, 0, false, SynapseExpander.shared());
  }

  public SimOptions withPoissonSeed(long seed) {
    return new SimOptions(numerics, seed, threads, recordAllSpikes, expander);
  }

  public SimOptions withThreads(int n) {
    return new SimOptions(numerics, poissonSeed, n, recordAllSpikes, expander);
  }

  public SimOptions withRecordAllSpikes(boolean all) {
    return new SimOptions(numerics, poissonSeed, threads, all, expander);
  }

  public SimOptions withExpander(SynapseExpander e) {
    return new SimOptions(numerics, poissonSeed, threads, recordAllSpikes, e);
  }
}
