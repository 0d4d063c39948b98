package snnc.sim.trace;

import java.util.Arrays;

/**
 * Membrane voltage (mV) of some neurons of one population, sampled at the start of every step
 * {@code 0 ≤ n < steps} (the value at time {@code n·dt}, before the step's update, as Brian2's
 * StateMonitor records it). {@code values[n * indices.length + k]} belongs to neuron
 * {@code indices[k]}.
 */
public final class VoltageTrace {

  private final String population;
  private final int[] indices;
  private final long steps;
  private final double[] values;

  public VoltageTrace(String population, int[] indices, long steps, double[] values) {
    if (values.length != steps * indices.length) {
      throw new IllegalArgumentException("expected " + steps * indices.length + " samples, got "
          + values.length);
    }
    this.population = population;
    this.indices = indices.clone();
    this.steps = steps;
    this.values = values;
  }

  public String population() {
    return population;
  }

  /** The recorded neuron indices, ascending. */
  public int[] indices() {
    return indices.clone();
  }

  public long steps() {
    return steps;
  }

  /** The voltage of the {@code k}-th recorded neuron at the start of step {@code step}. */
  public double value(long step, int k) {
    return values[(int) (step * indices.length + k)];
  }

  /** The voltage of neuron {@code index} (a population index) at the start of {@code step}. */
  public double valueOfNeuron(long step, int index) {
    int k = Arrays.binarySearch(indices, index);
    if (k < 0) {
      throw new IllegalArgumentException("neuron " + index + " of " + population
          + " was not recorded");
    }
    return value(step, k);
  }
}
