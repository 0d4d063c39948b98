package snnc.frontend.lower;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import snnc.diag.SourceMap;
import snnc.diag.Span;
import snnc.frontend.ast.Expr;
import snnc.frontend.ast.PopRef;
import snnc.frontend.ast.SourceFile;
import snnc.frontend.ast.Stmt;
import snnc.frontend.sema.Binding;
import snnc.frontend.sema.CellChecker;
import snnc.frontend.sema.Evaluator;
import snnc.frontend.sema.FileScopes;
import snnc.frontend.sema.Reporter;
import snnc.frontend.sema.Scope;
import snnc.frontend.sema.Suggest;
import snnc.frontend.sema.Value;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.ProjectionId;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.Seeds;
import snnc.ir.SynapseDynamics;
import snnc.ir.TargetHints;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;
import snnc.ir.model.ParamSpec;
import snnc.ir.units.Quantity;
import snnc.ir.units.Unit;
import snnc.ir.units.Units;

/**
 * Elaborates a network declaration (running its loops) and lowers it to an IR {@link Network}:
 * parameter defaults filled in and values converted to PyNN units, projections named and seeded,
 * recordings and target hints resolved. Checks that need the network (population names, weight
 * units of the post cell type, recordable variables) are made here.
 */
public final class NetworkLowering {

  private static final Unit MS = Units.of("ms");
  /** Limits that keep a typo from exhausting memory: members of an array, loop iterations. */
  private static final int MAX_ARRAY = 100_000;
  /** Loop iterations a whole network may elaborate, nested loops counted together. */
  private static final long MAX_ITERATIONS = 1_000_000L;

  /** A population being built; random parameter seeds are resolved at the end. */
  private record PopBuilder(String id, int size, Value.Cell cell, Span span) {}

  /** A population statement: one population or an array of them. */
  private record PopEntry(String name, Span nameSpan, boolean array, List<PopBuilder> members) {}

  /** A projection being built; a missing delay means one timestep, a missing seed is derived. */
  private record ProjBuilder(String name, PopulationId pre, PopulationId post, Connector connector,
      SynapseDynamics synapse, Receptor receptor, ValueSpec weight, Optional<ValueSpec> delay,
      Optional<Long> seed, Projection.Spans spans) {}

  /** A once-only setting (timestep, run, seed, target) and where it was first set. */
  private record Setting<T>(T value, Span span) {}

  private final Evaluator evaluator;
  private final Reporter reporter;
  private final CellChecker cells;
  private final ConnectorLowering connectors;

  private final Map<String, PopEntry> populations = new LinkedHashMap<>();
  private final List<ProjBuilder> projections = new ArrayList<>();
  private final Map<String, Span> projectionNames = new HashMap<>();
  private final Map<String, Integer> autoNameCounts = new HashMap<>();
  private final List<Recording> recordings = new ArrayList<>();
  private final Map<String, Span> settingSpans = new HashMap<>();
  private long iterations;
  private boolean iterationLimitReported;
  private double timestepMs = 1.0;
  private Double runMs;
  private long networkSeed;
  private TargetHints target;

  public NetworkLowering(Evaluator evaluator, SourceMap sources) {
    this.evaluator = evaluator;
    this.reporter = evaluator.reporter();
    this.cells = new CellChecker(evaluator);
    this.connectors = new ConnectorLowering(evaluator, sources);
  }

  /** The network, or empty when errors were reported while lowering it. */
  public Optional<Network> lower(SourceFile.NetworkDecl decl, Scope fileScope) {
    Scope scope = fileScope.child();
    for (Stmt stmt : decl.body()) {
      stmt(stmt, scope, false);
    }
    if (runMs == null) {
      reporter.warning("sema.missing-run", decl.nameSpan(), "network '" + decl.name()
          + "' has no run statement; it runs for 0 ms", "add e.g. `run 1000 ms`");
    }
    // Any earlier error (here or in file-level constants) may have left poisoned values behind.
    if (reporter.errorCount() > 0) {
      return Optional.empty();
    }
    List<Population> pops = new ArrayList<>();
    for (PopEntry entry : populations.values()) {
      for (PopBuilder b : entry.members()) {
        pops.add(population(b));
      }
    }
    List<Projection> projs = new ArrayList<>();
    for (ProjBuilder p : projections) {
      long seed = p.seed().orElseGet(() -> Seeds.derive(networkSeed, p.name()));
      ValueSpec delay = p.delay().orElse(new ValueSpec.Constant(timestepMs));
      projs.add(new Projection(new ProjectionId(p.name()), p.pre(), p.post(), p.connector(),
          p.synapse(), p.receptor(), p.weight(), delay, seed, p.spans()));
    }
    return Optional.of(new Network(decl.name(), timestepMs, runMs == null ? 0.0 : runMs, pops,
        projs, recordings, Optional.ofNullable(target), decl.span()));
  }

  // ---- statements ----

  private void stmt(Stmt stmt, Scope scope, boolean inLoop) {
    if (stmt instanceof SourceFile.Let let) {
      FileScopes.define(scope, new Binding(let.name(), evaluator.eval(let.value(), scope),
          let.nameSpan()), reporter);
    } else if (stmt instanceof SourceFile.Cell cell) {
      Value v = cells.check(cell.cell(), scope).<Value>map(c -> c).orElse(Value.POISON);
      FileScopes.define(scope, new Binding(cell.name(), v, cell.nameSpan()), reporter);
    } else if (stmt instanceof Stmt.Timestep t) {
      if (once("timestep", t.span(), inLoop)) {
        time(t.value(), scope, "timestep").ifPresent(v -> timestepMs = v);
      }
    } else if (stmt instanceof Stmt.Run r) {
      if (once("run", r.span(), inLoop)) {
        runMs = time(r.value(), scope, "run length").orElse(0.0);
      }
    } else if (stmt instanceof Stmt.Seed s) {
      if (once("seed", s.span(), inLoop)) {
        evaluator.integer(evaluator.eval(s.value(), scope), s.value().span(), "seed")
            .ifPresent(v -> networkSeed = v);
      }
    } else if (stmt instanceof Stmt.Population p) {
      population(p, scope);
    } else if (stmt instanceof Stmt.Connect c) {
      connect(c, scope);
    } else if (stmt instanceof Stmt.For f) {
      loop(f, scope);
    } else if (stmt instanceof Stmt.Record r) {
      for (Stmt.RecordItem item : r.items()) {
        record(item, scope);
      }
    } else if (stmt instanceof Stmt.Target t) {
      if (once("target", t.span(), inLoop)) {
        target(t, scope);
      }
    } else {
      throw new IllegalStateException("lower: unhandled statement " + stmt);
    }
  }

  /** Whether a once-only setting may be applied here (reported otherwise). */
  private boolean once(String what, Span span, boolean inLoop) {
    if (inLoop) {
      reporter.error("sema.misplaced-statement", span, "'" + what + "' cannot be inside a loop",
          "move it to the network body");
      return false;
    }
    Span first = settingSpans.putIfAbsent(what, span);
    if (first != null) {
      reporter.error("sema.duplicate-setting", span, "'" + what + "' is set twice",
          Reporter.firstDefined(first));
      return false;
    }
    return true;
  }

  private Optional<Double> time(Expr expr, Scope scope, String what) {
    OptionalDouble v = evaluator.inUnit(evaluator.eval(expr, scope), expr.span(), MS, what, false);
    return v.isPresent() ? Optional.of(v.getAsDouble()) : Optional.empty();
  }

  private void loop(Stmt.For f, Scope scope) {
    OptionalLong from = evaluator.integer(evaluator.eval(f.from(), scope), f.from().span(),
        "loop start");
    OptionalLong to = evaluator.integer(evaluator.eval(f.to(), scope), f.to().span(), "loop end");
    if (from.isEmpty() || to.isEmpty()) {
      return;
    }
    long end = f.inclusive() ? to.getAsLong() : to.getAsLong() - 1;
    if (end - from.getAsLong() >= MAX_ITERATIONS) {
      reporter.error("sema.bad-argument", f.span(), "loop of " + (end - from.getAsLong() + 1)
          + " iterations is too long");
      return;
    }
    for (long i = from.getAsLong(); i <= end; i++) {
      if (++iterations > MAX_ITERATIONS) {
        if (!iterationLimitReported) {
          iterationLimitReported = true;
          reporter.error("sema.bad-argument", f.span(), "the loops of this network run more than "
              + MAX_ITERATIONS + " iterations in total",
              "generate fewer statements, e.g. use array populations and fewer nested loops");
        }
        return;
      }
      Scope body = scope.child();
      body.define(new Binding(f.var(), new Value.Num(Quantity.scalar(i)), f.varSpan()));
      for (Stmt s : f.body()) {
        stmt(s, body, true);
      }
    }
  }

  // ---- populations ----

  private void population(Stmt.Population p, Scope scope) {
    int count = 1;
    if (p.count().isPresent()) {
      Expr c = p.count().get();
      OptionalInt n = evaluator.integer32(evaluator.eval(c, scope), c.span(),
          "number of populations");
      if (n.isEmpty()) {
        count = -1;
      } else if (n.getAsInt() < 1 || n.getAsInt() > MAX_ARRAY) {
        reporter.error("sema.bad-argument", c.span(), "an array of populations has 1 to "
            + MAX_ARRAY + " members, got " + n.getAsInt());
        count = -1;
      } else {
        count = n.getAsInt();
      }
    }
    int size = 1;
    if (p.size().isPresent()) {
      Expr s = p.size().get();
      OptionalInt n = evaluator.integer32(evaluator.eval(s, scope), s.span(), "population size");
      // A bad size was reported; a placeholder keeps later statements about this population checked.
      size = n.orElse(1);
    }
    Optional<Value.Cell> cell = cells.check(p.cell(), scope);
    PopEntry first = populations.get(p.name());
    if (first != null) {
      reporter.error("sema.duplicate-name", p.nameSpan(), "population '" + p.name()
          + "' is already defined", Reporter.firstDefined(first.nameSpan()));
      return;
    }
    List<PopBuilder> members = new ArrayList<>();
    if (cell.isPresent() && count > 0 && size >= 0) {
      for (int i = 0; i < count; i++) {
        String id = p.count().isPresent() ? p.name() + "[" + i + "]" : p.name();
        members.add(new PopBuilder(id, size, cell.get(), p.span()));
      }
    }
    populations.put(p.name(), new PopEntry(p.name(), p.nameSpan(), p.count().isPresent(),
        members));
  }

  private Population population(PopBuilder b) {
    CellType type = b.cell().type();
    Map<String, ParamValue> params = new TreeMap<>();
    Map<String, Span> spans = new TreeMap<>();
    for (ParamSpec spec : type.params()) {
      Value.ParamArg arg = b.cell().params().get(spec.name());
      if (arg != null) {
        params.put(spec.name(), paramValue(type, spec, arg, b.id()));
        spans.put(spec.name(), arg.span());
      }
    }
    for (ParamSpec spec : type.params()) {
      if (params.containsKey(spec.name())) {
        continue;
      }
      if (spec.defaultFrom().isPresent()) {
        String from = spec.defaultFrom().get();
        params.put(spec.name(), params.get(from));
        if (spans.containsKey(from)) {
          spans.put(spec.name(), spans.get(from));
        }
      } else if (type == CellType.SPIKE_SOURCE_ARRAY && spec.name().equals("spike_times")) {
        params.put(spec.name(), new ParamValue.SpikeTimes(List.of(Doubles.of())));
      } else {
        params.put(spec.name(), new ParamValue.Constant(spec.defaultValue()));
      }
    }
    return new Population(new PopulationId(b.id()), b.size(), type, params, spans, b.span());
  }

  /** A checked parameter value in the parameter's PyNN unit. */
  private ParamValue paramValue(CellType type, ParamSpec spec, Value.ParamArg arg, String pop) {
    boolean bare = CellChecker.bareAllowed(type, spec);
    Value v = arg.value();
    if (type == CellType.SPIKE_SOURCE_ARRAY && spec.name().equals("spike_times")) {
      Value.ListV list = (Value.ListV) v;
      List<Doubles> perNeuron = new ArrayList<>();
      if (!list.items().isEmpty() && list.items().get(0) instanceof Value.ListV) {
        for (Value item : list.items()) {
          perNeuron.add(times((Value.ListV) item, spec));
        }
      } else {
        perNeuron.add(times(list, spec));
      }
      return new ParamValue.SpikeTimes(perNeuron);
    }
    if (v instanceof Value.Num n) {
      return new ParamValue.Constant(convert(n, arg.span(), spec, bare));
    } else if (v instanceof Value.ListV list) {
      double[] values = new double[list.items().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = convert((Value.Num) list.items().get(i), list.spans().get(i), spec, bare);
      }
      return new ParamValue.PerNeuron(Doubles.of(values));
    } else if (v instanceof Value.Dist d) {
      Distribution dist = evaluator.distribution(d, arg.span(), spec.unit(), spec.name(), bare)
          .orElseThrow();
      long seed = arg.seed().orElseGet(() -> Seeds.derive(networkSeed, pop + "." + spec.name()));
      return new ParamValue.Random(dist, seed);
    }
    throw new IllegalStateException("lower: unchecked parameter value " + v);
  }

  private double convert(Value.Num n, Span span, ParamSpec spec, boolean bare) {
    return evaluator.inUnit(n, span, spec.unit(), spec.name(), bare).orElseThrow();
  }

  private Doubles times(Value.ListV list, ParamSpec spec) {
    double[] values = new double[list.items().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = convert((Value.Num) list.items().get(i), list.spans().get(i), spec, false);
    }
    Arrays.sort(values);
    return Doubles.of(values);
  }

  /** The population a reference names, or empty (reported unless the name was already bad). */
  private Optional<PopBuilder> resolve(PopRef ref, Scope scope) {
    PopEntry entry = populations.get(ref.name());
    if (entry == null) {
      reporter.error("sema.unknown-population", ref.nameSpan(), "unknown population '"
          + ref.name() + "'", Suggest.didYouMean(ref.name(), populations.keySet()));
      ref.index().ifPresent(i -> evaluator.eval(i, scope));
      return Optional.empty();
    }
    if (!entry.array()) {
      if (ref.index().isPresent()) {
        reporter.error("sema.type-mismatch", ref.index().get().span(), "'" + ref.name()
            + "' is a single population, not an array; to use some of its neurons, connect the "
            + "whole population with from_list");
        return Optional.empty();
      }
      return entry.members().isEmpty() ? Optional.empty() : Optional.of(entry.members().get(0));
    }
    if (ref.index().isEmpty()) {
      reporter.error("sema.type-mismatch", ref.nameSpan(), "'" + ref.name()
          + "' is an array of populations; pick one with " + ref.name() + "[i]");
      return Optional.empty();
    }
    Expr index = ref.index().get();
    OptionalInt i = evaluator.integer32(evaluator.eval(index, scope), index.span(),
        "population index");
    if (i.isEmpty() || entry.members().isEmpty()) {
      return Optional.empty();
    }
    int n = entry.members().size();
    if (i.getAsInt() < 0 || i.getAsInt() >= n) {
      reporter.error("sema.index-out-of-range", index.span(), "index " + i.getAsInt()
          + " is out of range: '" + ref.name() + "' has members 0 .. " + (n - 1));
      return Optional.empty();
    }
    return Optional.of(entry.members().get(i.getAsInt()));
  }

  // ---- projections ----

  private void connect(Stmt.Connect c, Scope scope) {
    Optional<PopBuilder> pre = resolve(c.pre(), scope);
    Optional<PopBuilder> post = resolve(c.post(), scope);
    if (post.isPresent() && post.get().cell().type().isSource()) {
      reporter.error("sema.source-as-target", c.post().span(), "'" + post.get().id() + "' is a "
          + post.get().cell().type().pynnName() + " and cannot receive connections",
          "spike sources only send spikes; connect into a neuron population");
      post = Optional.empty();
    }
    Optional<Unit> weightUnit = post.map(p -> p.cell().type().weightUnit());
    Optional<ConnectorLowering.Lowered> connector = connectors.lower(c.connector(), scope,
        weightUnit);

    Map<Class<?>, Stmt.Clause> clauses = new HashMap<>();
    boolean ok = true;
    for (Stmt.Clause clause : c.clauses()) {
      Stmt.Clause first = clauses.putIfAbsent(clause.getClass(), clause);
      if (first != null) {
        reporter.error("sema.duplicate-parameter", clause.span(), "this clause is given twice",
            Reporter.firstDefined(first.span()));
        ok = false;
      }
    }
    Receptor receptor = Receptor.EXCITATORY;
    boolean receptorKnown = true;
    if (clauses.get(Stmt.ReceptorClause.class) instanceof Stmt.ReceptorClause r) {
      if (r.name().equals("inhibitory")) {
        receptor = Receptor.INHIBITORY;
      } else if (!r.name().equals("excitatory")) {
        receptorKnown = false;
        reporter.error("sema.unknown-receptor", r.nameSpan(), "unknown receptor '" + r.name()
            + "'", Suggest.didYouMean(r.name(), List.of("excitatory", "inhibitory")));
        ok = false;
      }
    }
    Optional<Long> seed = Optional.empty();
    if (clauses.get(Stmt.SeedClause.class) instanceof Stmt.SeedClause s) {
      OptionalLong v = evaluator.integer(evaluator.eval(s.value(), scope), s.value().span(),
          "seed");
      ok &= v.isPresent();
      seed = v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }
    boolean connectorOk = connector.isPresent();
    boolean suppliesWeights = connectorOk && connector.get().suppliesWeights();
    boolean suppliesDelays = connectorOk && connector.get().suppliesDelays();

    ValueSpec weight = suppliesWeights ? new ValueSpec.FromConnector() : new ValueSpec.Constant(0);
    Span weightSpan = suppliesWeights ? c.connector().span() : c.span();
    Optional<Span> negativeAt = connectorOk ? connector.get().negativeWeightAt() : Optional.empty();
    if (clauses.get(Stmt.WeightClause.class) instanceof Stmt.WeightClause w) {
      weightSpan = w.value().span();
      if (suppliesWeights) {
        reporter.error("sema.bad-argument", w.span(), "the weights come from the connector's "
            + c.connector().name() + "; remove this weight clause");
        ok = false;
      } else {
        Value v = evaluator.eval(w.value(), scope);
        if (weightUnit.isPresent()) {
          Optional<Spec> spec = valueSpec(v, w.value().span(), weightUnit.get(),
              "weight onto " + post.get().cell().type().pynnName());
          ok &= spec.isPresent();
          if (spec.isPresent()) {
            weight = spec.get().value();
            if (spec.get().negative()) {
              negativeAt = Optional.of(w.value().span());
            }
          }
        }
      }
    }
    // After a misspelt receptor the sign check would only guess at what the user meant.
    if (receptorKnown && receptor == Receptor.EXCITATORY && negativeAt.isPresent()) {
      reporter.error("sema.weight-sign", negativeAt.get(), "negative weight on an excitatory "
          + "projection", "write `receptor inhibitory` for an inhibitory projection");
      ok = false;
    }
    Optional<ValueSpec> delay = suppliesDelays ? Optional.of(new ValueSpec.FromConnector())
        : Optional.empty();
    Span delaySpan = suppliesDelays ? c.connector().span() : c.span();
    if (clauses.get(Stmt.DelayClause.class) instanceof Stmt.DelayClause d) {
      delaySpan = d.value().span();
      if (suppliesDelays) {
        reporter.error("sema.bad-argument", d.span(), "the delays come from the connector's "
            + c.connector().name() + "; remove this delay clause");
        ok = false;
      } else {
        Optional<Spec> spec = valueSpec(evaluator.eval(d.value(), scope), d.value().span(), MS,
            "delay");
        ok &= spec.isPresent();
        delay = spec.map(Spec::value);
      }
    }
    SynapseDynamics synapse = new SynapseDynamics.Static();
    if (clauses.get(Stmt.SynapseClause.class) instanceof Stmt.SynapseClause s) {
      Optional<SynapseDynamics> dyn = synapse(s, scope, weightUnit);
      ok &= dyn.isPresent();
      synapse = dyn.orElse(synapse);
    }
    String name = null;
    if (clauses.get(Stmt.AsClause.class) instanceof Stmt.AsClause a) {
      Span first = projectionNames.get(a.name());
      if (first != null) {
        reporter.error("sema.duplicate-name", a.nameSpan(), "projection '" + a.name()
            + "' is already defined", Reporter.firstDefined(first));
        ok = false;
      } else {
        name = a.name();
      }
    }
    if (!ok || pre.isEmpty() || post.isEmpty() || connector.isEmpty()) {
      return;
    }
    if (name == null) {
      String base = pre.get().id() + "->" + post.get().id();
      int n = autoNameCounts.merge(base, 1, Integer::sum);
      name = n == 1 ? base : base + "#" + n;
      while (projectionNames.containsKey(name)) {
        n = autoNameCounts.merge(base, 1, Integer::sum);
        name = base + "#" + n;
      }
    }
    projectionNames.put(name, c.span());
    projections.add(new ProjBuilder(name, new PopulationId(pre.get().id()),
        new PopulationId(post.get().id()), connector.get().connector(), synapse, receptor, weight,
        delay, seed, new Projection.Spans(c.span(), c.connector().span(), weightSpan,
        delaySpan)));
  }

  /** A lowered weight or delay and whether any value it can take is negative. */
  private record Spec(ValueSpec value, boolean negative) {}

  private Optional<Spec> valueSpec(Value v, Span span, Unit unit, String what) {
    if (v instanceof Value.Poison) {
      return Optional.empty();
    }
    if (v instanceof Value.Num n) {
      OptionalDouble x = evaluator.inUnit(n, span, unit, what, false);
      return x.isPresent() ? Optional.of(new Spec(new ValueSpec.Constant(x.getAsDouble()),
          x.getAsDouble() < 0)) : Optional.empty();
    }
    if (v instanceof Value.ListV list) {
      List<Double> values = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < list.items().size(); i++) {
        Value item = list.items().get(i);
        if (item instanceof Value.ListV row) {
          for (int j = 0; j < row.items().size(); j++) {
            OptionalDouble x = evaluator.inUnit(row.items().get(j), row.spans().get(j), unit, what,
                false);
            ok &= x.isPresent();
            x.ifPresent(values::add);
          }
        } else {
          OptionalDouble x = evaluator.inUnit(item, list.spans().get(i), unit, what, false);
          ok &= x.isPresent();
          x.ifPresent(values::add);
        }
      }
      if (!ok) {
        return Optional.empty();
      }
      boolean negative = values.stream().anyMatch(x -> x < 0);
      return Optional.of(new Spec(new ValueSpec.Array(ConnectorLowering.doubles(values)),
          negative));
    }
    if (v instanceof Value.Dist d) {
      Optional<Distribution> dist = evaluator.distribution(d, span, unit, what, false);
      return dist.map(x -> new Spec(new ValueSpec.Random(x), negative(x)));
    }
    reporter.error("sema.type-mismatch", span, what + " expects a number, a list or a "
        + "distribution, got " + v.describe());
    return Optional.empty();
  }

  private static boolean negative(Distribution d) {
    if (d instanceof Distribution.Uniform u) {
      return u.low() < 0;
    } else if (d instanceof Distribution.Normal n) {
      return n.mean() < 0;
    } else if (d instanceof Distribution.NormalClipped n) {
      return n.low() < 0;
    } else if (d instanceof Distribution.Exponential e) {
      return e.mean() < 0;
    }
    return false;
  }

  private Optional<SynapseDynamics> synapse(Stmt.SynapseClause s, Scope scope,
      Optional<Unit> weightUnit) {
    if (s.name().equals("static")) {
      if (!s.args().isEmpty()) {
        reporter.error("sema.bad-argument", s.args().get(0).span(), "static takes no arguments");
        return Optional.empty();
      }
      return Optional.of(new SynapseDynamics.Static());
    }
    if (!s.name().equals("stdp")) {
      reporter.error("sema.unknown-synapse", s.nameSpan(), "unknown synapse type '" + s.name()
          + "'", Suggest.didYouMean(s.name(), List.of("static", "stdp")));
      return Optional.empty();
    }
    Map<String, Double> values = new HashMap<>(Map.of("tau_plus", 20.0, "tau_minus", 20.0,
        "a_plus", 0.01, "a_minus", 0.01));
    List<String> names = List.of("tau_plus", "tau_minus", "a_plus", "a_minus", "weights");
    Map<String, Span> given = new HashMap<>();
    SynapseDynamics.WeightDependence dependence = null;
    boolean ok = true;
    for (Expr.Arg a : s.args()) {
      if (a.name().isEmpty()) {
        reporter.error("sema.bad-argument", a.span(), "stdp parameters are named: write `name = "
            + "value`");
        ok = false;
        continue;
      }
      String name = a.name().get();
      String key = switch (name) {
        case "A_plus" -> "a_plus";
        case "A_minus" -> "a_minus";
        case "weight_dependence" -> "weights";
        default -> name;
      };
      if (!names.contains(key)) {
        reporter.error("sema.unknown-parameter", a.nameSpan(), "stdp has no parameter '" + name
            + "'", Suggest.didYouMean(name, names));
        ok = false;
        continue;
      }
      Span first = given.putIfAbsent(key, a.nameSpan());
      if (first != null) {
        reporter.error("sema.duplicate-parameter", a.nameSpan(), "parameter '" + name
            + "' is given twice", Reporter.firstDefined(first));
        ok = false;
        continue;
      }
      if (key.equals("weights")) {
        Optional<SynapseDynamics.WeightDependence> dep = weightDependence(a.value(), scope,
            weightUnit);
        ok &= dep.isPresent();
        dependence = dep.orElse(null);
        continue;
      }
      Value v = evaluator.eval(a.value(), scope);
      OptionalDouble x = key.startsWith("tau")
          ? evaluator.inUnit(v, a.value().span(), MS, name, false)
          : evaluator.plain(v, a.value().span(), name);
      ok &= x.isPresent();
      x.ifPresent(d -> values.put(key, d));
    }
    if (!ok || weightUnit.isEmpty()) {
      return Optional.empty();
    }
    if (dependence == null) {
      dependence = new SynapseDynamics.Additive(0.0, 1.0);
    }
    return Optional.of(new SynapseDynamics.Stdp(new SynapseDynamics.PairRule(
        values.get("tau_plus"), values.get("tau_minus"), values.get("a_plus"),
        values.get("a_minus")), dependence));
  }

  private Optional<SynapseDynamics.WeightDependence> weightDependence(Expr expr, Scope scope,
      Optional<Unit> weightUnit) {
    if (!(expr instanceof Expr.Call call) || !(call.name().equals("additive")
        || call.name().equals("multiplicative"))) {
      if (expr instanceof Expr.Call call) {
        reporter.error("sema.unknown-function", call.nameSpan(), "unknown weight dependence '"
            + call.name() + "'", Suggest.didYouMean(call.name(), List.of("additive",
            "multiplicative")));
      } else {
        reporter.error("sema.bad-argument", expr.span(), "weights expects additive(w_min = ..., "
            + "w_max = ...) or multiplicative(...)");
      }
      return Optional.empty();
    }
    double[] bounds = {0.0, 1.0};
    boolean[] seen = new boolean[2];
    List<String> names = List.of("w_min", "w_max");
    boolean ok = true;
    int positional = 0;
    for (Expr.Arg a : call.args()) {
      int slot;
      if (a.name().isPresent()) {
        slot = names.indexOf(a.name().get());
        if (slot < 0) {
          reporter.error("sema.unknown-parameter", a.nameSpan(), call.name()
              + " has no parameter '" + a.name().get() + "'",
              Suggest.didYouMean(a.name().get(), names));
          ok = false;
          continue;
        }
      } else {
        slot = positional++;
        if (slot > 1) {
          reporter.error("sema.bad-argument", a.span(), call.name() + " takes w_min and w_max");
          ok = false;
          continue;
        }
      }
      if (seen[slot]) {
        reporter.error("sema.duplicate-parameter", a.span(), names.get(slot) + " is given twice");
        ok = false;
        continue;
      }
      seen[slot] = true;
      Value v = evaluator.eval(a.value(), scope);
      if (weightUnit.isPresent()) {
        OptionalDouble x = evaluator.inUnit(v, a.value().span(), weightUnit.get(), names.get(slot),
            false);
        ok &= x.isPresent();
        if (x.isPresent()) {
          bounds[slot] = x.getAsDouble();
        }
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(call.name().equals("additive")
        ? new SynapseDynamics.Additive(bounds[0], bounds[1])
        : new SynapseDynamics.Multiplicative(bounds[0], bounds[1]));
  }

  // ---- recording ----

  private void record(Stmt.RecordItem item, Scope scope) {
    PopEntry entry = populations.get(item.population());
    if (entry == null) {
      reporter.error("sema.unknown-population", item.populationSpan(), "unknown population '"
          + item.population() + "'", Suggest.didYouMean(item.population(),
          populations.keySet()));
      return;
    }
    List<Stmt.Selector> selectors = new ArrayList<>(item.selectors());
    List<PopBuilder> members = entry.members();
    if (entry.array()) {
      Stmt.Selector first = selectors.isEmpty() ? null : selectors.remove(0);
      if (first instanceof Stmt.IndexSelector ix) {
        OptionalInt i = evaluator.integer32(evaluator.eval(ix.index(), scope), ix.index().span(),
            "population index");
        if (i.isEmpty()) {
          return;
        }
        if (i.getAsInt() < 0 || i.getAsInt() >= members.size()) {
          reporter.error("sema.index-out-of-range", ix.index().span(), "index " + i.getAsInt()
              + " is out of range: '" + entry.name() + "' has members 0 .. "
              + (members.size() - 1));
          return;
        }
        members = List.of(members.get(i.getAsInt()));
      } else if (first instanceof Stmt.RangeSelector r) {
        Optional<Recording.Range> range = range(r, scope);
        if (range.isEmpty()) {
          return;
        }
        if (range.get().from() < 0 || range.get().to() > members.size()) {
          reporter.error("sema.index-out-of-range", r.span(), "members " + range.get().from()
              + " ..< " + range.get().to() + " are out of range: '" + entry.name()
              + "' has members 0 .. " + (members.size() - 1));
          return;
        }
        members = members.subList(range.get().from(), Math.max(range.get().from(),
            range.get().to()));
      }
    }
    Optional<Recording.Range> slice = Optional.empty();
    if (!selectors.isEmpty()) {
      Stmt.Selector s = selectors.remove(0);
      if (s instanceof Stmt.IndexSelector ix) {
        OptionalInt i = evaluator.integer32(evaluator.eval(ix.index(), scope), ix.index().span(),
            "neuron index");
        if (i.isEmpty()) {
          return;
        }
        slice = Optional.of(new Recording.Range(i.getAsInt(), i.getAsInt() + 1));
      } else if (s instanceof Stmt.RangeSelector r) {
        slice = range(r, scope);
        if (slice.isEmpty()) {
          return;
        }
      }
    }
    if (!selectors.isEmpty()) {
      reporter.error("sema.bad-argument", selectors.get(0).span(), "too many selectors: use "
          + (entry.array() ? "name[member][neurons]" : "name[neurons]"));
      return;
    }
    EnumSet<Recording.Variable> vars = EnumSet.noneOf(Recording.Variable.class);
    boolean ok = true;
    for (Stmt.Variable var : item.variables()) {
      Optional<Recording.Variable> v = Recording.Variable.byName(var.name());
      if (v.isEmpty()) {
        List<String> names = new ArrayList<>();
        for (Recording.Variable x : Recording.Variable.values()) {
          names.add(x.pynnName());
        }
        reporter.error("sema.unknown-variable", var.span(), "unknown variable '" + var.name()
            + "'", Suggest.didYouMean(var.name(), names));
        ok = false;
        continue;
      }
      if (!members.isEmpty()) {
        CellType type = members.get(0).cell().type();
        String why = notRecordable(type, v.get());
        if (why != null) {
          reporter.error("sema.not-recordable", var.span(), "cannot record " + var.name()
              + " of '" + entry.name() + "': " + why);
          ok = false;
          continue;
        }
      }
      vars.add(v.get());
    }
    if (!ok || vars.isEmpty()) {
      return;
    }
    for (PopBuilder m : members) {
      recordings.add(new Recording(new PopulationId(m.id()), Set.copyOf(vars), slice,
          item.span()));
    }
  }

  private static String notRecordable(CellType type, Recording.Variable v) {
    if (v == Recording.Variable.V && type.isSource()) {
      return type.pynnName() + " is a spike source and has no membrane voltage";
    }
    if ((v == Recording.Variable.GSYN_EXC || v == Recording.Variable.GSYN_INH)
        && type != CellType.IF_COND_EXP) {
      return type.pynnName() + " has no synaptic conductance (only conductance-based cells do)";
    }
    return null;
  }

  private Optional<Recording.Range> range(Stmt.RangeSelector r, Scope scope) {
    OptionalInt from = evaluator.integer32(evaluator.eval(r.from(), scope), r.from().span(),
        "range start");
    OptionalInt to = evaluator.integer32(evaluator.eval(r.to(), scope), r.to().span(),
        "range end");
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Recording.Range(from.getAsInt(), r.inclusive() ? to.getAsInt() + 1
        : to.getAsInt()));
  }

  // ---- target hints ----

  private void target(Stmt.Target t, Scope scope) {
    Optional<String> numerics = Optional.empty();
    OptionalInt perCore = OptionalInt.empty();
    Map<PopulationId, Integer> perCoreByPop = new TreeMap<>();
    List<TargetHints.Pin> pins = new ArrayList<>();
    Map<String, Span> seen = new HashMap<>();
    for (Stmt.TargetItem item : t.items()) {
      if (item instanceof Stmt.Numerics n) {
        Span first = seen.putIfAbsent("numerics", n.span());
        if (first != null) {
          reporter.error("sema.duplicate-setting", n.span(), "'numerics' is set twice",
              Reporter.firstDefined(first));
        }
        numerics = Optional.of(n.profile());
      } else if (item instanceof Stmt.NeuronsPerCore npc) {
        OptionalInt v = evaluator.integer32(evaluator.eval(npc.value(), scope), npc.value().span(),
            "neurons per core");
        if (npc.population().isEmpty()) {
          Span first = seen.putIfAbsent("neurons_per_core", npc.span());
          if (first != null) {
            reporter.error("sema.duplicate-setting", npc.span(), "'neurons_per_core' is set twice",
                Reporter.firstDefined(first));
          }
          if (v.isPresent()) {
            perCore = v;
          }
        } else {
          for (PopBuilder p : members(npc.population().get(), scope)) {
            v.ifPresent(x -> perCoreByPop.put(new PopulationId(p.id()), x));
          }
        }
      } else if (item instanceof Stmt.Pin pin) {
        Optional<List<Integer>> place = place(pin.place(), scope);
        Optional<PopBuilder> pop = resolve(pin.population(), scope);
        if (pop.isPresent() && place.isPresent()) {
          pins.add(new TargetHints.Pin(new PopulationId(pop.get().id()), place.get(),
              pin.span()));
        }
      }
    }
    target = new TargetHints(t.name(), numerics, perCore, perCoreByPop, pins, t.span());
  }

  /** A population reference where a whole array means all of its members. */
  private List<PopBuilder> members(PopRef ref, Scope scope) {
    PopEntry entry = populations.get(ref.name());
    if (entry != null && entry.array() && ref.index().isEmpty()) {
      return entry.members();
    }
    return resolve(ref, scope).map(List::of).orElse(List.of());
  }

  private Optional<List<Integer>> place(Expr expr, Scope scope) {
    Value v = evaluator.eval(expr, scope);
    if (v instanceof Value.Num) {
      OptionalInt core = evaluator.integer32(v, expr.span(), "core number");
      return core.isPresent() ? Optional.of(List.of(core.getAsInt())) : Optional.empty();
    }
    if (v instanceof Value.TupleV t && (t.items().size() == 2 || t.items().size() == 3)) {
      List<Integer> coords = new ArrayList<>();
      for (int i = 0; i < t.items().size(); i++) {
        OptionalInt c = evaluator.integer32(t.items().get(i), t.spans().get(i), "coordinate");
        if (c.isEmpty()) {
          return Optional.empty();
        }
        coords.add(c.getAsInt());
      }
      return Optional.of(coords);
    }
    if (!(v instanceof Value.Poison)) {
      reporter.error("sema.bad-argument", expr.span(), "pin expects a chip (x, y), a core "
          + "(x, y, core) or a core number, got " + v.describe());
    }
    return Optional.empty();
  }
}
