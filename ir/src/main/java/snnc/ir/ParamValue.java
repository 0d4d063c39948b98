package snnc.ir;

import java.util.List;

/** The value of a neuron parameter across a population, in the parameter's PyNN unit. */
public sealed interface ParamValue {

  /** The same value for every neuron. */
  record Constant(double value) implements ParamValue {}

  /** One value per neuron; its size equals the population size. */
  record PerNeuron(Doubles values) implements ParamValue {}

  /** Drawn per neuron from a distribution with its own seed. */
  record Random(Distribution distribution, long seed) implements ParamValue {}

  /**
   * Spike times of a spike source array: one list shared by every neuron, or one list per neuron.
   * Times are in ms, sorted ascending.
   */
  record SpikeTimes(List<Doubles> perNeuron) implements ParamValue {
    public SpikeTimes {
      perNeuron = List.copyOf(perNeuron);
    }

    /** The spike times of neuron {@code index}. */
    public Doubles of(int index) {
      return perNeuron.size() == 1 ? perNeuron.get(0) : perNeuron.get(index);
    }
  }
}
