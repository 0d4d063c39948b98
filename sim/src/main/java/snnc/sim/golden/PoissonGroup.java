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
    for (int i = 0; i < size; i++) {
      threshold[i] = PoissonSpikes.threshold(rate[i], dt);
      startStep[i] = Steps.spikeStep(start[i], dt);
      endStep[i] = Steps.spikeStep(start[i] + duration[i], dt);
      key[i] = stream.neuronKey(i);
    }
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      if (n >= startStep[i] && n < endStep[i]
          && (PoissonSpikes.wordOf(key[i], n) >>> 32) < threshold[i]) {
        spikes.add(i);
      }
    }
  }
}
