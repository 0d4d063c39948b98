package snnc.sim.golden;

import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/** SpikeSourcePoisson, drawn from the counter-based stream defined in {@link PoissonSpikes}. */
final class PoissonGroup extends CellGroup {

  private final PoissonSpikes stream;
  private final long[] threshold;
  private final long[] startStep;
  private final long[] endStep;

  PoissonGroup(Population p, double dt, long seed) {
    super(p);
    stream = new PoissonSpikes(seed, p.name());
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
    }
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      if (n >= startStep[i] && n < endStep[i] && stream.spikes(i, n, threshold[i])) {
        spikes.add(i);
      }
    }
  }
}
