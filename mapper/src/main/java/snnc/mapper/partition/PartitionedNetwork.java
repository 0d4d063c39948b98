package snnc.mapper.partition;

import java.util.List;
import java.util.Optional;
import snnc.ir.Network;
import snnc.mapper.target.Target;

/**
 * The result of partitioning: the network's slices (neuron slices in population order, then
 * delay-extension slices) and the traffic between them, for one target.
 */
public record PartitionedNetwork(Network network, Target target, List<Slice> slices,
    TrafficGraph traffic) {

  public PartitionedNetwork {
    slices = List.copyOf(slices);
  }

  /** The delay-extension slice that holds back the spikes of neuron slice {@code source}, if any. */
  public Optional<Slice> extensionOf(Slice source) {
    return slices.stream().filter(x -> source.kind() == Slice.Kind.NEURONS
        && x.kind() == Slice.Kind.DELAY_EXTENSION && x.population().equals(source.population()) && x.lo() <= source.lo()
        && source.hi() <= x.hi()).findFirst();
  }
}
