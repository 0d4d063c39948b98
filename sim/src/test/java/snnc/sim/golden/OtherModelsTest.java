package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import snnc.ir.Network;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.model.CellType;
import snnc.sim.trace.VoltageTrace;

/** IF_cond_exp and Izhikevich: the documented Euler steps and their qualitative behaviour. */
class OtherModelsTest {

  @Test
  void condExpEulerStepAndSteadyState() {
    Network net = new Nets("coba", 0.1, 500)
        .sourceArray("s", new double[] {1.0})
        .population("n", 2, CellType.IF_COND_EXP, "i_offset", new double[] {0.0, 0.5})
        .fromList("e", "s", "n", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {0.01}, new double[] {0.1})
        .record("n", Recording.Variable.V).build();
    VoltageTrace v = Nets.run(net).voltage("n").orElseThrow();
    // The source fires at step 10, the conductance arrives in step 11 and acts in step 12:
    // v ← v + dt·(ge·(e_rev_E − v))/cm with ge = 0.01 µS, v = −65 mV.
    assertEquals(-65.0, v.value(12, 0), 0.0);
    assertEquals(-65.0 + 0.1 * (0.01 * 65.0), v.value(13, 0), 1e-12);
    // Euler has the exact fixed point: v_rest + i_offset·τm/cm = −55 mV.
    assertEquals(-55.0, v.value(4999, 1), 1e-6);
  }

  @Test
  void izhikevichFirstStepAndRegularSpiking() {
    Network net = new Nets("izh", 0.1, 300)
        .population("n", 1, CellType.IZHIKEVICH, "a", 0.02, "b", 0.2, "c", -65.0, "d", 8.0,
            "i_offset", 0.01)
        .record("n", Recording.Variable.V, Recording.Variable.SPIKES).build();
    SimResult r = Nets.run(net);
    VoltageTrace v = r.voltage("n").orElseThrow();
    double v0 = -70.0;
    double u0 = -14.0;
    assertEquals(v0, v.value(0, 0), 0.0);
    assertEquals(v0 + 0.1 * (0.04 * v0 * v0 + 5 * v0 + 140 - u0 + 10.0), v.value(1, 0), 1e-12);
    long[] s = Nets.spikeSteps(r, "n", 0);
    assertTrue(s.length >= 5 && s.length <= 10, s.length + " spikes");
    for (long step : s) {
      assertEquals(-65.0, v.value(step + 1, 0), 0.0, "reset to c after the spike at " + step);
    }
    long lastIsi = s[s.length - 1] - s[s.length - 2];
    long prevIsi = s[s.length - 2] - s[s.length - 3];
    assertTrue(Math.abs(lastIsi - prevIsi) <= 2, "regular: " + prevIsi + ", " + lastIsi);
    assertTrue(lastIsi * 0.1 > 30 && lastIsi * 0.1 < 60, "ISI " + lastIsi * 0.1 + " ms");
  }
}
