package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import snnc.ir.model.CellType;

/**
 * A network lowered onto one core: the core's shape, where each population lives, and the
 * contents of every loadable memory as words of the shape's layouts (index = address).
 *
 * @param model the network's name
 * @param shape the core the image is built for
 * @param populations every population: neuron populations own neuron indices (and spike keys)
 *     {@code [base, base + size)}, sources own spike keys {@code [base, base + size)} above all
 *     neurons
 * @param constants per neuron, {@link CoreShape#constants()}
 * @param state per neuron, {@link CoreShape#state()}
 * @param rows per spike key, {@link CoreShape#rows()}
 * @param synapses per synapse, {@link CoreShape#synapses()}
 * @param neurons neurons in the core (the config word is {@code neurons − 1})
 * @param maxDelaySteps the longest synaptic delay
 */
public record CoreImage(String model, CoreShape shape, List<PopulationRange> populations,
    List<BigInteger> constants, List<BigInteger> state, List<BigInteger> rows,
    List<BigInteger> synapses, int neurons, int maxDelaySteps) {

  public CoreImage {
    populations = List.copyOf(populations);
    constants = List.copyOf(constants);
    state = List.copyOf(state);
    rows = List.copyOf(rows);
    synapses = List.copyOf(synapses);
  }

  /** Where one population lives in the core. */
  public record PopulationRange(String name, CellType cellType, int base, int size) {
    public boolean isSource() {
      return cellType.isSource();
    }
  }

  /** The population holding neuron index {@code neuron} (not a source). */
  public Optional<PopulationRange> neuronOwner(int neuron) {
    return populations.stream().filter(p -> !p.isSource() && neuron >= p.base()
        && neuron < p.base() + p.size()).findFirst();
  }

  public Optional<PopulationRange> population(String name) {
    return populations.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public int sources() {
    return populations.stream().filter(PopulationRange::isSource)
        .mapToInt(PopulationRange::size).sum();
  }
}
