package snnc.frontend.lower;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import snnc.diag.SourceMap;
import snnc.diag.Span;
import snnc.frontend.ast.Expr;
import snnc.frontend.ast.Stmt;
import snnc.frontend.sema.Evaluator;
import snnc.frontend.sema.ModuleLoader;
import snnc.frontend.sema.Reporter;
import snnc.frontend.sema.Scope;
import snnc.frontend.sema.Suggest;
import snnc.frontend.sema.Value;
import snnc.ir.Connector;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.units.Unit;
import snnc.ir.units.Units;

/** Lowers a connector expression ({@code fixed_probability(0.1)}, {@code from_list [...]}…). */
final class ConnectorLowering {

  /** A lowered connector and whether it carries its own weights or delays. */
  record Lowered(Connector connector, boolean suppliesWeights, boolean suppliesDelays,
      Optional<Span> negativeWeightAt) {}

  private enum Kind { PROBABILITY, COUNT, BOOL, SHAPE, KERNEL }

  /** A connector option: name, PyNN alias, kind and default (null when required). */
  private record Option(String name, String alias, Kind kind, Object defaultValue) {}

  private static final Map<String, List<Option>> CONNECTORS = new LinkedHashMap<>();

  static {
    Option allowSelf = new Option("allow_self", "allow_self_connections", Kind.BOOL, true);
    Option replacement = new Option("with_replacement", "with_replacement", Kind.BOOL, false);
    CONNECTORS.put("all_to_all", List.of(allowSelf));
    CONNECTORS.put("one_to_one", List.of());
    CONNECTORS.put("fixed_probability", List.of(
        new Option("p", "p_connect", Kind.PROBABILITY, null), allowSelf));
    CONNECTORS.put("fixed_number_pre", List.of(new Option("n", "n", Kind.COUNT, null), allowSelf,
        replacement));
    CONNECTORS.put("fixed_number_post", List.of(new Option("n", "n", Kind.COUNT, null), allowSelf,
        replacement));
    CONNECTORS.put("from_list", List.of());
    CONNECTORS.put("from_file", List.of());
    CONNECTORS.put("convolution", List.of(new Option("in", "in", Kind.SHAPE, null),
        new Option("out", "out", Kind.SHAPE, null), new Option("kernel", "kernel", Kind.KERNEL,
        null), new Option("stride", "stride", Kind.SHAPE, new int[] {1, 1}),
        new Option("padding", "padding", Kind.SHAPE, new int[] {0, 0})));
  }

  private record Bound(Value value, Span span) {}

  private final Evaluator evaluator;
  private final Reporter reporter;
  private final SourceMap sources;

  ConnectorLowering(Evaluator evaluator, SourceMap sources) {
    this.evaluator = evaluator;
    this.reporter = evaluator.reporter();
    this.sources = sources;
  }

  /**
   * The connector, or empty after reporting. {@code weightUnit} is the post cell type's weight unit
   * (empty when the post population is unknown, which skips unit checks on weights).
   */
  Optional<Lowered> lower(Stmt.ConnectorExpr c, Scope scope, Optional<Unit> weightUnit) {
    List<Option> options = CONNECTORS.get(c.name());
    if (options == null) {
      reporter.error("sema.unknown-connector", c.nameSpan(), "unknown connector '" + c.name()
          + "'", Suggest.didYouMean(c.name(), CONNECTORS.keySet()));
      return Optional.empty();
    }
    boolean wantsOperand = c.name().equals("from_list") || c.name().equals("from_file");
    if (c.operand().isPresent() && !wantsOperand) {
      reporter.error("sema.bad-argument", c.operand().get().span(), c.name()
          + " takes no list or file");
      return Optional.empty();
    }
    if (c.operand().isEmpty() && wantsOperand) {
      reporter.error("sema.bad-argument", c.span(), c.name().equals("from_list")
          ? "from_list needs a list of connections: `from_list [(0, 1), (1, 2)]`"
          : "from_file needs a file name: `from_file \"connections.csv\"`");
      return Optional.empty();
    }
    Optional<Map<String, Bound>> bound = bind(c, options, scope);
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Bound> args = bound.get();
    switch (c.name()) {
      case "all_to_all" -> {
        return bool(args, "allow_self", true).map(b -> plain(new Connector.AllToAll(b)));
      }
      case "one_to_one" -> {
        return Optional.of(plain(new Connector.OneToOne()));
      }
      case "fixed_probability" -> {
        Bound p = args.get("p");
        OptionalDouble prob = evaluator.plain(p.value(), p.span(), "connection probability p");
        Optional<Boolean> self = bool(args, "allow_self", true);
        if (prob.isEmpty() || self.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(plain(new Connector.FixedProbability(prob.getAsDouble(), self.get())));
      }
      case "fixed_number_pre", "fixed_number_post" -> {
        Bound n = args.get("n");
        OptionalInt count = evaluator.integer32(n.value(), n.span(), "number of connections n");
        Optional<Boolean> self = bool(args, "allow_self", true);
        Optional<Boolean> replace = bool(args, "with_replacement", false);
        if (count.isEmpty() || self.isEmpty() || replace.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(plain(c.name().equals("fixed_number_pre")
            ? new Connector.FixedNumberPre(count.getAsInt(), self.get(), replace.get())
            : new Connector.FixedNumberPost(count.getAsInt(), self.get(), replace.get())));
      }
      case "from_list" -> {
        Expr operand = c.operand().get();
        return fromList(evaluator.eval(operand, scope), operand.span(), weightUnit);
      }
      case "from_file" -> {
        return fromFile(c, scope, weightUnit);
      }
      case "convolution" -> {
        return convolution(args, weightUnit);
      }
      default -> throw new IllegalStateException("lower: unhandled connector " + c.name());
    }
  }

  private static Lowered plain(Connector connector) {
    return new Lowered(connector, false, false, Optional.empty());
  }

  private Optional<Map<String, Bound>> bind(Stmt.ConnectorExpr c, List<Option> options,
      Scope scope) {
    Map<String, Bound> out = new HashMap<>();
    Map<String, Span> given = new HashMap<>();
    boolean ok = true;
    int positional = 0;
    List<String> names = new ArrayList<>();
    options.forEach(o -> names.add(o.name()));
    for (Expr.Arg a : c.args()) {
      Option option;
      if (a.name().isPresent()) {
        String name = a.name().get();
        option = options.stream().filter(o -> o.name().equals(name) || o.alias().equals(name))
            .findFirst().orElse(null);
        if (option == null) {
          reporter.error("sema.unknown-parameter", a.nameSpan(), c.name()
              + " has no option '" + name + "'", Suggest.didYouMean(name, names));
          evaluator.eval(a.value(), scope);
          ok = false;
          continue;
        }
      } else {
        if (positional >= options.size()) {
          reporter.error("sema.bad-argument", a.span(), c.name() + " takes " + (options.isEmpty()
              ? "no arguments" : "at most " + options.size() + " argument"
              + (options.size() == 1 ? "" : "s") + " (" + String.join(", ", names) + ")"));
          ok = false;
          continue;
        }
        option = options.get(positional++);
      }
      if (a.seed().isPresent()) {
        reporter.error("sema.bad-argument", a.seed().get().span(), "write the projection's seed "
            + "as a clause after the connector: `seed N`");
        ok = false;
      }
      Span first = given.putIfAbsent(option.name(), a.span());
      if (first != null) {
        reporter.error("sema.duplicate-parameter", a.span(), "option '" + option.name()
            + "' is given twice", Reporter.firstDefined(first));
        ok = false;
        continue;
      }
      out.put(option.name(), new Bound(evaluator.eval(a.value(), scope), a.value().span()));
    }
    List<String> missing = new ArrayList<>();
    for (Option o : options) {
      if (o.defaultValue() == null && !out.containsKey(o.name()) && !given.containsKey(o.name())) {
        missing.add(o.name());
      }
    }
    if (!missing.isEmpty() && ok) {
      reporter.error("sema.bad-argument", c.span(), c.name() + " needs " + String.join(" and ",
          missing) + " (" + c.name() + "(" + String.join(", ", names) + "))");
      ok = false;
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  private Optional<Boolean> bool(Map<String, Bound> args, String name, boolean def) {
    Bound b = args.get(name);
    if (b == null) {
      return Optional.of(def);
    }
    return evaluator.bool(b.value(), b.span(), name);
  }

  private Optional<Lowered> fromList(Value value, Span span, Optional<Unit> weightUnit) {
    if (value instanceof Value.Poison) {
      return Optional.empty();
    }
    if (!(value instanceof Value.ListV list)) {
      reporter.error("sema.type-mismatch", span, "from_list expects a list of (pre, post) or "
          + "(pre, post, weight, delay) tuples, got " + value.describe());
      return Optional.empty();
    }
    List<Integer> pre = new ArrayList<>();
    List<Integer> post = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    int width = -1;
    boolean ok = true;
    Optional<Span> negative = Optional.empty();
    Unit ms = Units.of("ms");
    for (int i = 0; i < list.items().size(); i++) {
      Value item = list.items().get(i);
      Span itemSpan = list.spans().get(i);
      List<Value> parts;
      List<Span> partSpans;
      if (item instanceof Value.TupleV t) {
        parts = t.items();
        partSpans = t.spans();
      } else if (item instanceof Value.ListV l) {
        parts = l.items();
        partSpans = l.spans();
      } else {
        if (!(item instanceof Value.Poison)) {
          reporter.error("sema.type-mismatch", itemSpan, "a connection is a tuple (pre, post) or "
              + "(pre, post, weight, delay), got " + item.describe());
        }
        ok = false;
        continue;
      }
      if (parts.size() != 2 && parts.size() != 4) {
        reporter.error("sema.bad-argument", itemSpan, "a connection is (pre, post) or (pre, post, "
            + "weight, delay); this one has " + parts.size() + " values");
        ok = false;
        continue;
      }
      if (width < 0) {
        width = parts.size();
      } else if (width != parts.size()) {
        reporter.error("sema.bad-argument", itemSpan, "every connection of a list must have the "
            + "same form; earlier ones have " + width + " values, this one " + parts.size());
        ok = false;
        continue;
      }
      OptionalInt i0 = evaluator.integer32(parts.get(0), partSpans.get(0), "pre index");
      OptionalInt i1 = evaluator.integer32(parts.get(1), partSpans.get(1), "post index");
      if (i0.isEmpty() || i1.isEmpty()) {
        ok = false;
        continue;
      }
      pre.add(i0.getAsInt());
      post.add(i1.getAsInt());
      if (parts.size() == 4) {
        OptionalDouble d = evaluator.inUnit(parts.get(3), partSpans.get(3), ms, "delay", false);
        if (d.isEmpty()) {
          ok = false;
        } else {
          delays.add(d.getAsDouble());
        }
        if (weightUnit.isPresent()) {
          OptionalDouble w = evaluator.inUnit(parts.get(2), partSpans.get(2), weightUnit.get(),
              "weight", false);
          if (w.isEmpty()) {
            ok = false;
          } else {
            weights.add(w.getAsDouble());
            if (w.getAsDouble() < 0 && negative.isEmpty()) {
              negative = Optional.of(partSpans.get(2));
            }
          }
        }
      }
    }
    if (!ok || weightUnit.isEmpty()) {
      return Optional.empty();
    }
    boolean full = width == 4;
    return Optional.of(new Lowered(new Connector.FromList(ints(pre), ints(post),
        full ? Optional.of(doubles(weights)) : Optional.empty(),
        full ? Optional.of(doubles(delays)) : Optional.empty(), span.location()), full, full,
        negative));
  }

  private Optional<Lowered> fromFile(Stmt.ConnectorExpr c, Scope scope,
      Optional<Unit> weightUnit) {
    Expr operand = c.operand().get();
    Value v = evaluator.eval(operand, scope);
    if (!(v instanceof Value.Str s)) {
      if (!(v instanceof Value.Poison)) {
        reporter.error("sema.type-mismatch", operand.span(), "from_file expects a file name, got "
            + v.describe());
      }
      return Optional.empty();
    }
    Path path;
    String text;
    try {
      path = ModuleLoader.directoryOf(operand.span().file()).resolve(s.value()).normalize();
    } catch (InvalidPathException e) {
      reporter.error("sema.file-not-found", operand.span(), "'" + s.value()
          + "' is not a valid file name");
      return Optional.empty();
    }
    String name = path.toString();
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      reporter.error("sema.file-not-found", operand.span(), "cannot read connection file '"
          + s.value() + "'", "looked for " + path.toAbsolutePath().normalize());
      return Optional.empty();
    }
    sources.add(name, text);
    Optional<ConnectionFile.Connections> parsed = ConnectionFile.parse(name, text, reporter);
    if (parsed.isEmpty() || weightUnit.isEmpty()) {
      return Optional.empty();
    }
    ConnectionFile.Connections conns = parsed.get();
    boolean full = conns.columns() == 4;
    Optional<Span> negative = Optional.empty();
    for (int i = 0; i < conns.weights().size(); i++) {
      if (conns.weights().get(i) < 0) {
        negative = Optional.of(conns.weightSpans().get(i));
        break;
      }
    }
    return Optional.of(new Lowered(new Connector.FromList(ints(conns.pre()), ints(conns.post()),
        full ? Optional.of(doubles(conns.weights())) : Optional.empty(),
        full ? Optional.of(doubles(conns.delays())) : Optional.empty(), name), full, full,
        negative));
  }

  private Optional<Lowered> convolution(Map<String, Bound> args, Optional<Unit> weightUnit) {
    Optional<int[]> in = shape(args.get("in"), "in");
    Optional<int[]> out = shape(args.get("out"), "out");
    Optional<int[]> stride = args.containsKey("stride") ? shape(args.get("stride"), "stride")
        : Optional.of(new int[] {1, 1});
    Optional<int[]> padding = args.containsKey("padding") ? shape(args.get("padding"), "padding")
        : Optional.of(new int[] {0, 0});
    Bound kernel = args.get("kernel");
    int kh;
    int kw;
    Optional<Doubles> weights = Optional.empty();
    Optional<Span> negative = Optional.empty();
    if (kernel.value() instanceof Value.ListV rows) {
      kh = rows.items().size();
      kw = -1;
      List<Double> values = new ArrayList<>();
      boolean ok = kh > 0;
      if (kh == 0) {
        reporter.error("sema.bad-argument", kernel.span(), "the kernel has no rows");
      }
      for (int r = 0; r < rows.items().size(); r++) {
        if (!(rows.items().get(r) instanceof Value.ListV row)) {
          if (!(rows.items().get(r) instanceof Value.Poison)) {
            reporter.error("sema.type-mismatch", rows.spans().get(r), "a kernel row is a list of "
                + "weights, got " + rows.items().get(r).describe());
          }
          ok = false;
          continue;
        }
        if (kw < 0) {
          kw = row.items().size();
        } else if (kw != row.items().size()) {
          reporter.error("sema.bad-argument", rows.spans().get(r), "kernel rows must have equal "
              + "length: the first has " + kw + ", this one " + row.items().size());
          ok = false;
          continue;
        }
        for (int k = 0; k < row.items().size(); k++) {
          if (weightUnit.isEmpty()) {
            continue;
          }
          OptionalDouble w = evaluator.inUnit(row.items().get(k), row.spans().get(k),
              weightUnit.get(), "kernel weight", false);
          if (w.isEmpty()) {
            ok = false;
          } else {
            values.add(w.getAsDouble());
            if (w.getAsDouble() < 0 && negative.isEmpty()) {
              negative = Optional.of(row.spans().get(k));
            }
          }
        }
      }
      if (!ok || weightUnit.isEmpty()) {
        return Optional.empty();
      }
      weights = Optional.of(doubles(values));
    } else {
      Optional<int[]> size = shape(kernel, "kernel");
      if (size.isEmpty()) {
        return Optional.empty();
      }
      kh = size.get()[0];
      kw = size.get()[1];
    }
    if (in.isEmpty() || out.isEmpty() || stride.isEmpty() || padding.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Lowered(new Connector.Kernel(in.get()[0], in.get()[1], out.get()[0],
        out.get()[1], kh, kw, stride.get()[0], stride.get()[1], padding.get()[0],
        padding.get()[1], weights), weights.isPresent(), false, negative));
  }

  /** {@code (h, w)}, or one whole number for a square. */
  private Optional<int[]> shape(Bound b, String what) {
    if (b.value() instanceof Value.Num) {
      OptionalInt n = evaluator.integer32(b.value(), b.span(), what);
      return n.isPresent() ? Optional.of(new int[] {n.getAsInt(), n.getAsInt()})
          : Optional.empty();
    }
    if (b.value() instanceof Value.TupleV t && t.items().size() == 2) {
      OptionalInt h = evaluator.integer32(t.items().get(0), t.spans().get(0), what);
      OptionalInt w = evaluator.integer32(t.items().get(1), t.spans().get(1), what);
      return h.isPresent() && w.isPresent() ? Optional.of(new int[] {h.getAsInt(), w.getAsInt()})
          : Optional.empty();
    }
    if (!(b.value() instanceof Value.Poison)) {
      reporter.error("sema.bad-argument", b.span(), what + " expects a pair (height, width), got "
          + b.value().describe());
    }
    return Optional.empty();
  }

  static Ints ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return Ints.of(out);
  }

  static Doubles doubles(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return Doubles.of(out);
  }
}
