package snnc.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import snnc.diag.Span;

/**
 * The whole model: populations, projections and recordings in source order, the timestep and run
 * length in ms, and optional target hints. Immutable; passes build new networks.
 */
public record Network(String name, double timestepMs, double runMs, List<Population> populations,
    List<Projection> projections, List<Recording> recordings, Optional<TargetHints> target,
    Span span) {

  public Network {
    populations = List.copyOf(populations);
    projections = List.copyOf(projections);
    recordings = List.copyOf(recordings);
  }

  /** Populations by id, in source order. */
  public Map<PopulationId, Population> populationsById() {
    Map<PopulationId, Population> byId = new LinkedHashMap<>();
    for (Population p : populations) {
      byId.put(p.id(), p);
    }
    return Collections.unmodifiableMap(byId);
  }

  public Optional<Population> population(PopulationId id) {
    return populations.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Optional<Projection> projection(ProjectionId id) {
    return projections.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Total number of cells (neurons and sources). */
  public long cellCount() {
    long n = 0;
    for (Population p : populations) {
      n += p.size();
    }
    return n;
  }

  /** The number of steps the run takes: {@code round(runMs / timestepMs)}. */
  public long steps() {
    return Math.round(runMs / timestepMs);
  }
}
