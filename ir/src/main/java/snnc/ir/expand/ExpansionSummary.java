package snnc.ir.expand;

import java.util.List;
import java.util.Optional;
import snnc.ir.Network;
import snnc.ir.ProjectionId;

/**
 * The result of the {@code expand} pass: per projection, in the network's order, how many synapses
 * its connector produced and their digest. It refers to the network it summarises; the expanded
 * matrices themselves are not kept.
 */
public record ExpansionSummary(Network network, List<ProjectionExpansion> projections) {

  public ExpansionSummary {
    projections = List.copyOf(projections);
  }

  public Optional<ProjectionExpansion> of(ProjectionId id) {
    return projections.stream().filter(p -> p.projection().equals(id)).findFirst();
  }

  /** Synapses over all projections. */
  public long totalSynapses() {
    long n = 0;
    for (ProjectionExpansion p : projections) {
      n += p.synapses();
    }
    return n;
  }
}
