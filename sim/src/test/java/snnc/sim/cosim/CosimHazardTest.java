package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.numerics.NumericsProfile;

/**
 * Consecutive synapses that add into the same delay-ring entry: the pipelined core's delivery
 * reads an entry before the two synapses ahead of it have written it, so it must forward their
 * values. Each neuron fires only if every weight arrives (the sum of all of them crosses the
 * threshold, one fewer does not), and an inhibitory synapse to the same neuron and slot must not
 * pick up the excitatory entry.
 */
class CosimHazardTest {

  /**
   * Rows are grouped by target neuron. Source 0's row onto neuron 0 hits ring entries A, B, A, A
   * (delays 1, 2, 1, 1 ms): the third synapse needs the write two ahead, the fourth the one just
   * ahead; its inhibitory synapse onto neuron 0 shares the address of A in the other ring. Source
   * 1's synapses onto neuron 1 hit one entry three times in a row.
   */
  static final String NET = """
      network hazards {
        timestep 1 ms
        population src = SpikeSourceArray(spike_times = [[5 ms], [5 ms]]) * 2
        population out = IF_curr_exp(tau_m = 20 ms, tau_syn_E = 5 ms, tau_syn_I = 5 ms,
                                     v_thresh = -50 mV, v_rest = -65 mV, v_reset = -65 mV) * 2
        connect src -> out from_list [(0, 0, 1.5 nA, 1 ms), (0, 0, 1.5 nA, 2 ms),
                                      (0, 0, 1.5 nA, 1 ms), (0, 0, 1.5 nA, 1 ms),
                                      (1, 1, 2 nA, 1 ms), (1, 1, 2 nA, 1 ms),
                                      (1, 1, 2 nA, 1 ms)]
        connect src -> out from_list [(0, 0)] receptor inhibitory weight -0.5 nA delay 1 ms
        record out.spikes
        run 30 ms
      }
      """;

  @TestFactory
  Stream<DynamicTest> sameEntryTwiceInARow() {
    List<DynamicTest> tests = new ArrayList<>();
    for (CoreTemplate template : CoreTemplate.values()) {
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        tests.add(DynamicTest.dynamicTest(template.label() + "/" + profile.name(),
            () -> check(profile, template)));
      }
    }
    return tests.stream();
  }

  private static void check(NumericsProfile profile, CoreTemplate template) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Cosim.Result r = new Cosim(profile, CosimSupport.CACHE, false, template)
        .run(CosimSupport.source("hazards", NET));
    assertTrue(r.exact(), template.label() + "/" + profile + ": " + r.mismatch().orElse(null));
    assertEquals(2, r.golden().size(), "both neurons fire once, and only with every weight");
  }
}
