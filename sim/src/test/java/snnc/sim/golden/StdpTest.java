package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import snnc.ir.Connector;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ProjectionId;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.SynapseDynamics;
import snnc.ir.ValueSpec;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.model.CellType;
import snnc.sim.trace.VoltageTrace;

/** One plastic synapse, one pre spike and one post spike (forced by a strong static input). */
class StdpTest {

  static final double TAU_PLUS = 16.8;
  static final double TAU_MINUS = 33.7;
  static final double A_PLUS = 0.01;
  static final double A_MINUS = 0.012;
  static final double W0 = 0.5;
  static final double W_MAX = 1.0;

  record Outcome(SimResult result, long arrival, long post, double weight) {}

  static Outcome pair(double preMs, double driveMs, boolean multiplicative) {
    SynapseDynamics.WeightDependence wd = multiplicative
        ? new SynapseDynamics.Multiplicative(0.0, W_MAX)
        : new SynapseDynamics.Additive(0.0, W_MAX);
    SynapseDynamics stdp = new SynapseDynamics.Stdp(
        new SynapseDynamics.PairRule(TAU_PLUS, TAU_MINUS, A_PLUS, A_MINUS), wd);
    Network net = new Nets("stdp", 1.0, 80)
        .sourceArray("pre", new double[] {preMs})
        .sourceArray("drive", new double[] {driveMs})
        .population("post", 1, CellType.IF_CURR_DELTA)
        .fromList("force", "drive", "post", Receptor.EXCITATORY, new int[] {0}, new int[] {0},
            new double[] {30.0}, new double[] {1.0})
        .projection("plastic", "pre", "post", Receptor.EXCITATORY,
            new Connector.FromList(Ints.of(0), Ints.of(0), Optional.empty(), Optional.empty(),
                "test"), stdp, new ValueSpec.Constant(W0), new ValueSpec.Constant(1.0))
        .record("post", Recording.Variable.V).build();
    SimResult r = Nets.run(net);
    long[] post = Nets.spikeSteps(r, "post", 0);
    assertEquals(1, post.length, "the forced post neuron spikes once");
    SynapseBlock w = r.finalWeights().get(new ProjectionId("plastic"));
    assertEquals(1, w.size());
    return new Outcome(r, Math.round(preMs) + 1, post[0], w.weight()[0]);
  }

  @Test
  void additivePotentiationPreBeforePost() {
    Outcome o = pair(10, 20, false);
    double dt = o.post - o.arrival;
    assertEquals(11, o.post - o.arrival, 3, "pre arrives well before the post spike");
    assertEquals(W0 + A_PLUS * W_MAX * Math.exp(-dt / TAU_PLUS), o.weight, 1e-15);
  }

  @Test
  void additiveDepressionPostBeforePreAndTheDepressedWeightIsDelivered() {
    Outcome o = pair(30, 10, false);
    double dt = o.arrival - o.post;
    double expected = W0 - A_MINUS * W_MAX * Math.exp(-dt / TAU_MINUS);
    assertEquals(expected, o.weight, 1e-15);
    // The arrival step integrates the leak, then adds the (depressed) weight.
    VoltageTrace v = o.result.voltage("post").orElseThrow();
    double pm = Math.exp(-1.0 / 20.0);
    double leaked = -65.0 + (v.value(o.arrival, 0) + 65.0) * pm;
    assertEquals(expected, v.value(o.arrival + 1, 0) - leaked, 1e-12);
  }

  @Test
  void multiplicativeRuleScalesWithDistanceToTheBounds() {
    Outcome up = pair(10, 20, true);
    assertEquals(W0 + A_PLUS * (W_MAX - W0) * Math.exp(-(up.post - up.arrival) / TAU_PLUS),
        up.weight, 1e-15);
    Outcome down = pair(30, 10, true);
    assertEquals(W0 - A_MINUS * (W0 - 0.0) * Math.exp(-(down.arrival - down.post) / TAU_MINUS),
        down.weight, 1e-15);
  }

  @Test
  void arrivalInTheStepOfThePostSpikeCountsAsPreBeforePost() {
    Outcome probe = pair(10, 20, false);
    long postStep = probe.post;
    Outcome o = pair(postStep - 1, 20, false);
    assertEquals(o.post, o.arrival);
    assertEquals(W0 + A_PLUS * W_MAX, o.weight, 1e-15);
  }
}
