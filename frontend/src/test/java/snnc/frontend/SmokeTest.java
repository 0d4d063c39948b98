package snnc.frontend;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void sketch() {
    Compilation c = Compilation.text("""
        let tau = 20 ms
        cell exc_cell = IF_curr_exp(tau_m = tau, v_thresh = -50 mV)
        network brunel {
          timestep 0.1 ms
          seed 1234
          let n = 100
          let w = 0.1 nA * 2
          population exc = exc_cell(tau_m = 10 ms) * 800
          population inh = exc_cell * 200
          population ext = SpikeSourcePoisson(rate = 10 Hz, start = 0 ms) * n
          population stim = SpikeSourceArray(spike_times = [10 ms, 60 ms]) * 3
          population stim2 = SpikeSourceArray(spike_times = [[1 ms, 2 ms], [3 ms]]) * 2
          population stage[10] = IF_curr_exp(tau_m = 20 ms) * n
          population het = IF_curr_exp(v_thresh = normal(-50 mV, 1 mV) seed 3, tau_m = [10 ms, 20 ms, 30 ms]) * 3
          population img = SpikeSourcePoisson(rate = 5 Hz) * 784
          population feat = IF_curr_exp * 676
          connect ext -> exc fixed_probability(0.1) weight 0.1 nA delay 1.5 ms
          connect exc -> inh all_to_all(allow_self = false) weight uniform(0.05 nA, 0.15 nA)
                  delay normal_clipped(2 ms, 0.5 ms, 1 ms, 5 ms) seed 42 as e2i
          connect inh -> exc fixed_number_pre(20) receptor inhibitory weight -0.5 nA delay 1 ms
          connect exc -> exc fixed_number_post(5, allow_self = false, with_replacement = true) weight 0.1 nA delay 1 ms
          connect stim2 -> het one_to_one weight [1 nA, 2 nA] delay 1 ms
          connect stim -> het from_list [(0, 1, 0.5 nA, 1 ms), (1, 0, 0.3 nA, 2 ms)]
          connect img -> feat convolution(in = (28, 28), out = (26, 26), kernel = [[0.1 nA, 0.2 nA, 0.1 nA], [0.1 nA, 0.2 nA, 0.1 nA], [0.1 nA, 0.2 nA, 0.1 nA]], stride = (1, 1), padding = (0, 0)) delay 1 ms
          connect exc -> het all_to_all synapse stdp(tau_plus = 20 ms, tau_minus = 20 ms, a_plus = 0.01, a_minus = 0.012,
                  weights = additive(w_min = 0 nA, w_max = 1 nA)) weight 0.5 nA delay 1 ms
          for i in 0 .. 8 {
            connect stage[i] -> stage[i + 1] fixed_number_pre(20) weight 0.5 nA delay uniform(1 ms, 5 ms) seed 7 + i
          }
          record stage[*].spikes
          record exc[0 .. 99].v, inh.spikes
          record exc.{spikes, v}
          run 1000 ms
          target spinn5 {
            neurons_per_core 128
            neurons_per_core exc 64
            numerics s16.15
            pin stim -> (0, 0)
          }
        }
        """);
    System.out.println(c.rendered());
    System.out.println(c.network());
    c.ok();
  }
}
