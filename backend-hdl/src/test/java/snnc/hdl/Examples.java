package snnc.hdl;

import java.nio.file.Path;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;

/** The repository's example models, compiled by the frontend. */
final class Examples {

  private Examples() {}

  /**
   * A small network using every feature of the core: Poisson sources (two runs of different
   * rates) generated on chip, a host-driven spike array, both neuron models, both receptors and
   * two STDP projections onto one population.
   */
  static final String PLASTIC = """
      network plastic {
        timestep 1 ms
        population noise = SpikeSourcePoisson(rate = [20 Hz, 20 Hz, 50 Hz]) * 3
        population cue = SpikeSourceArray(spike_times = [[5 ms, 30 ms], [12 ms]]) * 2
        population exc = IF_curr_exp(tau_m = 20 ms, v_thresh = -55 mV, tau_refrac = 2 ms) * 4
        population gate = IF_curr_delta(v_thresh = -60 mV) * 2
        connect noise -> exc all_to_all weight 1.5 nA delay 2 ms
            synapse stdp(tau_plus = 20 ms, tau_minus = 30 ms, a_plus = 0.05, a_minus = 0.06,
                         weights = additive(w_min = 0 nA, w_max = 3 nA))
        connect cue -> exc all_to_all weight 1 nA delay 1 ms
            synapse stdp(tau_plus = 10 ms, tau_minus = 30 ms, a_plus = 0.02, a_minus = 0.02,
                         weights = additive(w_min = 0 nA, w_max = 2 nA))
        connect exc -> gate all_to_all weight 4 mV delay 3 ms
        connect gate -> exc all_to_all weight -1 nA delay 1 ms receptor inhibitory
        run 60 ms
      }
      """;

  static Network plastic() {
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileText("plastic.snn", PLASTIC)
        .orElseThrow(() -> new AssertionError("plastic does not compile: " + sink.all()));
  }

  static Network compile(String example) {
    if (example.equals("plastic")) {
      return plastic();
    }
    Path file = RepositoryRoot.examples().resolve(example + ".snn");
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new AssertionError(example + ".snn does not compile: " + sink.all()));
  }
}
