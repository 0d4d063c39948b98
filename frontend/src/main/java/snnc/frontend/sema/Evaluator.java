package snnc.frontend.sema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import snnc.diag.Span;
import snnc.frontend.ast.Expr;
import snnc.ir.Distribution;
import snnc.ir.units.Dimension;
import snnc.ir.units.Quantity;
import snnc.ir.units.Unit;
import snnc.ir.units.Units;

/**
 * Evaluates constant expressions with dimension checking, and converts values into the unit a
 * parameter, weight or delay expects. Errors are reported once and yield {@link Value#POISON}.
 */
public final class Evaluator {

  /** Math functions: name to arity; min/max take two or more arguments. */
  private static final Map<String, Integer> FUNCTIONS = Map.of("min", -2, "max", -2, "abs", 1,
      "round", 1, "floor", 1, "ceil", 1, "sqrt", 1, "exp", 1, "log", 1);

  /** Distributions: name to parameter names in positional order. */
  private static final Map<String, List<String>> DISTRIBUTIONS = Map.of(
      "uniform", List.of("low", "high"),
      "normal", List.of("mean", "sd"),
      "normal_clipped", List.of("mean", "sd", "low", "high"),
      "exponential", List.of("mean"));

  private final Reporter reporter;

  public Evaluator(Reporter reporter) {
    this.reporter = reporter;
  }

  public Reporter reporter() {
    return reporter;
  }

  /** Names a call can use: math functions and distributions. */
  public static List<String> callableNames() {
    List<String> names = new ArrayList<>(FUNCTIONS.keySet());
    names.addAll(DISTRIBUTIONS.keySet());
    return names;
  }

  public static boolean isDistribution(String name) {
    return DISTRIBUTIONS.containsKey(name);
  }

  public Value eval(Expr expr, Scope scope) {
    if (expr instanceof Expr.NumberLit n) {
      return new Value.Num(Quantity.scalar(n.value()));
    } else if (expr instanceof Expr.WithUnit w) {
      return withUnit(w, scope);
    } else if (expr instanceof Expr.Name n) {
      return name(n, scope);
    } else if (expr instanceof Expr.Negate n) {
      return negate(n, scope);
    } else if (expr instanceof Expr.Binary b) {
      return binary(b, scope);
    } else if (expr instanceof Expr.ListLit l) {
      return new Value.ListV(evalAll(l.items(), scope), spans(l.items()));
    } else if (expr instanceof Expr.TupleLit t) {
      return new Value.TupleV(evalAll(t.items(), scope), spans(t.items()));
    } else if (expr instanceof Expr.Call c) {
      return call(c, scope);
    } else if (expr instanceof Expr.BoolLit b) {
      return new Value.Bool(b.value());
    } else if (expr instanceof Expr.StringLit s) {
      return new Value.Str(s.value());
    }
    throw new IllegalStateException("sema: unhandled expression " + expr);
  }

  private List<Value> evalAll(List<Expr> exprs, Scope scope) {
    List<Value> out = new ArrayList<>();
    for (Expr e : exprs) {
      out.add(eval(e, scope));
    }
    return out;
  }

  private static List<Span> spans(List<Expr> exprs) {
    List<Span> out = new ArrayList<>();
    for (Expr e : exprs) {
      out.add(e.span());
    }
    return out;
  }

  /** The unit named {@code symbol} ({@code μ}, Greek mu, is accepted for micro too). */
  public Optional<Unit> unit(String symbol, Span span) {
    Optional<Unit> unit = Units.lookup(symbol.replace('\u03BC', '\u00B5'));
    if (unit.isEmpty()) {
      reporter.error("sema.unknown-unit", span, "unknown unit '" + symbol + "'",
          Suggest.didYouMean(symbol, Units.symbols()));
    }
    return unit;
  }

  private Value withUnit(Expr.WithUnit w, Scope scope) {
    Optional<Unit> unit = unit(w.unit(), w.unitSpan());
    if (w.operand() instanceof Expr.NumberLit n) {
      // From the literal's decimal text, so `0.1 s` is exactly 100 ms.
      return unit.<Value>map(u -> new Value.Num(Quantity.of(new BigDecimal(n.text()).doubleValue(),
          u))).orElse(Value.POISON);
    }
    Value operand = eval(w.operand(), scope);
    if (unit.isEmpty() || operand instanceof Value.Poison) {
      return Value.POISON;
    }
    if (!(operand instanceof Value.Num num)) {
      reporter.error("sema.type-mismatch", w.operand().span(),
          "a unit can only follow a number, not " + operand.describe());
      return Value.POISON;
    }
    Unit u = unit.get();
    return new Value.Num(new Quantity(u.toCoherent(num.value()),
        num.dimension().times(u.dimension())));
  }

  private Value name(Expr.Name n, Scope scope) {
    Optional<Binding> binding = scope.lookup(n.name());
    if (binding.isPresent()) {
      return binding.get().value();
    }
    Optional<Unit> unit = Units.lookup(n.name().replace('\u03BC', '\u00B5'));
    if (unit.isPresent()) {
      // A bare unit symbol is one of that unit, so `2 mV / ms` reads as written.
      return new Value.Num(Quantity.of(1, unit.get()));
    }
    if (!scope.incomplete()) {
      reporter.error("sema.unknown-name", n.span(), "unknown name '" + n.name() + "'",
          Suggest.didYouMean(n.name(), scope.visibleNames()));
    }
    return Value.POISON;
  }

  private Value negate(Expr.Negate n, Scope scope) {
    Value v = eval(n.operand(), scope);
    if (v instanceof Value.Num num) {
      return new Value.Num(num.quantity().negate());
    }
    return expectNumber(v, n.operand().span(), "'-'");
  }

  private Value expectNumber(Value v, Span span, String context) {
    if (!(v instanceof Value.Poison)) {
      reporter.error("sema.type-mismatch", span, context + " needs a number, got " + v.describe());
    }
    return Value.POISON;
  }

  private Value binary(Expr.Binary b, Scope scope) {
    Value left = eval(b.left(), scope);
    Value right = eval(b.right(), scope);
    if (!(left instanceof Value.Num l)) {
      expectNumber(left, b.left().span(), "'" + b.op() + "'");
      if (!(right instanceof Value.Num)) {
        expectNumber(right, b.right().span(), "'" + b.op() + "'");
      }
      return Value.POISON;
    }
    if (!(right instanceof Value.Num r)) {
      return expectNumber(right, b.right().span(), "'" + b.op() + "'");
    }
    Dimension ld = l.dimension();
    Dimension rd = r.dimension();
    switch (b.op()) {
      case "+", "-" -> {
        if (!ld.equals(rd)) {
          reporter.error("sema.unit-mismatch", b.span(), "cannot " + (b.op().equals("+")
              ? "add " : "subtract ") + rd.describe() + (b.op().equals("+") ? " to " : " from ")
              + ld.describe());
          return Value.POISON;
        }
        double v = b.op().equals("+") ? l.value() + r.value() : l.value() - r.value();
        return new Value.Num(new Quantity(v, ld));
      }
      case "*" -> {
        return new Value.Num(l.quantity().times(r.quantity()));
      }
      case "/" -> {
        if (r.value() == 0) {
          reporter.error("sema.division-by-zero", b.right().span(), "division by zero");
          return Value.POISON;
        }
        return new Value.Num(l.quantity().divide(r.quantity()));
      }
      case "%" -> {
        if (!rd.isNone() && !rd.equals(ld)) {
          reporter.error("sema.unit-mismatch", b.span(), "cannot take the remainder of "
              + ld.describe() + " by " + rd.describe());
          return Value.POISON;
        }
        if (r.value() == 0) {
          reporter.error("sema.division-by-zero", b.right().span(), "remainder by zero");
          return Value.POISON;
        }
        return new Value.Num(new Quantity(l.value() % r.value(), ld));
      }
      default -> throw new IllegalStateException("sema: unknown operator " + b.op());
    }
  }

  private Value call(Expr.Call c, Scope scope) {
    if (DISTRIBUTIONS.containsKey(c.name())) {
      return distribution(c, scope);
    }
    Integer arity = FUNCTIONS.get(c.name());
    if (arity == null) {
      reporter.error("sema.unknown-function", c.nameSpan(), "unknown function '" + c.name() + "'",
          Suggest.didYouMean(c.name(), callableNames()));
      return Value.POISON;
    }
    List<Value.Num> args = new ArrayList<>();
    boolean poisoned = false;
    for (Expr.Arg a : c.args()) {
      if (a.name().isPresent() || a.seed().isPresent()) {
        reporter.error("sema.bad-argument", a.span(), c.name() + " takes plain arguments");
        poisoned = true;
        continue;
      }
      Value v = eval(a.value(), scope);
      if (v instanceof Value.Num n) {
        args.add(n);
      } else {
        expectNumber(v, a.value().span(), c.name());
        poisoned = true;
      }
    }
    int n = c.args().size();
    if (arity > 0 ? n != arity : n < -arity) {
      reporter.error("sema.bad-argument", c.span(), c.name() + " takes "
          + (arity > 0 ? arity + " argument" + (arity == 1 ? "" : "s") : "at least " + -arity
          + " arguments") + ", got " + n);
      return Value.POISON;
    }
    if (poisoned) {
      return Value.POISON;
    }
    if (c.name().equals("min") || c.name().equals("max") || c.name().equals("abs")) {
      Dimension dim = args.get(0).dimension();
      for (int i = 1; i < args.size(); i++) {
        if (!args.get(i).dimension().equals(dim)) {
          reporter.error("sema.unit-mismatch", c.args().get(i).span(), c.name()
              + " needs arguments of one dimension: " + dim.describe() + " and "
              + args.get(i).dimension().describe());
          return Value.POISON;
        }
      }
      double result = args.get(0).value();
      for (Value.Num a : args) {
        result = switch (c.name()) {
          case "min" -> Math.min(result, a.value());
          case "max" -> Math.max(result, a.value());
          default -> Math.abs(a.value());
        };
      }
      return new Value.Num(new Quantity(result, dim));
    }
    Value.Num x = args.get(0);
    if (!x.dimension().isNone()) {
      reporter.error("sema.unit-mismatch", c.args().get(0).span(), c.name()
          + " needs a dimensionless argument, got " + x.dimension().describe());
      return Value.POISON;
    }
    double v = x.value();
    if ((c.name().equals("sqrt") && v < 0) || (c.name().equals("log") && v <= 0)) {
      reporter.error("sema.bad-argument", c.args().get(0).span(), c.name()
          + " is not defined for " + format(v));
      return Value.POISON;
    }
    double result = switch (c.name()) {
      case "round" -> Math.rint(v);
      case "floor" -> Math.floor(v);
      case "ceil" -> Math.ceil(v);
      case "sqrt" -> Math.sqrt(v);
      case "exp" -> Math.exp(v);
      case "log" -> Math.log(v);
      default -> throw new IllegalStateException("sema: unhandled function " + c.name());
    };
    return Value.scalar(result);
  }

  private Value distribution(Expr.Call c, Scope scope) {
    List<String> params = DISTRIBUTIONS.get(c.name());
    Value.Num[] values = new Value.Num[params.size()];
    Span[] spans = new Span[params.size()];
    boolean poisoned = false;
    int positional = 0;
    for (Expr.Arg a : c.args()) {
      int slot;
      if (a.seed().isPresent()) {
        reporter.error("sema.bad-argument", a.seed().get().span(),
            "write the seed after the distribution: `" + c.name() + "(...) seed N`");
      }
      if (a.name().isPresent()) {
        slot = params.indexOf(alias(a.name().get()));
        if (slot < 0) {
          reporter.error("sema.unknown-parameter", a.nameSpan(), c.name() + " has no parameter '"
              + a.name().get() + "'", Suggest.didYouMean(a.name().get(), params));
          poisoned = true;
          continue;
        }
      } else {
        slot = positional++;
        if (slot >= params.size()) {
          reporter.error("sema.bad-argument", a.span(), c.name() + " takes " + params.size()
              + " argument" + (params.size() == 1 ? "" : "s") + " (" + String.join(", ", params)
              + ")");
          poisoned = true;
          continue;
        }
      }
      if (values[slot] != null || spans[slot] != null) {
        reporter.error("sema.duplicate-parameter", a.span(), params.get(slot) + " is given twice");
        poisoned = true;
        continue;
      }
      spans[slot] = a.span();
      Value v = eval(a.value(), scope);
      if (v instanceof Value.Num n) {
        values[slot] = n;
      } else {
        expectNumber(v, a.value().span(), c.name());
        poisoned = true;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      if (spans[i] == null) {
        missing.add(params.get(i));
      }
    }
    if (!missing.isEmpty()) {
      reporter.error("sema.bad-argument", c.span(), c.name() + " needs " + String.join(", ",
          missing) + " (" + c.name() + "(" + String.join(", ", params) + "))");
      return Value.POISON;
    }
    if (poisoned) {
      return Value.POISON;
    }
    Dimension dim = values[0].dimension();
    List<Double> args = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!values[i].dimension().equals(dim)) {
        reporter.error("sema.unit-mismatch", spans[i], c.name() + " needs arguments of one "
            + "dimension: " + params.get(0) + " is " + dim.describe() + ", " + params.get(i)
            + " is " + values[i].dimension().describe());
        return Value.POISON;
      }
      args.add(values[i].value());
    }
    return new Value.Dist(c.name(), args, dim);
  }

  private static String alias(String name) {
    return switch (name) {
      case "mu", "beta" -> "mean";
      case "sigma" -> "sd";
      default -> name;
    };
  }

  // ---- conversions used by every checked position ----

  /**
   * {@code v} expressed in {@code unit}. A bare number is accepted only when {@code bareAllowed}
   * (the PyNN unit is then assumed); otherwise it is a missing unit.
   */
  public OptionalDouble inUnit(Value v, Span span, Unit unit, String what, boolean bareAllowed) {
    if (v instanceof Value.Poison) {
      return OptionalDouble.empty();
    }
    if (!(v instanceof Value.Num n)) {
      reporter.error("sema.type-mismatch", span, what + " expects a " + describeUnit(unit)
          + ", got " + v.describe());
      return OptionalDouble.empty();
    }
    return inUnit(n, span, unit, what, bareAllowed);
  }

  public OptionalDouble inUnit(Value.Num n, Span span, Unit unit, String what,
      boolean bareAllowed) {
    if (n.dimension().equals(unit.dimension())) {
      return OptionalDouble.of(new Quantity(n.value(), n.dimension()).in(unit));
    }
    if (n.dimension().isNone() && bareAllowed) {
      return OptionalDouble.of(n.value());
    }
    if (n.dimension().isNone()) {
      reporter.error("sema.missing-unit", span, what + " needs a unit (" + unit.symbol() + ")",
          "write `" + format(n.value()) + " " + unit.symbol() + "`");
    } else {
      reporter.error("sema.unit-mismatch", span, what + " expects " + describeUnit(unit)
          + ", got " + n.dimension().describe());
    }
    return OptionalDouble.empty();
  }

  /** "time (ms)", "dimensionless number". */
  public static String describeUnit(Unit unit) {
    if (unit.dimension().isNone()) {
      return "a dimensionless number";
    }
    return unit.dimension().describe() + " (" + unit.symbol() + ")";
  }

  /** A plain number with no dimension. */
  public OptionalDouble plain(Value v, Span span, String what) {
    if (v instanceof Value.Poison) {
      return OptionalDouble.empty();
    }
    if (!(v instanceof Value.Num n)) {
      reporter.error("sema.type-mismatch", span, what + " expects a number, got " + v.describe());
      return OptionalDouble.empty();
    }
    if (!n.dimension().isNone()) {
      reporter.error("sema.unit-mismatch", span, what + " expects a dimensionless number, got "
          + n.dimension().describe());
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(n.value());
  }

  /** A dimensionless whole number. */
  public OptionalLong integer(Value v, Span span, String what) {
    OptionalDouble d = plain(v, span, what);
    if (d.isEmpty()) {
      return OptionalLong.empty();
    }
    double x = d.getAsDouble();
    if (x != Math.rint(x) || Math.abs(x) > 9.0e15) {
      reporter.error("sema.not-integer", span, what + " must be a whole number, got " + format(x));
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) x);
  }

  /** A whole number that fits an int. */
  public java.util.OptionalInt integer32(Value v, Span span, String what) {
    OptionalLong l = integer(v, span, what);
    if (l.isEmpty()) {
      return java.util.OptionalInt.empty();
    }
    if (l.getAsLong() > Integer.MAX_VALUE || l.getAsLong() < Integer.MIN_VALUE) {
      reporter.error("sema.not-integer", span, what + " is too large: " + l.getAsLong());
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of((int) l.getAsLong());
  }

  public Optional<Boolean> bool(Value v, Span span, String what) {
    if (v instanceof Value.Bool b) {
      return Optional.of(b.value());
    }
    if (!(v instanceof Value.Poison)) {
      reporter.error("sema.type-mismatch", span, what + " expects true or false, got "
          + v.describe());
    }
    return Optional.empty();
  }

  /** A distribution with its moments and bounds in {@code unit}. */
  public Optional<Distribution> distribution(Value.Dist d, Span span, Unit unit, String what,
      boolean bareAllowed) {
    List<Double> args = new ArrayList<>();
    for (double a : d.args()) {
      OptionalDouble x = inUnit(new Value.Num(new Quantity(a, d.dimension())), span, unit, what,
          bareAllowed);
      if (x.isEmpty()) {
        return Optional.empty();
      }
      args.add(x.getAsDouble());
    }
    return Optional.of(switch (d.kind()) {
      case "uniform" -> new Distribution.Uniform(args.get(0), args.get(1));
      case "normal" -> new Distribution.Normal(args.get(0), args.get(1));
      case "normal_clipped" -> new Distribution.NormalClipped(args.get(0), args.get(1),
          args.get(2), args.get(3));
      case "exponential" -> new Distribution.Exponential(args.get(0));
      default -> throw new IllegalStateException("sema: unknown distribution " + d.kind());
    });
  }

  /** A number as a person would write it: {@code 20} not {@code 20.0}. */
  public static String format(double x) {
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
