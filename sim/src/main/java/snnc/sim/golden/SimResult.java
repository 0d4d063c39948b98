package snnc.sim.golden;

import snnc.ir.expand.SynapseBlock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import snnc.ir.ProjectionId;
import snnc.sim.trace.SpikeTrace;
import snnc.sim.trace.VoltageTrace;

/**
 * What a run produced: the recorded spikes, the recorded membrane voltages by population name,
 * the final weights of every plastic projection (sorted by pre, then post; magnitudes for
 * inhibitory projections), and run statistics.
 */
public record SimResult(SpikeTrace spikes, Map<String, VoltageTrace> voltages,
    Map<ProjectionId, SynapseBlock> finalWeights, Stats stats) {

  public SimResult {
    voltages = Map.copyOf(new TreeMap<>(voltages));
    finalWeights = Map.copyOf(finalWeights);
  }

  /**
   * Size and speed of the run; {@code runNanos} excludes building the synapse matrices.
   * {@code ringSaturations} counts, in fixed mode, the additions into a ring-buffer entry that hit
   * the profile's ring limit (each lost part of its input); 0 in float mode.
   */
  public record Stats(long steps, long cells, long synapses, int threads, long buildNanos,
      long runNanos, long ringSaturations) {}

  public Optional<VoltageTrace> voltage(String population) {
    return Optional.ofNullable(voltages.get(population));
  }

  public double timestepMs() {
    return spikes.timestepMs();
  }
}
