package snnc.ir.model;

import java.util.Optional;
import snnc.ir.units.Unit;

/**
 * A parameter of a cell type: its PyNN name, PyNN unit, default (PyNN 0.10), the range it must lie
 * in, and whether it is an initial value of a state variable rather than a parameter. A default may
 * instead come from another parameter ({@code v} starts at {@code v_rest}).
 */
public record ParamSpec(String name, Unit unit, double defaultValue, Optional<String> defaultFrom,
    Constraint constraint, boolean initialValue) {

  /** The range a parameter's value must lie in. */
  public enum Constraint {
    ANY("any value"),
    POSITIVE("greater than zero"),
    NON_NEGATIVE("zero or more");

    private final String description;

    Constraint(String description) {
      this.description = description;
    }

    public boolean admits(double v) {
      return switch (this) {
        case ANY -> !Double.isNaN(v);
        case POSITIVE -> v > 0;
        case NON_NEGATIVE -> v >= 0;
      };
    }

    public String description() {
      return description;
    }
  }
}
