package snnc.ir;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import snnc.diag.Span;
import snnc.ir.model.CellType;

/**
 * A group of identical cells. {@code params} holds every parameter and initial value of the cell type
 * (defaults filled in), keyed by PyNN name, in the parameter's PyNN unit. {@code paramSpans} locates
 * the values the user wrote; absent names fall back to the population's span.
 */
public record Population(PopulationId id, int size, CellType cellType,
    Map<String, ParamValue> params, Map<String, Span> paramSpans, Span span) {

  public Population {
    params = Collections.unmodifiableMap(new TreeMap<>(params));
    paramSpans = Collections.unmodifiableMap(new TreeMap<>(paramSpans));
  }

  public String name() {
    return id.name();
  }

  public ParamValue param(String name) {
    ParamValue v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException(cellType.pynnName() + " has no parameter " + name);
    }
    return v;
  }

  /** Where the value of {@code name} was written, or the population's span for defaults. */
  public Span spanOf(String name) {
    return paramSpans.getOrDefault(name, span);
  }
}
