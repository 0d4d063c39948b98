package snnc.frontend.sema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import snnc.diag.Span;
import snnc.ir.model.CellType;
import snnc.ir.units.Dimension;
import snnc.ir.units.Quantity;

/**
 * The value of a constant expression. {@link Poison} stands for a value whose error was already
 * reported: every use of it is silently poisoned too, so one mistake gives one diagnostic.
 */
public sealed interface Value {

  /** What kind of value this is, in words, for type-mismatch messages. */
  String describe();

  /** A number with a dimension, in the coherent PyNN unit of that dimension. */
  record Num(Quantity quantity) implements Value {
    public double value() {
      return quantity.value();
    }

    public Dimension dimension() {
      return quantity.dimension();
    }

    public String describe() {
      return quantity.dimension().isNone() ? "a number" : "a " + quantity.dimension().describe();
    }
  }

  record Bool(boolean value) implements Value {
    public String describe() {
      return "true/false";
    }
  }

  record Str(String value) implements Value {
    public String describe() {
      return "a string";
    }
  }

  /** {@code [a, b]}; {@code spans} locate each item. */
  record ListV(List<Value> items, List<Span> spans) implements Value {
    public ListV {
      items = List.copyOf(items);
      spans = List.copyOf(spans);
    }

    public String describe() {
      return "a list";
    }
  }

  /** {@code (a, b)}; {@code spans} locate each item. */
  record TupleV(List<Value> items, List<Span> spans) implements Value {
    public TupleV {
      items = List.copyOf(items);
      spans = List.copyOf(spans);
    }

    public String describe() {
      return "a tuple";
    }
  }

  /** A distribution whose arguments share one dimension; values in coherent units. */
  record Dist(String kind, List<Double> args, Dimension dimension) implements Value {
    public Dist {
      args = List.copyOf(args);
    }

    public String describe() {
      return "a distribution";
    }
  }

  /** A cell template: a cell type with parameter values already checked against it. */
  record Cell(CellType type, Map<String, ParamArg> params) implements Value {
    public Cell {
      params = Map.copyOf(params);
    }

    public String describe() {
      return "a cell template";
    }
  }

  /** A checked parameter value of a cell template, where it was written and its explicit seed. */
  record ParamArg(Value value, Optional<Long> seed, Span span) {}

  /** A value whose error has been reported. */
  record Poison() implements Value {
    public String describe() {
      return "an invalid value";
    }
  }

  Poison POISON = new Poison();

  /** A dimensionless number. */
  static Num scalar(double value) {
    return new Num(Quantity.scalar(value));
  }
}
