package snnc.frontend.sema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import snnc.diag.Span;
import snnc.frontend.ast.CellExpr;
import snnc.frontend.ast.Expr;
import snnc.ir.model.CellType;
import snnc.ir.model.ParamSpec;

/**
 * Checks a cell expression ({@code IF_curr_exp(tau_m = 10 ms)} or {@code template(overrides)}):
 * the cell type or template exists, parameters exist and are given once, and every value has the
 * parameter's dimension.
 */
public final class CellChecker {

  private final Evaluator evaluator;
  private final Reporter reporter;

  public CellChecker(Evaluator evaluator) {
    this.evaluator = evaluator;
    this.reporter = evaluator.reporter();
  }

  /** The checked cell, or empty when its type is unknown (reported). */
  public Optional<Value.Cell> check(CellExpr cell, Scope scope) {
    Value.Cell base;
    Optional<CellType> builtIn = CellType.byPynnName(cell.name());
    Optional<Binding> binding = scope.lookup(cell.name());
    if (binding.isPresent() && binding.get().value() instanceof Value.Cell template) {
      base = template;
    } else if (builtIn.isPresent()) {
      base = new Value.Cell(builtIn.get(), Map.of());
    } else if (binding.isPresent()) {
      if (!(binding.get().value() instanceof Value.Poison)) {
        reporter.error("sema.type-mismatch", cell.nameSpan(), "'" + cell.name() + "' is "
            + binding.get().value().describe() + ", not a cell type or template");
      }
      return Optional.empty();
    } else {
      if (!scope.incomplete()) {
        List<String> candidates = new ArrayList<>(CellType.pynnNames());
        for (String name : scope.visibleNames()) {
          if (scope.lookup(name).map(b -> b.value() instanceof Value.Cell).orElse(false)) {
            candidates.add(name);
          }
        }
        reporter.error("sema.unknown-cell-type", cell.nameSpan(), "unknown cell type '"
            + cell.name() + "'", Suggest.didYouMean(cell.name(), candidates));
      }
      return Optional.empty();
    }
    CellType type = base.type();
    Map<String, Value.ParamArg> params = new LinkedHashMap<>(base.params());
    Map<String, Span> given = new HashMap<>();
    for (Expr.Arg arg : cell.args()) {
      if (arg.name().isEmpty()) {
        reporter.error("sema.bad-argument", arg.span(), "cell parameters are named: write "
            + "`name = value`");
        continue;
      }
      String name = arg.name().get();
      Optional<ParamSpec> spec = type.param(name);
      if (spec.isEmpty()) {
        List<String> names = new ArrayList<>();
        type.params().forEach(p -> names.add(p.name()));
        reporter.error("sema.unknown-parameter", arg.nameSpan(), type.pynnName()
            + " has no parameter '" + name + "'", Suggest.didYouMean(name, names));
        continue;
      }
      Span first = given.putIfAbsent(name, arg.nameSpan());
      if (first != null) {
        reporter.error("sema.duplicate-parameter", arg.nameSpan(), "parameter '" + name
            + "' is given twice", Reporter.firstDefined(first));
        continue;
      }
      Value value = checkParam(type, spec.get(), evaluator.eval(arg.value(), scope),
          arg.value().span());
      Optional<Long> seed = Optional.empty();
      if (arg.seed().isPresent()) {
        Expr seedExpr = arg.seed().get();
        OptionalLong s = evaluator.integer(evaluator.eval(seedExpr, scope), seedExpr.span(),
            "seed");
        if (!(value instanceof Value.Dist) && !(value instanceof Value.Poison)) {
          reporter.error("sema.bad-argument", seedExpr.span(),
              "a seed only applies to a distribution");
        }
        seed = s.isPresent() ? Optional.of(s.getAsLong()) : Optional.empty();
      }
      params.put(name, new Value.ParamArg(value, seed, arg.value().span()));
    }
    return Optional.of(new Value.Cell(type, params));
  }

  /** Whether a bare number is read in the parameter's PyNN unit (Izhikevich's rate constants). */
  public static boolean bareAllowed(CellType type, ParamSpec spec) {
    if (spec.unit().dimension().isNone()) {
      return true;
    }
    return type == CellType.IZHIKEVICH && List.of("a", "b", "d", "u").contains(spec.name());
  }

  /** The value if it fits the parameter, else {@link Value#POISON} (reported). */
  private Value checkParam(CellType type, ParamSpec spec, Value value, Span span) {
    if (value instanceof Value.Poison) {
      return value;
    }
    boolean bare = bareAllowed(type, spec);
    String what = spec.name();
    if (type == CellType.SPIKE_SOURCE_ARRAY && spec.name().equals("spike_times")) {
      if (!(value instanceof Value.ListV list)) {
        reporter.error("sema.type-mismatch", span, "spike_times expects a list of times, got "
            + value.describe());
        return Value.POISON;
      }
      boolean nested = !list.items().isEmpty() && list.items().get(0) instanceof Value.ListV;
      boolean ok = true;
      for (int i = 0; i < list.items().size(); i++) {
        Value item = list.items().get(i);
        Span itemSpan = list.spans().get(i);
        if (nested) {
          if (!(item instanceof Value.ListV inner)) {
            if (!(item instanceof Value.Poison)) {
              reporter.error("sema.type-mismatch", itemSpan, "spike_times per neuron expects a "
                  + "list of times here, got " + item.describe());
            }
            ok = false;
            continue;
          }
          for (int j = 0; j < inner.items().size(); j++) {
            ok &= scalarOk(inner.items().get(j), inner.spans().get(j), spec, what, bare);
          }
        } else {
          ok &= scalarOk(item, itemSpan, spec, what, bare);
        }
      }
      return ok ? value : Value.POISON;
    }
    if (value instanceof Value.Num) {
      return scalarOk(value, span, spec, what, bare) ? value : Value.POISON;
    } else if (value instanceof Value.ListV list) {
      boolean ok = true;
      for (int i = 0; i < list.items().size(); i++) {
        ok &= scalarOk(list.items().get(i), list.spans().get(i), spec, what, bare);
      }
      return ok ? value : Value.POISON;
    } else if (value instanceof Value.Dist d) {
      return evaluator.distribution(d, span, spec.unit(), what, bare).isPresent()
          ? value : Value.POISON;
    }
    reporter.error("sema.type-mismatch", span, what + " expects a number, a list or a "
        + "distribution, got " + value.describe());
    return Value.POISON;
  }

  private boolean scalarOk(Value v, Span span, ParamSpec spec, String what, boolean bare) {
    if (v instanceof Value.Num n) {
      return evaluator.inUnit(n, span, spec.unit(), what, bare).isPresent();
    }
    if (!(v instanceof Value.Poison)) {
      reporter.error("sema.type-mismatch", span, what + " expects " + (spec.unit().dimension()
          .isNone() ? "a number" : Evaluator.describeUnit(spec.unit())) + " here, got "
          + v.describe());
    }
    return false;
  }
}
