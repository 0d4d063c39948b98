package snnc.mapper.partition;

import snnc.diag.Span;
import snnc.ir.PopulationId;
import snnc.mapper.target.ResourceModel.SliceResources;

/**
 * A part of a population that runs on one core: cells {@code [lo, hi)}. A delay-extension slice
 * ({@code kind == DELAY_EXTENSION}) holds back, for delays longer than a core handles, the spikes of
 * the population's neuron slices whose cells lie in {@code [lo, hi)} (consecutive slices, the first
 * being {@code extendsSlice}), in {@code delayStages} stages. {@code rateHz} is the expected
 * spike rate per cell.
 */
public record Slice(int id, PopulationId population, int lo, int hi, Kind kind, int extendsSlice,
    int delayStages, SliceResources resources, long rows, long synapses, int maxFanIn,
    double rateHz, Span span) {

  /** What runs on the core. */
  public enum Kind {
    NEURONS,
    DELAY_EXTENSION
  }

  public int size() {
    return hi - lo;
  }

  /** The number of distinct keys the slice sends with. */
  public int keyCount() {
    return kind == Kind.NEURONS ? size() : size() * delayStages;
  }

  /** {@code pop[lo:hi]}, or {@code pop[lo:hi]+delay} for a delay extension. */
  public String label() {
    return population.name() + "[" + lo + ":" + hi + "]" + (kind == Kind.DELAY_EXTENSION
        ? "+delay" : "");
  }
}
