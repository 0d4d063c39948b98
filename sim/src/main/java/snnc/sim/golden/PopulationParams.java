package snnc.sim.golden;

import java.util.Arrays;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/**
 * Per-neuron values of a population's parameters: {@link ParamValues} (the shared seeded draws for
 * random values), falling back to the cell type's default for a parameter the population lacks.
 */
final class PopulationParams {

  private PopulationParams() {}

  static double[] values(Population p, String name) {
    if (p.params().containsKey(name)) {
      return ParamValues.resolve(p, name);
    }
    double def = p.cellType().param(name)
        .orElseThrow(() -> new IllegalArgumentException(
            p.cellType().pynnName() + " has no parameter " + name))
        .defaultValue();
    double[] a = new double[p.size()];
    Arrays.fill(a, def);
    return a;
  }

  /** The initial membrane voltage: {@code v} if given, otherwise {@code v_rest}. */
  static double[] initialV(Population p) {
    ParamValue v = p.params().get("v");
    if (v == null || (v instanceof ParamValue.Constant c && Double.isNaN(c.value()))) {
      return values(p, "v_rest");
    }
    return values(p, "v");
  }
}
