package snnc.mapper.partition;

import java.util.List;
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
}
