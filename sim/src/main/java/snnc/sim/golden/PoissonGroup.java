package snnc.sim.golden;

import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/** SpikeSourcePoisson, drawn from the counter-based stream defined in {@link PoissonSpikes}. */
final class PoissonGroup extends CellGroup {

  /** Per source, {@link PoissonSpikes#neuronKey}: half the hashing of a draw, done once. */
  private final long[] key;
  private final long[] threshold;
  private final long[] startStep;
  private final long[] endStep;
  /**
   * Scratch of {@link #advance}, per source: its word's high half minus its threshold, negative
   * when it fires. Workers write disjoint ranges of it.
   */
  private final long[] margin;

  PoissonGroup(Population p, double dt, long seed) {
    super(p);
    PoissonSpikes stream = new PoissonSpikes(seed, p.name());
    key = new long[size];
    double[] rate = ParamValues.orDefault(p, "rate");
    double[] start = ParamValues.orDefault(p, "start");
    double[] duration = ParamValues.orDefault(p, "duration");
    threshold = new long[size];
    startStep = new long[size];
    endStep = new long[size];
    margin = new long[size];
    for (int i = 0; i < size; i++) {
      threshold[i] = PoissonSpikes.threshold(rate[i], dt);
      startStep[i] = Steps.spikeStep(start[i], dt);
      endStep[i] = Steps.spikeStep(start[i] + duration[i], dt);
      key[i] = stream.neuronKey(i);
    }
  }

  /**
   * Two passes: the draws first, a loop without branches that C2 vectorises (a third of the time
   * of testing each draw as it is made), then a scan for the few sources that fire.
   */
  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    long[] key = this.key;
    long[] threshold = this.threshold;
    long[] margin = this.margin;
    long stepTerm = (n + 1L) * PoissonSpikes.GOLDEN_GAMMA;
    for (int i = from; i < to; i++) {
      // (word >>> 32) < threshold, both in [0, 2^32]: the difference is negative exactly then.
      margin[i] = (PoissonSpikes.mix(key[i] + stepTerm) >>> 32) - threshold[i];
    }
    for (int i = from; i < to; i++) {
      if (margin[i] < 0 && n >= startStep[i] && n < endStep[i]) {
        spikes.add(i);
      }
    }
  }
}
