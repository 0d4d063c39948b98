package snnc.ir.expand;

import java.util.Arrays;
import snnc.ir.ParamValue;
import snnc.ir.Population;

/**
 * Per-neuron values of a population's parameters, for simulators and backends. A random parameter
 * draws neuron {@code i}'s value from {@link CounterRng} keyed by
 * {@code (parameter seed, STREAM_PARAM, i)}, so any neuron's value can be computed on its own.
 */
public final class ParamValues {

  private ParamValues() {}

  /** The values of parameter {@code name} for neurons 0 … size − 1, in the parameter's PyNN unit. */
  public static double[] resolve(Population population, String name) {
    return resolve(population, name, 0, population.size());
  }

  /** The values of parameter {@code name} for neurons {@code [from, to)}. */
  public static double[] resolve(Population population, String name, int from, int to) {
    if (from < 0 || to > population.size() || from > to) {
      throw new IllegalArgumentException("neuron range [" + from + ", " + to + ") outside [0, "
          + population.size() + ")");
    }
    ParamValue value = population.param(name);
    double[] out = new double[to - from];
    if (value instanceof ParamValue.Constant c) {
      Arrays.fill(out, c.value());
    } else if (value instanceof ParamValue.PerNeuron p) {
      for (int i = from; i < to; i++) {
        out[i - from] = p.values().get(i);
      }
    } else if (value instanceof ParamValue.Random r) {
      CounterRng rng = CounterRng.of(0, 0, 0);
      for (int i = from; i < to; i++) {
        out[i - from] = Sampling.sample(r.distribution(),
            rng.reset(r.seed(), CounterRng.STREAM_PARAM, i));
      }
    } else {
      throw new IllegalArgumentException(
          name + " of population " + population.name() + " is not a number per neuron");
    }
    return out;
  }
}
