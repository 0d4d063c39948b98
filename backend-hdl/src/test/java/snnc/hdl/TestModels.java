package snnc.hdl;

/** Model texts that tests of several modules run (this test jar is on their test path). */
public final class TestModels {

  private TestModels() {}

  /**
   * Four host-driven sources onto three neurons through additive pair-rule STDP synapses: the
   * compact single-core board design with STDP, small enough for its weights to be read back
   * after every board run (board co-simulation and {@code snnc deploy}).
   */
  public static final String STDP_BOARD = """
      network stdpboard {
        timestep 1 ms
        population src = SpikeSourceArray(spike_times = [[5 ms, 25 ms, 45 ms], [8 ms, 30 ms],
                                                         [12 ms, 40 ms, 60 ms], [3 ms, 50 ms]]) * 4
        population out = IF_curr_exp(tau_refrac = 2 ms) * 3
        connect src -> out all_to_all
                synapse stdp(tau_plus = 20 ms, tau_minus = 20 ms, a_plus = 0.05, a_minus = 0.06,
                             weights = additive(w_min = 0 nA, w_max = 3 nA))
                weight 1.5 nA delay 1 ms as plastic
        record out.spikes
        run 80 ms
      }
      """;
}
