package snnc.sim.golden;

import java.util.List;
import java.util.TreeSet;
import snnc.ir.Doubles;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.Projection;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.SynapseDynamics;
import snnc.ir.expand.ParamValues;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.model.CellType;

/**
 * Writes a network as the explicit JSON that bench/reference/brian2_run.py reads: per-neuron
 * parameters, every synapse (from the shared expander) and spike-source steps. Supported:
 * IF_curr_exp, IF_cond_exp, SpikeSourceArray, SpikeSourcePoisson (its rate, start and duration;
 * Brian2 draws its own spikes, so only statistics compare) and static synapses.
 */
final class Brian2Json {

  private static final List<String> PARAMS = List.of("cm", "tau_m", "tau_refrac", "tau_syn_E",
      "tau_syn_I", "i_offset", "v_rest", "v_reset", "v_thresh", "isyn_exc", "isyn_inh");

  private static final List<String> COND_PARAMS = List.of("cm", "tau_m", "tau_refrac",
      "tau_syn_E", "tau_syn_I", "i_offset", "v_rest", "v_reset", "v_thresh", "e_rev_E", "e_rev_I",
      "gsyn_exc", "gsyn_inh");

  private static final List<String> POISSON_PARAMS = List.of("rate", "start", "duration");

  private Brian2Json() {}

  /** The network with every population's spikes recorded. */
  static String export(Network net) {
    return export(net, false);
  }

  /**
   * The network; {@code asRecorded} records spikes only of the populations whose spikes the
   * network records, otherwise of all.
   */
  static String export(Network net, boolean asRecorded) {
    double dt = net.timestepMs();
    long steps = net.steps();
    StringBuilder s = new StringBuilder();
    s.append("{\n  \"name\": ").append(quote(net.name())).append(",\n");
    s.append("  \"dt_ms\": ").append(dt).append(",\n");
    s.append("  \"steps\": ").append(steps).append(",\n");
    s.append("  \"populations\": [");
    String sep = "\n";
    StringBuilder names = new StringBuilder();
    for (Population p : net.populations()) {
      s.append(sep).append("    {\"name\": ").append(quote(p.name()))
          .append(", \"type\": ").append(quote(p.cellType().pynnName()))
          .append(", \"size\": ").append(p.size());
      if (p.cellType() == CellType.SPIKE_SOURCE_ARRAY) {
        s.append(",\n      \"spike_steps\": [");
        ParamValue.SpikeTimes times = (ParamValue.SpikeTimes) p.param("spike_times");
        for (int i = 0; i < p.size(); i++) {
          Doubles t = times.of(i);
          TreeSet<Long> set = new TreeSet<>();
          for (int k = 0; k < t.size(); k++) {
            long n = Steps.spikeStep(t.get(k), dt);
            if (n >= 0 && n < steps) {
              set.add(n);
            }
          }
          s.append(i == 0 ? "" : ", ").append(set.toString().replace(" ", ""));
        }
        s.append("]}");
      } else if (p.cellType() == CellType.SPIKE_SOURCE_POISSON) {
        s.append(",\n      \"params\": {");
        String psep = "\n";
        for (String name : POISSON_PARAMS) {
          s.append(psep).append("        ").append(quote(name)).append(": ")
              .append(array(ParamValues.orDefault(p, name)));
          psep = ",\n";
        }
        s.append("}}");
      } else if (p.cellType() == CellType.IF_CURR_EXP
          || p.cellType() == CellType.IF_COND_EXP) {
        s.append(",\n      \"params\": {");
        String psep = "\n";
        for (String name : p.cellType() == CellType.IF_CURR_EXP ? PARAMS : COND_PARAMS) {
          s.append(psep).append("        ").append(quote(name)).append(": ")
              .append(array(ParamValues.orDefault(p, name)));
          psep = ",\n";
        }
        s.append(",\n        \"v\": ").append(array(ParamValues.initialV(p)));
        s.append("}}");
      } else {
        throw new IllegalArgumentException("the Brian2 reference covers IF_curr_exp, "
            + "IF_cond_exp, SpikeSourceArray and SpikeSourcePoisson, not "
            + p.cellType().pynnName());
      }
      boolean recorded = !asRecorded || net.recordings().stream().anyMatch(r ->
          r.population().equals(p.id()) && r.variables().contains(Recording.Variable.SPIKES));
      if (recorded) {
        names.append(names.length() == 0 ? "" : ", ").append(quote(p.name()));
      }
      sep = ",\n";
    }
    s.append("\n  ],\n  \"projections\": [");
    sep = "\n";
    for (Projection pr : net.projections()) {
      if (!(pr.synapse() instanceof SynapseDynamics.Static)) {
        throw new IllegalArgumentException("the Brian2 reference covers static synapses only");
      }
      int nPost = net.population(pr.post()).orElseThrow().size();
      SynapseBlock b = SynapseExpander.shared().expand(net, pr, 0, nPost);
      int[] delays = b.delaySteps().clone();
      for (int k = 0; k < delays.length; k++) {
        delays[k] = Math.max(1, delays[k]);
      }
      s.append(sep).append("    {\"name\": ").append(quote(pr.name()))
          .append(", \"pre\": ").append(quote(pr.pre().name()))
          .append(", \"post\": ").append(quote(pr.post().name()))
          .append(", \"receptor\": ")
          .append(quote(pr.receptor() == Receptor.INHIBITORY ? "inhibitory" : "excitatory"))
          .append(",\n      \"pre_index\": ").append(array(b.pre()))
          .append(",\n      \"post_index\": ").append(array(b.post()))
          .append(",\n      \"weight\": ").append(array(b.weight()))
          .append(",\n      \"delay_steps\": ").append(array(delays)).append("}");
      sep = ",\n";
    }
    s.append("\n  ],\n  \"record_spikes\": [").append(names).append("]\n}\n");
    return s.toString();
  }

  private static String array(double[] values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("non-finite value " + values[i]);
      }
      s.append(i == 0 ? "" : ", ").append(Double.toString(values[i]));
    }
    return s.append(']').toString();
  }

  private static String array(int[] values) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return s.append(']').toString();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
