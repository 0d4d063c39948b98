package snnc.ir;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import snnc.diag.Span;

/** What to record from a population, optionally only neurons {@code [from, to)}. */
public record Recording(PopulationId population, Set<Variable> variables, Optional<Range> slice,
    Span span) {

  public Recording {
    variables = Collections.unmodifiableSet(EnumSet.copyOf(variables));
  }

  /** A half-open range of neuron indices. */
  public record Range(int from, int to) {
    public int size() {
      return to - from;
    }
  }

  /** Recordable variables, by PyNN name. */
  public enum Variable {
    SPIKES("spikes"),
    V("v"),
    GSYN_EXC("gsyn_exc"),
    GSYN_INH("gsyn_inh");

    private final String pynnName;

    Variable(String pynnName) {
      this.pynnName = pynnName;
    }

    public String pynnName() {
      return pynnName;
    }

    public static Optional<Variable> byName(String name) {
      for (Variable v : values()) {
        if (v.pynnName.equals(name)) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }
}
