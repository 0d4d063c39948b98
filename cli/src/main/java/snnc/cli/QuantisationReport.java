package snnc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import snnc.ir.numerics.Quantisation;

/**
 * {@code quantisation.json} of a fixed-point run: the profile, the weight shift chosen for every
 * (population, receptor), per projection the weights that became zero or saturated and the largest
 * relative weight error, how the spike count changed against float mode, and how often an
 * addition into a delay-ring entry saturated during the run.
 */
final class QuantisationReport {

  private final Quantisation quantisation;
  private final long fixedSpikes;
  private final long floatSpikes;
  private final long ringSaturations;

  QuantisationReport(Quantisation quantisation, long fixedSpikes, long floatSpikes,
      long ringSaturations) {
    this.quantisation = quantisation;
    this.fixedSpikes = fixedSpikes;
    this.floatSpikes = floatSpikes;
    this.ringSaturations = ringSaturations;
  }

  byte[] json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("profile", quantisation.profile().name());
    List<Map<String, Object>> shifts = new ArrayList<>();
    for (Map.Entry<Quantisation.ShiftKey, Quantisation.Shift> e :
        new java.util.TreeMap<>(quantisation.shifts()).entrySet()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("population", e.getKey().post().name());
      s.put("receptor", e.getKey().receptor().pynnName());
      s.put("shift", e.getValue().shift());
      s.put("format", e.getValue().format().toString());
      s.put("max_weight", e.getValue().maxWeight());
      s.put("smallest_weight", e.getValue().smallestWeight());
      shifts.add(s);
    }
    root.put("shifts", shifts);
    List<Map<String, Object>> projections = new ArrayList<>();
    for (Quantisation.ProjectionReport r : quantisation.projections()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("projection", r.projection().name());
      p.put("synapses", r.synapses());
      p.put("zero_weights", r.zeroWeights());
      p.put("saturated_weights", r.saturatedWeights());
      p.put("smallest_weight", r.smallestWeight());
      p.put("max_relative_error", r.maxRelativeError());
      projections.add(p);
    }
    root.put("projections", projections);
    root.put("max_relative_error", quantisation.maxRelativeError());
    Map<String, Object> spikes = new LinkedHashMap<>();
    spikes.put("fixed", fixedSpikes);
    spikes.put("float", floatSpikes);
    spikes.put("change", fixedSpikes - floatSpikes);
    root.put("spikes", spikes);
    // Additions into a delay-ring entry that hit the ring's limit during the run: input lost.
    root.put("ring_saturations", ringSaturations);
    try {
      String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(root);
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("quantisation report is not serialisable", e);
    }
  }

  /** One line for the terminal. */
  String summaryLine() {
    long zero = quantisation.projections().stream()
        .mapToLong(Quantisation.ProjectionReport::zeroWeights).sum();
    long saturated = quantisation.projections().stream()
        .mapToLong(Quantisation.ProjectionReport::saturatedWeights).sum();
    return String.format(Locale.ROOT, "quantisation (%s): %d weight shift%s, max relative weight "
            + "error %.3g %%, %d weight%s rounded to zero, %d saturated; spikes fixed %d vs float "
            + "%d (%+d)", quantisation.profile().name(), quantisation.shifts().size(),
        quantisation.shifts().size() == 1 ? "" : "s", 100 * quantisation.maxRelativeError(), zero,
        zero == 1 ? "" : "s", saturated, fixedSpikes, floatSpikes, fixedSpikes - floatSpikes);
  }
}
