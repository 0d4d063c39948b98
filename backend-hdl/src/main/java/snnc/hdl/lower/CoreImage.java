package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import snnc.ir.ProjectionId;
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
 * @param constants the parameter table, 16-bit words at {entry, chunk}: neuron segments
 *     ({@link CoreShape#constants()}) at entries {@code [0, segments)}, then Poisson populations
 *     ({@link CoreShape#poissonSource()}) at {@code [segments, segments + poissonSources)}
 * @param state per neuron, {@link CoreShape#state()}
 * @param rows per spike key, {@link CoreShape#rows()}
 * @param synapses per synapse, {@link CoreShape#synapses()}
 * @param neurons neurons in the core (the config word is {@code neurons − 1})
 * @param maxDelaySteps the longest synaptic delay
 * @param segments neuron segments (runs of neurons with equal constants) in the table
 * @param rules STDP rules ({@link CoreShape#rules()}), one per plastic projection
 * @param lut STDP decay tables, word {rule, τ− table?, k} = exp(−k·dt/τ) in the decay format
 * @param columns addresses of the plastic synapses onto each neuron, neuron after neuron (each
 *     key's row word holds its neuron's range)
 * @param plastic where each plastic synapse lives, to read its weight back
 * @param poissonSources Poisson entries (runs of sources with equal parameters) of the on-chip
 *     generator
 */
public record CoreImage(String model, CoreShape shape, List<PopulationRange> populations,
    List<BigInteger> constants, List<BigInteger> state, List<BigInteger> rows,
    List<BigInteger> synapses, int neurons, int maxDelaySteps, int segments,
    int poissonSources, List<BigInteger> rules, List<BigInteger> lut, List<BigInteger> columns,
    List<PlasticSynapse> plastic) {

  public CoreImage {
    populations = List.copyOf(populations);
    constants = List.copyOf(constants);
    state = List.copyOf(state);
    rows = List.copyOf(rows);
    synapses = List.copyOf(synapses);
    rules = List.copyOf(rules);
    lut = List.copyOf(lut);
    columns = List.copyOf(columns);
    plastic = List.copyOf(plastic);
  }

  /**
   * A plastic synapse: its projection, pre and post index within their populations, delay in
   * steps, and its address in the synapse table.
   */
  public record PlasticSynapse(ProjectionId projection, int pre, int post, int delaySteps,
      int address) {}

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

  /** Whether the host injects the spikes of {@code p} (spike arrays; Poisson runs on chip). */
  public boolean hostDriven(PopulationRange p) {
    return p.isSource() && p.cellType() != CellType.SPIKE_SOURCE_POISSON;
  }

  public int sources() {
    return populations.stream().filter(PopulationRange::isSource)
        .mapToInt(PopulationRange::size).sum();
  }
}
