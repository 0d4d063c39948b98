package snnc.sim.golden;

import snnc.ir.expand.DelaySteps;

/**
 * How times in ms become whole timesteps. Every target must round the same way, so these are the
 * only places the simulator does it.
 */
public final class Steps {

  private Steps() {}

  /**
   * Synaptic delay in steps: {@code round-half-even(delay / dt)} decided on the decimals
   * ({@link DelaySteps}), at least 1 (1.5 ms at 1 ms → 2).
   */
  public static int delaySteps(double delayMs, double dtMs) {
    return Math.max(1, DelaySteps.of(delayMs, dtMs));
  }

  /**
   * The step a spike-source time falls in: {@code round-half-even(t / dt)}, ties decided on the
   * decimals like delays ({@link DelaySteps}: 0.15 ms at 0.1 ms is step 2). Brian2's
   * SpikeGeneratorGroup uses {@code floor(t / dt + 0.001)} instead; the two agree for times on the
   * grid and differ for times in the upper half of a step.
   */
  public static long spikeStep(double timeMs, double dtMs) {
    return DelaySteps.of(timeMs, dtMs);
  }

  /** Refractory steps as Brian2 counts them: {@code floor((τrefrac + 0.001·dt) / dt)}. */
  public static int refractorySteps(double tauRefracMs, double dtMs) {
    return (int) Math.floor((tauRefracMs + 0.001 * dtMs) / dtMs);
  }
}
