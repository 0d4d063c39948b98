package snnc.ir.numerics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import snnc.diag.Diagnostic;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.SynapseDynamics;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.model.CellType;
import snnc.ir.pass.Pass;
import snnc.ir.pass.PassContext;

/**
 * The {@code quantise} pass: fits a network to a {@link NumericsProfile}. Per (post population,
 * receptor) it chooses the smallest weight left shift under which the largest |w| (STDP w_max
 * included) fits the weight word, converts every weight, and reports what was lost. Errors:
 *
 * <ul>
 *   <li>{@code numerics.unsupported-feature}: a neuron model or plasticity rule the profile has no
 *       fixed-point form for (at the population or projection);
 *   <li>{@code quant.out-of-range}: a parameter, propagator, refractory period, STDP constant or
 *       weight that does not fit its format (at the parameter's or projection's span);
 *   <li>{@code quant.zero-weight}: non-zero weights that round to 0 (at the projection's weight);
 *       a warning instead when {@link Options#allowZeroWeights()}.
 * </ul>
 *
 * Counts {@code synapses}, {@code zero-weights}, {@code saturated-weights}.
 */
public final class Quantiser implements Pass<Network, Quantisation> {

  public static final String NAME = "quantise";
  public static final String UNSUPPORTED = "numerics.unsupported-feature";
  public static final String OUT_OF_RANGE = "quant.out-of-range";
  public static final String ZERO_WEIGHT = "quant.zero-weight";

  private static final int CHUNK = 4096;

  /** {@code allowZeroWeights}: report weights that round to zero as a warning, not an error. */
  public record Options(NumericsProfile profile, boolean allowZeroWeights) {
    public Options {
      Objects.requireNonNull(profile, "profile");
    }

    public static Options of(NumericsProfile profile) {
      return new Options(profile, false);
    }
  }

  /** Where the weights come from: the shared expansion unless a caller substitutes its own. */
  @FunctionalInterface
  public interface WeightSource {
    SynapseBlock expand(Network network, Projection projection, int postFrom, int postTo);
  }

  private final Options options;
  private final WeightSource source;

  public Quantiser(Options options, WeightSource source) {
    this.options = options;
    this.source = source;
  }

  public Quantiser(Options options) {
    this(options, ConnectorExpander::expand);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Network> inputType() {
    return Network.class;
  }

  @Override
  public Class<Quantisation> outputType() {
    return Quantisation.class;
  }

  @Override
  public Quantisation run(Network network, PassContext context) {
    NumericsProfile profile = options.profile();
    Map<PopulationId, Population> pops = network.populationsById();
    for (Population p : network.populations()) {
      if (p.cellType().isSource()) {
        continue;
      }
      if (!NeuronConstants.supports(p.cellType())) {
        context.sink().report(Diagnostic.error(UNSUPPORTED, p.span(),
            p.cellType().pynnName() + " population '" + p.name() + "' has no fixed-point form in "
                + "profile " + profile.name(),
            "profile " + profile.name() + " supports IF_curr_exp and IF_curr_delta; see the "
                + "support matrix in docs/numerics.md"));
        continue;
      }
      NeuronConstants c = NeuronConstants.of(p, network.timestepMs(), profile);
      for (NeuronConstants.Problem pr : c.problems()) {
        context.sink().report(Diagnostic.error(OUT_OF_RANGE, p.spanOf(pr.param()),
            "'" + pr.param() + "' of population '" + p.name() + "' (neuron " + pr.neuron()
                + ", value " + pr.value() + ") does not fit " + pr.format() + " of profile "
                + profile.name(),
            "representable: " + pr.range()));
      }
    }
    // Pass 1: the largest |w| per (post, receptor) and the projection that holds it.
    Map<Quantisation.ShiftKey, Double> max = new LinkedHashMap<>();
    Map<Quantisation.ShiftKey, Projection> maxAt = new HashMap<>();
    List<Projection> quantised = new ArrayList<>();
    for (Projection pr : network.projections()) {
      Population post = pops.get(pr.post());
      if (post == null || !NeuronConstants.supports(post.cellType())) {
        continue;
      }
      if (pr.synapse() instanceof SynapseDynamics.Stdp stdp
          && !(stdp.weightDependence() instanceof SynapseDynamics.Additive)) {
        context.sink().report(Diagnostic.error(UNSUPPORTED, pr.span(),
            "projection '" + pr.name() + "' uses " + stdp.weightDependence().kind()
                + " STDP, which has no fixed-point form in profile " + profile.name(),
            "fixed point supports the pair rule with additive weight dependence"));
        continue;
      }
      quantised.add(pr);
      Quantisation.ShiftKey key = new Quantisation.ShiftKey(pr.post(), pr.receptor());
      double m = maxAbs(network, pr, post.size());
      if (pr.synapse() instanceof SynapseDynamics.Stdp stdp) {
        m = Math.max(m, Math.abs(stdp.weightDependence().wMax()));
      }
      if (!max.containsKey(key) || m > max.get(key)) {
        maxAt.put(key, pr);
      }
      max.merge(key, m, Math::max);
    }
    Map<Quantisation.ShiftKey, Quantisation.Shift> shifts = new LinkedHashMap<>();
    for (Map.Entry<Quantisation.ShiftKey, Double> e : max.entrySet()) {
      QFormat format = formatFor(pops.get(e.getKey().post()).cellType(), profile);
      double m = e.getValue();
      int limit = profile.maxWeightShift(format);
      int shift = 0;
      while (shift < limit
          && FixedPoint.encode(m * Math.scalb(1.0, format.fracBits() - shift), 0)
              > profile.weightMaxRaw()) {
        shift++;
      }
      Quantisation.Shift chosen = new Quantisation.Shift(shift, format, m);
      if (FixedPoint.encode(m * chosen.scale(), 0) > profile.weightMaxRaw()) {
        Projection at = maxAt.get(e.getKey());
        context.sink().report(Diagnostic.error(OUT_OF_RANGE, at.spans().weight(),
            "weight " + m + " " + pops.get(e.getKey().post()).cellType().weightUnit().symbol()
                + " of projection '" + at.name() + "' does not fit profile " + profile.name(),
            "the largest weight is " + profile.weightMaxRaw() * chosen.smallestWeight()
                + " (" + profile.weightMaxRaw() + " << " + limit + " in " + format + ")"));
      }
      shifts.put(e.getKey(), chosen);
    }
    Quantisation partial = new Quantisation(profile, shifts, List.of());
    // Pass 2: convert and measure.
    List<Quantisation.ProjectionReport> reports = new ArrayList<>();
    for (Projection pr : quantised) {
      Population post = pops.get(pr.post());
      Quantisation.ShiftKey key = new Quantisation.ShiftKey(pr.post(), pr.receptor());
      Quantisation.Shift shift = shifts.get(key);
      Quantisation.ProjectionReport report = measure(network, pr, post.size(), key, shift,
          partial);
      reports.add(report);
      context.count("synapses", report.synapses());
      context.count("zero-weights", report.zeroWeights());
      context.count("saturated-weights", report.saturatedWeights());
      String unit = post.cellType().weightUnit().symbol();
      if (report.zeroWeights() > 0) {
        String message = report.zeroWeights() + " of " + report.synapses() + " weights of "
            + "projection '" + pr.name() + "' round to zero in profile " + profile.name()
            + " (smallest |w| " + report.smallestWeight() + " " + unit + ")";
        String note = "the smallest representable weight onto " + post.name() + "."
            + pr.receptor().pynnName() + " is " + shift.smallestWeight() + " " + unit
            + " (shift " + shift.shift() + ", chosen for the largest weight " + shift.maxWeight()
            + " " + unit + ")";
        context.sink().report(options.allowZeroWeights()
            ? Diagnostic.warning(ZERO_WEIGHT, pr.spans().weight(), message, note)
            : Diagnostic.error(ZERO_WEIGHT, pr.spans().weight(), message, note,
                "allow them with the allow-zero-weights option, or move the small weights to "
                    + "a population of their own"));
      }
      if (pr.synapse() instanceof SynapseDynamics.Stdp stdp) {
        try {
          StdpConstants.of(stdp, network.timestepMs(), shift.shift(), shift.format(), profile);
        } catch (IllegalArgumentException ex) {
          context.sink().report(Diagnostic.error(OUT_OF_RANGE, pr.span(),
              "STDP of projection '" + pr.name() + "' does not fit profile " + profile.name()
                  + ": " + ex.getMessage()));
        }
      }
    }
    return new Quantisation(profile, shifts, reports);
  }

  /** The state format a weight onto {@code type} adds into. */
  public static QFormat formatFor(CellType type, NumericsProfile profile) {
    return type == CellType.IF_CURR_DELTA ? profile.voltage() : profile.current();
  }

  private double maxAbs(Network network, Projection pr, int postSize) {
    double m = 0.0;
    for (int from = 0; from < postSize; from += CHUNK) {
      SynapseBlock b = source.expand(network, pr, from, Math.min(postSize, from + CHUNK));
      for (int k = 0; k < b.size(); k++) {
        m = Math.max(m, Math.abs(b.weight()[k]));
      }
    }
    return m;
  }

  private Quantisation.ProjectionReport measure(Network network, Projection pr, int postSize,
      Quantisation.ShiftKey key, Quantisation.Shift shift, Quantisation q) {
    long synapses = 0;
    long zeros = 0;
    long saturated = 0;
    double smallest = Double.POSITIVE_INFINITY;
    double maxRel = 0.0;
    for (int from = 0; from < postSize; from += CHUNK) {
      SynapseBlock b = source.expand(network, pr, from, Math.min(postSize, from + CHUNK));
      synapses += b.size();
      for (int k = 0; k < b.size(); k++) {
        double w = Math.abs(b.weight()[k]);
        if (w == 0.0) {
          continue;
        }
        smallest = Math.min(smallest, w);
        long exact = FixedPoint.encode(w * shift.scale(), 0);
        long raw = q.weightRaw(shift, w);
        if (raw == 0) {
          zeros++;
        }
        if (exact > raw) {
          saturated++;
        }
        double back = raw * shift.smallestWeight();
        maxRel = Math.max(maxRel, Math.abs(back - w) / w);
      }
    }
    return new Quantisation.ProjectionReport(pr.id(), key, synapses, zeros, saturated,
        smallest == Double.POSITIVE_INFINITY ? 0.0 : smallest, maxRel);
  }
}
