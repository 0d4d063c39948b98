package snnc.sim.golden;

import java.util.Objects;
import snnc.ir.numerics.NumericsProfile;

/**
 * How to run the golden simulator.
 *
 * @param numerics the arithmetic
 * @param profile the fixed-point profile used when {@code numerics} is {@link Numerics#FIXED}
 * @param allowZeroWeights in fixed mode, run although non-zero weights round to zero (the
 *     {@code quant.zero-weight} diagnostic becomes a warning)
 * @param poissonSeed the seed of every SpikeSourcePoisson stream ({@link PoissonSpikes})
 * @param threads workers; 0 picks one per core (at most 2) for networks of 10 000 cells or more and
 *     one otherwise. Results do not depend on the number of workers.
 * @param recordAllSpikes record the spikes of every cell, not only the recorded populations
 * @param expander how projections become synapses
 */
public record SimOptions(Numerics numerics, NumericsProfile profile, boolean allowZeroWeights,
    long poissonSeed, int threads, boolean recordAllSpikes, SynapseExpander expander) {

  public SimOptions {
    Objects.requireNonNull(numerics, "numerics");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(expander, "expander");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be 0 (automatic) or more");
    }
  }

  /** Float, seed 0, automatic threads, recordings as the network says, the shared expander. */
  public static SimOptions defaults() {
    return new SimOptions(Numerics.FLOAT, NumericsProfile.COMPACT, false, 0L, 0, false,
        SynapseExpander.shared());
  }

  /** Fixed-point mode in {@code p}. */
  public SimOptions withFixed(NumericsProfile p) {
    return new SimOptions(Numerics.FIXED, p, allowZeroWeights, poissonSeed, threads,
        recordAllSpikes, expander);
  }

  public SimOptions withFloat() {
    return new SimOptions(Numerics.FLOAT, profile, allowZeroWeights, poissonSeed, threads,
        recordAllSpikes, expander);
  }

  public SimOptions withAllowZeroWeights(boolean allow) {
    return new SimOptions(numerics, profile, allow, poissonSeed, threads, recordAllSpikes,
        expander);
  }

  public SimOptions withPoissonSeed(long seed) {
    return new SimOptions(numerics, profile, allowZeroWeights, seed, threads, recordAllSpikes,
        expander);
  }

  public SimOptions withThreads(int n) {
    return new SimOptions(numerics, profile, allowZeroWeights, poissonSeed, n, recordAllSpikes,
        expander);
  }

  public SimOptions withRecordAllSpikes(boolean all) {
    return new SimOptions(numerics, profile, allowZeroWeights, poissonSeed, threads, all,
        expander);
  }

  public SimOptions withExpander(SynapseExpander e) {
    return new SimOptions(numerics, profile, allowZeroWeights, poissonSeed, threads,
        recordAllSpikes, e);
  }
}
