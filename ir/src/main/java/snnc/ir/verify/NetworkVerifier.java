package snnc.ir.verify;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import snnc.diag.DiagnosticSink;
import snnc.diag.Span;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.SynapseDynamics;
import snnc.ir.TargetHints;
import snnc.ir.ValueSpec;
import snnc.ir.expand.DelaySteps;
import snnc.ir.model.CellType;
import snnc.ir.model.ParamSpec;
import snnc.ir.units.Dimension;

/**
 * Whole-graph checks of a {@link Network}, run between passes. Every problem is a diagnostic with a
 * stable code at the span the IR stored for the offending value; messages give the value, the allowed
 * range and the unit. Codes:
 *
 * <ul>
 *   <li>{@code ir.timestep}, {@code ir.run-length}, {@code ir.population-size},
 *       {@code ir.duplicate-name};
 *   <li>{@code ir.param-range}, {@code ir.list-length}, {@code ir.spike-times},
 *       {@code ir.distribution};
 *   <li>{@code ir.unknown-population}, {@code ir.source-target}, {@code ir.probability-range},
 *       {@code ir.size-mismatch}, {@code ir.connector-count}, {@code ir.index-out-of-range},
 *       {@code ir.kernel-shape}, {@code ir.value-source};
 *   <li>{@code ir.delay-too-short}, {@code ir.delay-unbounded}, {@code ir.weight-sign},
 *       {@code ir.stdp-params};
 *   <li>{@code ir.not-recordable}, {@code ir.target-hint}.
 * </ul>
 *
 * Per-value checks report the first bad entry of a list and how many more there are, so a bad
 * million-entry array is one diagnostic, not a million.
 */
public final class NetworkVerifier {

  private static final String CLIPPED_HINT = "use normal_clipped(mean, sd, low, high)";

  private final Network network;
  private final DiagnosticSink sink;
  private final Map<PopulationId, Population> populations = new HashMap<>();

  private NetworkVerifier(Network network, DiagnosticSink sink) {
    this.network = network;
    this.sink = sink;
  }

  /** Reports every problem of {@code network} to {@code sink}. */
  public static void verify(Network network, DiagnosticSink sink) {
    new NetworkVerifier(network, sink).run();
  }

  private void run() {
    boolean timestepOk = checkTiming();
    Map<String, Span> seen = new HashMap<>();
    for (Population p : network.populations()) {
      Span first = seen.putIfAbsent(p.name(), p.span());
      if (first != null) {
        sink.error("ir.duplicate-name", p.span(), "population '" + p.name() + "' is defined twice",
            "first defined at " + first.location());
      } else {
        populations.put(p.id(), p);
      }
      checkPopulation(p);
    }
    Map<String, Span> seenProjections = new HashMap<>();
    for (Projection pr : network.projections()) {
      Span first = seenProjections.putIfAbsent(pr.name(), pr.span());
      if (first != null) {
        sink.error("ir.duplicate-name", pr.span(), "projection '" + pr.name()
            + "' is defined twice", "first defined at " + first.location(),
            "give one of them a label");
      }
      checkProjection(pr, timestepOk);
    }
    for (Recording r : network.recordings()) {
      checkRecording(r);
    }
    network.target().ifPresent(this::checkTarget);
  }

  // ---- network ----

  private boolean checkTiming() {
    double dt = network.timestepMs();
    if (!(dt > 0) || !Double.isFinite(dt)) {
      sink.error("ir.timestep", network.span(),
          "timestep must be greater than zero, got " + num(dt) + " ms");
      return false;
    }
    double run = network.runMs();
    if (!(run >= 0) || !Double.isFinite(run)) {
      sink.error("ir.run-length", network.span(),
          "run length must be zero or more, got " + num(run) + " ms");
      return true;
    }
    double steps = run / dt;
    double nearest = Math.rint(steps);
    if (Math.abs(steps - nearest) > 1e-9 * Math.max(1.0, Math.abs(steps))) {
      java.math.BigDecimal step = java.math.BigDecimal.valueOf(dt);
      double below = step.multiply(java.math.BigDecimal.valueOf(Math.floor(steps))).doubleValue();
      double above = step.multiply(java.math.BigDecimal.valueOf(Math.ceil(steps))).doubleValue();
      sink.error("ir.run-length", network.span(), "run length " + num(run)
          + " ms is not a whole number of timesteps of " + num(dt) + " ms",
          "use " + num(below) + " ms or " + num(above) + " ms");
    }
    return true;
  }

  // ---- populations ----

  private void checkPopulation(Population p) {
    if (p.size() < 1) {
      sink.error("ir.population-size", p.span(), "population '" + p.name()
          + "' must have at least 1 neuron, got " + p.size());
    }
    for (ParamSpec spec : p.cellType().params()) {
      ParamValue value = p.params().get(spec.name());
      if (value == null) {
        continue;
      }
      Span span = p.spanOf(spec.name());
      if (value instanceof ParamValue.SpikeTimes times) {
        checkSpikeTimes(p, spec, times, span);
      } else if (value instanceof ParamValue.Constant c) {
        if (!spec.constraint().admits(c.value())) {
          rangeError(spec, spec.name(), c.value(), span);
        }
      } else if (value instanceof ParamValue.PerNeuron list) {
        checkPerNeuron(p, spec, list.values(), span);
      } else if (value instanceof ParamValue.Random r) {
        checkRandomParam(spec, r.distribution(), span);
      }
    }
  }

  private void rangeError(ParamSpec spec, String what, double value, Span span) {
    sink.error("ir.param-range", span, what + " must be " + spec.constraint().description()
        + ", got " + num(value) + unitSuffix(spec));
  }

  private void checkPerNeuron(Population p, ParamSpec spec, Doubles values, Span span) {
    if (p.size() >= 1 && values.size() != p.size()) {
      sink.error("ir.list-length", span, spec.name() + " has " + values.size()
          + " values for the " + p.size() + " neurons of population '" + p.name() + "'");
    }
    int first = -1;
    int bad = 0;
    for (int i = 0; i < values.size(); i++) {
      if (!spec.constraint().admits(values.get(i))) {
        if (first < 0) {
          first = i;
        }
        bad++;
      }
    }
    if (first >= 0) {
      sink.error("ir.param-range", span, spec.name() + "[" + first + "] must be "
          + spec.constraint().description() + ", got " + num(values.get(first)) + unitSuffix(spec)
          + more(bad));
    }
  }

  private void checkRandomParam(ParamSpec spec, Distribution d, Span span) {
    if (!checkDistribution(d, span, spec.name(), unitSuffix(spec))) {
      return;
    }
    if (spec.constraint() == ParamSpec.Constraint.ANY) {
      return;
    }
    Optional<Double> low = lowerBound(d);
    if (low.isEmpty()) {
      sink.error("ir.param-range", span, spec.name() + " drawn from " + describe(d)
          + " can take any value, but it must be " + spec.constraint().description(),
          CLIPPED_HINT);
    } else if (!spec.constraint().admits(low.get())) {
      sink.error("ir.param-range", span, spec.name() + " drawn from " + describe(d)
          + " can be " + num(low.get()) + unitSuffix(spec) + ", but it must be "
          + spec.constraint().description());
    }
  }

  private void checkSpikeTimes(Population p, ParamSpec spec, ParamValue.SpikeTimes times,
      Span span) {
    List<Doubles> lists = times.perNeuron();
    if (lists.size() != 1 && p.size() >= 1 && lists.size() != p.size()) {
      sink.error("ir.spike-times", span, spec.name() + " has " + lists.size()
          + " lists for the " + p.size() + " neurons of population '" + p.name()
          + "'; give one list shared by all or one per neuron");
    }
    for (int n = 0; n < lists.size(); n++) {
      Doubles t = lists.get(n);
      String who = lists.size() == 1 ? "" : " of neuron " + n;
      for (int k = 0; k < t.size(); k++) {
        double v = t.get(k);
        if (!(v >= 0) || !Double.isFinite(v)) {
          sink.error("ir.spike-times", span, "spike times" + who
              + " must be zero or more, got " + num(v) + " ms");
          return;
        }
        if (k > 0 && v < t.get(k - 1)) {
          sink.error("ir.spike-times", span, "spike times" + who + " must be sorted, got "
              + num(v) + " ms after " + num(t.get(k - 1)) + " ms");
          return;
        }
      }
    }
  }

  // ---- projections ----

  private void checkProjection(Projection pr, boolean timestepOk) {
    Population pre = populations.get(pr.pre());
    Population post = populations.get(pr.post());
    if (pre == null) {
      sink.error("ir.unknown-population", pr.span(), "projection '" + pr.name()
          + "' comes from unknown population '" + pr.pre() + "'");
    }
    if (post == null) {
      sink.error("ir.unknown-population", pr.span(), "projection '" + pr.name()
          + "' goes to unknown population '" + pr.post() + "'");
    }
    checkDynamics(pr, post);
    if (pre == null || post == null || pre.size() < 1 || post.size() < 1) {
      return;
    }
    if (post.cellType().isSource() && !(pr.synapse() instanceof SynapseDynamics.Stdp)) {
      sink.error("ir.source-target", pr.span(), "projection '" + pr.name() + "' targets '"
          + post.name() + "', a " + post.cellType().pynnName() + ", which cannot receive spikes");
    }
    boolean connectorOk = checkConnector(pr, pre, post);
    checkWeight(pr, pre, post, connectorOk);
    if (timestepOk) {
      checkDelay(pr, pre, post, connectorOk);
    }
  }

  private boolean checkConnector(Projection pr, Population pre, Population post) {
    Span span = pr.spans().connector();
    Connector c = pr.connector();
    int nPre = pre.size();
    int nPost = post.size();
    boolean same = pr.pre().equals(pr.post());
    if (c instanceof Connector.OneToOne && nPre != nPost) {
      sink.error("ir.size-mismatch", span, "one_to_one needs populations of equal size, got "
          + nPre + " pre and " + nPost + " post neurons");
      return false;
    } else if (c instanceof Connector.FixedProbability fp) {
      double p = fp.probability();
      if (!(p >= 0 && p <= 1)) {
        sink.error("ir.probability-range", span,
            "p_connect must be between 0 and 1, got " + num(p));
        return false;
      }
    } else if (c instanceof Connector.FixedNumberPre f) {
      return checkCount("fixed_number_pre", f.n(), f.withReplacement(), nPre,
          same && !f.allowSelfConnections(), "pre", span);
    } else if (c instanceof Connector.FixedNumberPost f) {
      return checkCount("fixed_number_post", f.n(), f.withReplacement(), nPost,
          same && !f.allowSelfConnections(), "post", span);
    } else if (c instanceof Connector.FromList list) {
      return checkFromList(list, pre, post, span);
    } else if (c instanceof Connector.Kernel k) {
      return checkKernel(k, nPre, nPost, span);
    }
    return true;
  }

  private boolean checkCount(String kind, int n, boolean withReplacement, int size,
      boolean excludeSelf, String side, Span span) {
    if (n < 0) {
      sink.error("ir.connector-count", span, kind + " n must be zero or more, got " + n);
      return false;
    }
    int pool = excludeSelf ? size - 1 : size;
    String poolText = pool + " " + side + " neuron" + (pool == 1 ? "" : "s")
        + (excludeSelf ? " (" + size + " minus the neuron itself)" : "");
    if (!withReplacement && n > pool) {
      sink.error("ir.connector-count", span, kind + "(" + n + ") without replacement needs "
          + n + " distinct " + side + " neurons, but only " + poolText + " are available",
          excludeSelf ? "allow self-connections, use with_replacement, or lower n"
              : "use with_replacement or lower n");
      return false;
    }
    if (withReplacement && n > 0 && pool < 1) {
      sink.error("ir.connector-count", span, kind + "(" + n + ") has no " + side
          + " neurons to choose from (" + poolText + ")");
      return false;
    }
    return true;
  }

  private boolean checkFromList(Connector.FromList list, Population pre, Population post,
      Span span) {
    Ints preIdx = list.pre();
    Ints postIdx = list.post();
    boolean ok = true;
    if (postIdx.size() != preIdx.size()) {
      sink.error("ir.list-length", span, "from_list has " + preIdx.size()
          + " pre indices but " + postIdx.size() + " post indices");
      return false;
    }
    ok &= indexRange(preIdx, pre, "pre", span);
    ok &= indexRange(postIdx, post, "post", span);
    for (Optional<Doubles> column : List.of(list.weights(), list.delays())) {
      if (column.isPresent() && column.get().size() != preIdx.size()) {
        sink.error("ir.list-length", span, "from_list has " + preIdx.size() + " connections but "
            + column.get().size() + (column == list.weights() ? " weights" : " delays"));
        ok = false;
      }
    }
    return ok;
  }

  private boolean indexRange(Ints indices, Population p, String side, Span span) {
    int first = -1;
    int bad = 0;
    for (int k = 0; k < indices.size(); k++) {
      int i = indices.get(k);
      if (i < 0 || i >= p.size()) {
        if (first < 0) {
          first = k;
        }
        bad++;
      }
    }
    if (first >= 0) {
      sink.error("ir.index-out-of-range", span, "from_list entry " + first + ": " + side
          + " index " + indices.get(first) + " is outside 0.." + (p.size() - 1)
          + " of population '" + p.name() + "'" + more(bad));
      return false;
    }
    return true;
  }

  private boolean checkKernel(Connector.Kernel k, int nPre, int nPost, Span span) {
    if (k.kernelHeight() < 1 || k.kernelWidth() < 1 || k.strideY() < 1 || k.strideX() < 1
        || k.padY() < 0 || k.padX() < 0 || k.preHeight() < 1 || k.preWidth() < 1
        || k.postHeight() < 1 || k.postWidth() < 1) {
      sink.error("ir.kernel-shape", span, "convolution needs shapes and strides of at least 1 and "
          + "padding of 0 or more, got kernel " + k.kernelHeight() + "×" + k.kernelWidth()
          + ", stride " + k.strideY() + "×" + k.strideX() + ", padding " + k.padY() + "×"
          + k.padX() + ", input " + k.preHeight() + "×" + k.preWidth() + ", output "
          + k.postHeight() + "×" + k.postWidth());
      return false;
    }
    boolean ok = true;
    if ((long) k.preHeight() * k.preWidth() != nPre) {
      sink.error("ir.size-mismatch", span, "convolution input " + k.preHeight() + "×"
          + k.preWidth() + " has " + (long) k.preHeight() * k.preWidth()
          + " neurons but the pre population has " + nPre);
      ok = false;
    }
    if ((long) k.postHeight() * k.postWidth() != nPost) {
      sink.error("ir.size-mismatch", span, "convolution output " + k.postHeight() + "×"
          + k.postWidth() + " has " + (long) k.postHeight() * k.postWidth()
          + " neurons but the post population has " + nPost);
      ok = false;
    }
    long rows = Math.floorDiv((long) k.preHeight() + 2L * k.padY() - k.kernelHeight(),
        k.strideY()) + 1;
    long cols = Math.floorDiv((long) k.preWidth() + 2L * k.padX() - k.kernelWidth(),
        k.strideX()) + 1;
    if (rows != k.postHeight() || cols != k.postWidth()) {
      sink.error("ir.kernel-shape", span, "convolution of a " + k.preHeight() + "×"
          + k.preWidth() + " input with a " + k.kernelHeight() + "×" + k.kernelWidth()
          + " kernel, stride " + k.strideY() + "×" + k.strideX() + " and padding " + k.padY()
          + "×" + k.padX() + " gives a " + Math.max(0, rows) + "×" + Math.max(0, cols)
          + " output, but the output shape is " + k.postHeight() + "×" + k.postWidth(),
          "output size = (input + 2·padding − kernel) / stride + 1, rounded down");
      ok = false;
    }
    if (k.kernelWeights().isPresent()
        && k.kernelWeights().get().size() != k.kernelHeight() * k.kernelWidth()) {
      sink.error("ir.kernel-shape", span, "kernel weights have " + k.kernelWeights().get().size()
          + " values for a " + k.kernelHeight() + "×" + k.kernelWidth() + " kernel");
      ok = false;
    }
    return ok;
  }

  /** Values of a projection's weights or delays, flattened for per-value checks. */
  private record Values(Optional<Doubles> list, Optional<Double> constant,
      Optional<Distribution> distribution) {}

  /** The concrete values behind a spec, or empty when none can be checked (already reported). */
  private Optional<Values> values(Projection pr, ValueSpec spec, Span span, String what,
      int nPre, int nPost, boolean connectorOk) {
    if (spec instanceof ValueSpec.Constant c) {
      return Optional.of(new Values(Optional.empty(), Optional.of(c.value()), Optional.empty()));
    } else if (spec instanceof ValueSpec.Random r) {
      return Optional.of(new Values(Optional.empty(), Optional.empty(),
          Optional.of(r.distribution())));
    } else if (spec instanceof ValueSpec.Array a) {
      boolean oneToOne = pr.connector() instanceof Connector.OneToOne;
      long expected = oneToOne ? nPost : (long) nPre * nPost;
      if (a.values().size() != expected) {
        sink.error("ir.list-length", span, what + " array has " + a.values().size()
            + " values, expected " + expected + (oneToOne ? " (one per neuron)"
                : " (" + nPre + " pre × " + nPost + " post)"));
        return Optional.empty();
      }
      return Optional.of(new Values(Optional.of(a.values()), Optional.empty(), Optional.empty()));
    }
    Connector c = pr.connector();
    Optional<Doubles> column = Optional.empty();
    if (c instanceof Connector.FromList list) {
      column = what.equals("weight") ? list.weights() : list.delays();
    } else if (c instanceof Connector.Kernel k && what.equals("weight")) {
      column = k.kernelWeights();
    }
    if (column.isEmpty()) {
      sink.error("ir.value-source", span, what + " is taken from the connector, but "
          + c.kind() + " gives no " + what + "s");
      return Optional.empty();
    }
    if (!connectorOk) {
      return Optional.empty();
    }
    return Optional.of(new Values(column, Optional.empty(), Optional.empty()));
  }

  private void checkWeight(Projection pr, Population pre, Population post, boolean connectorOk) {
    Span span = pr.spans().weight();
    Optional<Values> values = values(pr, pr.weight(), span, "weight", pre.size(), post.size(),
        connectorOk);
    if (values.isEmpty()) {
      return;
    }
    String unit = " " + post.cellType().weightUnit().symbol();
    boolean conductance = post.cellType().weightUnit().dimension().equals(Dimension.CONDUCTANCE);
    boolean mustBePositive = pr.receptor() == Receptor.EXCITATORY || conductance;
    String rule = conductance ? "conductance weights must be zero or more"
        : "weights on an excitatory receptor must be zero or more";
    String note = conductance ? "the receptor, not the sign, makes a conductance inhibitory"
        : "write inhibitory connections with receptor inhibitory";
    Values v = values.get();
    if (v.distribution().isPresent()) {
      Distribution d = v.distribution().get();
      if (!checkDistribution(d, span, "weight", unit) || !mustBePositive) {
        return;
      }
      Optional<Double> low = lowerBound(d);
      if (low.isEmpty()) {
        sink.warning("ir.weight-sign", span, rule + ", but " + describe(d)
            + " can draw negative values", CLIPPED_HINT);
      } else if (low.get() < 0) {
        sink.error("ir.weight-sign", span, rule + ", but " + describe(d) + " can draw "
            + num(low.get()) + unit, note);
      }
      return;
    }
    checkEach(v, span, x -> {
      if (!Double.isFinite(x)) {
        return "weight must be a finite number, got " + num(x) + unit;
      }
      return mustBePositive && x < 0 ? rule + ", got " + num(x) + unit : null;
    }, x -> Double.isFinite(x) ? "ir.weight-sign" : "ir.param-range", note);
  }

  private void checkDelay(Projection pr, Population pre, Population post, boolean connectorOk) {
    Span span = pr.spans().delay();
    Optional<Values> values = values(pr, pr.delay(), span, "delay", pre.size(), post.size(),
        connectorOk);
    if (values.isEmpty()) {
      return;
    }
    double dt = network.timestepMs();
    String note = "delays must be at least one timestep: more than " + num(dt / 2)
        + " ms at a timestep of " + num(dt) + " ms";
    Values v = values.get();
    if (v.distribution().isPresent()) {
      Distribution d = v.distribution().get();
      if (!checkDistribution(d, span, "delay", " ms")) {
        return;
      }
      Optional<Double> low = d instanceof Distribution.Exponential ? Optional.empty()
          : lowerBound(d);
      if (low.isEmpty()) {
        sink.error("ir.delay-unbounded", span, "delay drawn from " + describe(d)
            + " has no lower bound, so it can be shorter than one timestep (" + num(dt)
            + " ms)", CLIPPED_HINT);
      } else if (DelaySteps.of(low.get(), dt) < 1) {
        sink.error("ir.delay-too-short", span, "delay drawn from " + describe(d) + " can be "
            + num(low.get()) + " ms, which rounds to " + DelaySteps.of(low.get(), dt)
            + " timesteps", note);
      }
      return;
    }
    checkEach(v, span, x -> {
      if (!Double.isFinite(x)) {
        return "delay must be a finite number of ms, got " + num(x);
      }
      int steps = DelaySteps.of(x, dt);
      return steps < 1 ? "delay " + num(x) + " ms rounds to " + steps + " timesteps" : null;
    }, x -> "ir.delay-too-short", note);
  }

  /** Reports the first value for which {@code problem} gives a message, with a count of the rest. */
  private void checkEach(Values v, Span span, java.util.function.DoubleFunction<String> problem,
      java.util.function.DoubleFunction<String> code, String note) {
    if (v.constant().isPresent()) {
      double x = v.constant().get();
      String msg = problem.apply(x);
      if (msg != null) {
        sink.error(code.apply(x), span, msg, note);
      }
      return;
    }
    Doubles list = v.list().orElseThrow();
    int first = -1;
    int bad = 0;
    for (int k = 0; k < list.size(); k++) {
      if (problem.apply(list.get(k)) != null) {
        if (first < 0) {
          first = k;
        }
        bad++;
      }
    }
    if (first >= 0) {
      double x = list.get(first);
      sink.error(code.apply(x), span, "entry " + first + ": " + problem.apply(x) + more(bad),
          note);
    }
  }

  private void checkDynamics(Projection pr, Population post) {
    if (!(pr.synapse() instanceof SynapseDynamics.Stdp stdp)) {
      return;
    }
    Span span = pr.span();
    if (post != null && post.cellType().isSource()) {
      sink.error("ir.stdp-params", span, "STDP projection '" + pr.name() + "' targets '"
          + post.name() + "', a " + post.cellType().pynnName() + ", which has no synapses to learn");
    }
    SynapseDynamics.PairRule t = stdp.timing();
    if (!(t.tauPlusMs() > 0)) {
      sink.error("ir.stdp-params", span,
          "tau_plus must be greater than zero, got " + num(t.tauPlusMs()) + " ms");
    }
    if (!(t.tauMinusMs() > 0)) {
      sink.error("ir.stdp-params", span,
          "tau_minus must be greater than zero, got " + num(t.tauMinusMs()) + " ms");
    }
    if (!(t.aPlus() >= 0) || !(t.aMinus() >= 0)) {
      sink.error("ir.stdp-params", span, "A_plus and A_minus must be zero or more, got "
          + num(t.aPlus()) + " and " + num(t.aMinus()));
    }
    SynapseDynamics.WeightDependence w = stdp.weightDependence();
    String unit = post == null ? "" : " " + post.cellType().weightUnit().symbol();
    if (!(w.wMin() <= w.wMax())) {
      sink.error("ir.stdp-params", span, "w_min must not exceed w_max, got w_min "
          + num(w.wMin()) + unit + " and w_max " + num(w.wMax()) + unit);
    }
  }

  // ---- recordings and target hints ----

  private void checkRecording(Recording r) {
    Population p = populations.get(r.population());
    if (p == null) {
      sink.error("ir.unknown-population", r.span(),
          "recording refers to unknown population '" + r.population() + "'");
      return;
    }
    Set<Recording.Variable> allowed = recordable(p.cellType());
    for (Recording.Variable v : r.variables()) {
      if (!allowed.contains(v)) {
        StringBuilder names = new StringBuilder();
        allowed.forEach(a -> names.append(names.length() == 0 ? "" : ", ").append(a.pynnName()));
        sink.error("ir.not-recordable", r.span(), "population '" + p.name() + "' ("
            + p.cellType().pynnName() + ") cannot record '" + v.pynnName() + "'",
            "recordable: " + names);
      }
    }
    r.slice().ifPresent(s -> {
      if (s.from() < 0 || s.to() > p.size() || s.from() >= s.to()) {
        sink.error("ir.index-out-of-range", r.span(), "recorded neurons " + s.from() + ".."
            + (s.to() - 1) + " are not a non-empty range within 0.." + (p.size() - 1)
            + " of population '" + p.name() + "'");
      }
    });
  }

  /** What each cell type can record (PyNN's {@code recordable}). */
  public static Set<Recording.Variable> recordable(CellType type) {
    if (type.isSource()) {
      return EnumSet.of(Recording.Variable.SPIKES);
    }
    if (type == CellType.IF_COND_EXP) {
      return EnumSet.allOf(Recording.Variable.class);
    }
    return EnumSet.of(Recording.Variable.SPIKES, Recording.Variable.V);
  }

  private void checkTarget(TargetHints t) {
    t.neuronsPerCore().ifPresent(n -> {
      if (n < 1) {
        sink.error("ir.target-hint", t.span(), "neurons_per_core must be at least 1, got " + n);
      }
    });
    t.neuronsPerCoreByPopulation().forEach((id, n) -> {
      if (!populations.containsKey(id)) {
        sink.error("ir.target-hint", t.span(),
            "neurons_per_core names unknown population '" + id + "'");
      } else if (n < 1) {
        sink.error("ir.target-hint", t.span(), "neurons_per_core of '" + id
            + "' must be at least 1, got " + n);
      }
    });
    for (TargetHints.Pin pin : t.pins()) {
      if (!populations.containsKey(pin.population())) {
        sink.error("ir.target-hint", pin.span(), "pin names unknown population '"
            + pin.population() + "'");
      }
      if (pin.coordinates().isEmpty() || pin.coordinates().size() > 3) {
        sink.error("ir.target-hint", pin.span(), "pin needs 1 to 3 coordinates (core, or x, y, "
            + "or x, y, core), got " + pin.coordinates().size());
      }
      for (int c : pin.coordinates()) {
        if (c < 0) {
          sink.error("ir.target-hint", pin.span(),
              "pin coordinates must be zero or more, got " + pin.coordinates());
          break;
        }
      }
    }
  }

  // ---- distributions and formatting ----

  /** Checks a distribution's own parameters; false if it is broken. */
  private boolean checkDistribution(Distribution d, Span span, String what, String unit) {
    if (d instanceof Distribution.Uniform u) {
      if (!(u.low() < u.high()) || !Double.isFinite(u.low()) || !Double.isFinite(u.high())) {
        sink.error("ir.distribution", span, what + ": uniform needs low < high, got low "
            + num(u.low()) + unit + " and high " + num(u.high()) + unit);
        return false;
      }
    } else if (d instanceof Distribution.Normal n) {
      if (!(n.sd() >= 0) || !Double.isFinite(n.mean()) || !Double.isFinite(n.sd())) {
        sink.error("ir.distribution", span, what + ": normal needs sd of zero or more, got "
            + num(n.sd()) + unit);
        return false;
      }
    } else if (d instanceof Distribution.NormalClipped c) {
      if (!(c.sd() >= 0) || !Double.isFinite(c.sd())) {
        sink.error("ir.distribution", span, what + ": normal_clipped needs sd of zero or more, "
            + "got " + num(c.sd()) + unit);
        return false;
      }
      if (!(c.low() < c.high())) {
        sink.error("ir.distribution", span, what + ": normal_clipped needs low < high, got low "
            + num(c.low()) + unit + " and high " + num(c.high()) + unit);
        return false;
      }
      double far = 6 * c.sd();
      if (c.low() > c.mean() + far || c.high() < c.mean() - far
          || (c.sd() == 0 && (c.mean() < c.low() || c.mean() > c.high()))) {
        sink.error("ir.distribution", span, what + ": normal_clipped interval [" + num(c.low())
            + ", " + num(c.high()) + "]" + unit + " lies more than 6 sd from the mean "
            + num(c.mean()) + unit + ", so almost no draw falls in it");
        return false;
      }
    } else if (d instanceof Distribution.Exponential e) {
      if (!(e.mean() > 0) || !Double.isFinite(e.mean())) {
        sink.error("ir.distribution", span, what + ": exponential needs a mean greater than "
            + "zero, got " + num(e.mean()) + unit);
        return false;
      }
    }
    return true;
  }

  /** The smallest value a distribution can draw, empty if unbounded below. */
  private static Optional<Double> lowerBound(Distribution d) {
    if (d instanceof Distribution.Uniform u) {
      return Optional.of(u.low());
    } else if (d instanceof Distribution.NormalClipped c) {
      return Optional.of(c.low());
    } else if (d instanceof Distribution.Normal n) {
      return n.sd() == 0 ? Optional.of(n.mean()) : Optional.empty();
    } else if (d instanceof Distribution.Exponential) {
      return Optional.of(0.0);
    }
    return Optional.empty();
  }

  static String describe(Distribution d) {
    if (d instanceof Distribution.Uniform u) {
      return "uniform(" + num(u.low()) + ", " + num(u.high()) + ")";
    } else if (d instanceof Distribution.Normal n) {
      return "normal(" + num(n.mean()) + ", " + num(n.sd()) + ")";
    } else if (d instanceof Distribution.NormalClipped c) {
      return "normal_clipped(" + num(c.mean()) + ", " + num(c.sd()) + ", " + num(c.low()) + ", "
          + num(c.high()) + ")";
    } else if (d instanceof Distribution.Exponential e) {
      return "exponential(" + num(e.mean()) + ")";
    }
    return d.kind();
  }

  private static String unitSuffix(ParamSpec spec) {
    return " " + spec.unit().symbol();
  }

  private static String more(int bad) {
    return bad > 1 ? " (and " + (bad - 1) + " more)" : "";
  }

  /** A number as a person writes it: {@code -20}, {@code 0.5}, {@code 1.0E-7}. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
