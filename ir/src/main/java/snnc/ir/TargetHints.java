package snnc.ir;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import snnc.diag.Span;

/**
 * The model's {@code target} block: the preferred target, numerics profile, neurons per core
 * (globally or per population), and populations pinned to places. The mapper checks these against
 * the real target; here they are only recorded.
 */
public record TargetHints(String targetName, Optional<String> numerics, OptionalInt neuronsPerCore,
    Map<PopulationId, Integer> neuronsPerCoreByPopulation, List<Pin> pins, Span span) {

  public TargetHints {
    neuronsPerCoreByPopulation = Collections.unmodifiableMap(
        new TreeMap<>(neuronsPerCoreByPopulation));
    pins = List.copyOf(pins);
  }

  /**
   * A population placed by hand: {@code coordinates} is (x, y) of a chip, or (x, y, core), or a
   * single core number on targets without chips.
   */
  public record Pin(PopulationId population, List<Integer> coordinates, Span span) {
    public Pin {
      coordinates = List.copyOf(coordinates);
    }
  }
}
