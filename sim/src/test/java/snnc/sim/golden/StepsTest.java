package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import snnc.ir.Network;
import snnc.ir.Recording;

class StepsTest {

  @Test
  void delaysRoundHalfToEvenAndAreAtLeastOneStep() {
    assertEquals(2, Steps.delaySteps(1.5, 1.0));
    assertEquals(2, Steps.delaySteps(2.5, 1.0));
    assertEquals(4, Steps.delaySteps(3.5, 1.0));
    assertEquals(2, Steps.delaySteps(0.15, 0.1), "a decimal tie, although 0.15/0.1 < 1.5 in binary");
    assertEquals(2, Steps.delaySteps(0.25, 0.1));
    assertEquals(1, Steps.delaySteps(0.3, 1.0), "below one step is one step");
    assertEquals(64, Steps.delaySteps(6.4, 0.1));
  }

  @Test
  void refractoryStepsFollowBrian2() {
    assertEquals(5, Steps.refractorySteps(5.0, 1.0));
    assertEquals(0, Steps.refractorySteps(0.1, 1.0));
    assertEquals(1, Steps.refractorySteps(0.1, 0.1));
    assertEquals(3, Steps.refractorySteps(0.3, 0.1), "0.3/0.1 is 2.9999… in binary; +0.001·dt");
    assertEquals(3, Steps.refractorySteps(2.9995, 1.0));
    assertEquals(2, Steps.refractorySteps(2.998, 1.0));
  }

  @Test
  void spikeSourceTimesRoundToStepsAndMergeWithinAStep() {
    Network net = new Nets("src", 1.0, 10)
        .sourceArray("s", new double[] {1.5, 2.0, 2.5, 7.2, 9.6, 1000.0}, new double[] {0.5})
        .record("s", Recording.Variable.SPIKES).build();
    SimResult r = Nets.run(net);
    assertArrayEquals(new long[] {2, 7}, Nets.spikeSteps(r, "s", 0),
        "1.5, 2.0 and 2.5 are all step 2; 9.6 is step 10 and 1000 are past the run");
    assertArrayEquals(new long[] {0}, Nets.spikeSteps(r, "s", 1), "0.5 rounds to even: step 0");
  }
}
