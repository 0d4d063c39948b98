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

  /**
   * As {@link #resolve(Population, String)}, but a parameter the population does not carry (an IR
   * built by hand rather than by the frontend) takes the cell type's PyNN default.
   */
  public static double[] orDefault(Population population, String name) {
    if (population.params().containsKey(name)) {
      return resolve(population, name);
    }
    double def = population.cellType().param(name)
        .orElseThrow(() -> new IllegalArgumentException(
            population.cellType().pynnName() + " has no parameter " + name))
        .defaultValue();
    double[] values = new double[population.size()];
    Arrays.fill(values, def);
    return values;
  }

  /** The initial membrane voltage: {@code v} where given, otherwise {@code v_rest}. */
  public static double[] initialV(Population population) {
    ParamValue v = population.params().get("v");
    if (v == null || (v instanceof ParamValue.Constant c && Double.isNaN(c.value()))) {
      return orDefault(population, "v_rest");
    }
    return orDefault(population, "v");
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
