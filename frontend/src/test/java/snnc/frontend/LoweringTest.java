package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.Seeds;
import snnc.ir.SynapseDynamics;
import snnc.ir.TargetHints;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;
import snnc.ir.model.ParamSpec;

/** Lowering of each cell type, connector, distribution and synapse form into IR values. */
class LoweringTest {

  private static Network net(String body) {
    return Compilation.body(body).ok();
  }

  private static Population pop(Network n, String name) {
    return n.population(new PopulationId(name)).orElseThrow();
  }

  private static ParamValue.Constant c(double v) {
    return new ParamValue.Constant(v);
  }

  @Test
  void everyCellTypeGetsAllParametersWithDefaults() {
    for (CellType type : CellType.values()) {
      Network n = net("population p = " + type.pynnName() + " * 3");
      Population p = n.populations().get(0);
      assertEquals(type, p.cellType());
      assertEquals(3, p.size());
      for (ParamSpec spec : type.params()) {
        assertTrue(p.params().containsKey(spec.name()), type + " lacks " + spec.name());
      }
      assertEquals(type.params().size(), p.params().size());
    }
  }

  @Test
  void ifCurrExpDefaultsAndVFromVRest() {
    Population p = pop(net("population p = IF_curr_exp(v_rest = -70 mV, tau_m = 10 ms) * 2"), "p");
    assertEquals(c(1.0), p.param("cm"));
    assertEquals(c(10.0), p.param("tau_m"));
    assertEquals(c(0.1), p.param("tau_refrac"));
    assertEquals(c(5.0), p.param("tau_syn_E"));
    assertEquals(c(-65.0), p.param("v_reset"));
    assertEquals(c(-70.0), p.param("v"));
    assertEquals(c(0.0), p.param("isyn_exc"));
    assertEquals(p.spanOf("v_rest"), p.spanOf("v"));
  }

  @Test
  void ifCondExpIzhikevichAndDelta() {
    Population cond = pop(net("population p = IF_cond_exp(e_rev_I = -80 mV, cm = 200 pF)"), "p");
    assertEquals(c(-80.0), cond.param("e_rev_I"));
    assertEquals(c(0.0), cond.param("e_rev_E"));
    assertEquals(c(0.2), cond.param("cm"));
    assertEquals(c(0.0), cond.param("gsyn_exc"));
    Population izh = pop(net("population p = Izhikevich(a = 0.1, d = 8, c = -50 mV)"), "p");
    assertEquals(c(0.1), izh.param("a"));
    assertEquals(c(0.2), izh.param("b"));
    assertEquals(c(-50.0), izh.param("c"));
    assertEquals(c(8.0), izh.param("d"));
    assertEquals(c(-70.0), izh.param("v"));
    assertEquals(c(-14.0), izh.param("u"));
    Population delta = pop(net("population p = IF_curr_delta(v_thresh = -55 mV)"), "p");
    assertEquals(c(-55.0), delta.param("v_thresh"));
    assertEquals(c(-65.0), delta.param("v"));
  }

  @Test
  void spikeSources() {
    Network n = net("population a = SpikeSourceArray(spike_times = [60 ms, 10 ms]) * 3\n"
        + "population b = SpikeSourceArray(spike_times = [[1 ms, 2 ms], [], [0.003 s]]) * 3\n"
        + "population c = SpikeSourceArray\n"
        + "population d = SpikeSourcePoisson(rate = 20 Hz, duration = 1 s)");
    assertEquals(new ParamValue.SpikeTimes(List.of(Doubles.of(10.0, 60.0))),
        pop(n, "a").param("spike_times"));
    assertEquals(new ParamValue.SpikeTimes(List.of(Doubles.of(1.0, 2.0), Doubles.of(),
        Doubles.of(3.0))), pop(n, "b").param("spike_times"));
    assertEquals(new ParamValue.SpikeTimes(List.of(Doubles.of())), pop(n, "c").param("spike_times"));
    assertEquals(c(20.0), pop(n, "d").param("rate"));
    assertEquals(c(1000.0), pop(n, "d").param("duration"));
    assertEquals(c(0.0), pop(n, "d").param("start"));
  }

  @Test
  void perNeuronAndRandomParameters() {
    Network n = Compilation.text("network net {\n  seed 5\n"
        + "  population p = IF_curr_exp(tau_m = [10 ms, 20 ms], v_thresh = normal(-50 mV, 1 mV),\n"
        + "      v_rest = uniform(-66 mV, -64 mV) seed 9, cm = exponential(1 nF)) * 2\n"
        + "  population q = IF_curr_exp(v_rest = normal_clipped(-65 mV, 2 mV, -70 mV, -60 mV))\n"
        + "  run 1 ms\n}\n").ok();
    Population p = pop(n, "p");
    assertEquals(new ParamValue.PerNeuron(Doubles.of(10.0, 20.0)), p.param("tau_m"));
    assertEquals(new ParamValue.Random(new Distribution.Normal(-50.0, 1.0),
        Seeds.derive(5, "p.v_thresh")), p.param("v_thresh"));
    assertEquals(new ParamValue.Random(new Distribution.Uniform(-66.0, -64.0), 9),
        p.param("v_rest"));
    assertEquals(p.param("v_rest"), p.param("v"));
    assertEquals(new ParamValue.Random(new Distribution.Exponential(1.0),
        Seeds.derive(5, "p.cm")), p.param("cm"));
    assertEquals(new ParamValue.Random(new Distribution.NormalClipped(-65.0, 2.0, -70.0, -60.0),
        Seeds.derive(5, "q.v_rest")), pop(n, "q").param("v_rest"));
    // Spans point at the value expressions.
    assertEquals("test.snn:3:38", p.spanOf("tau_m").toString());
  }

  @Test
  void templatesAndOverrides() {
    Network n = Compilation.text("cell base = IF_curr_exp(tau_m = 10 ms, v_thresh = -52 mV)\n"
        + "cell faster = base(tau_m = 5 ms)\n"
        + "network net {\n  population p = faster(v_thresh = -51 mV)\n  run 1 ms\n}\n").ok();
    Population p = n.populations().get(0);
    assertEquals(c(5.0), p.param("tau_m"));
    assertEquals(c(-51.0), p.param("v_thresh"));
    assertEquals(2, p.spanOf("tau_m").line());
  }

  private static Projection proj(String connect) {
    Network n = net("population a = IF_curr_exp * 4\npopulation b = IF_cond_exp * 4\n"
        + "population s = SpikeSourceArray * 4\n" + connect);
    return n.projections().get(0);
  }

  @Test
  void connectors() {
    assertEquals(new Connector.AllToAll(true), proj("connect a -> a all_to_all").connector());
    assertEquals(new Connector.AllToAll(false),
        proj("connect a -> a all_to_all(allow_self_connections = false)").connector());
    assertEquals(new Connector.OneToOne(), proj("connect a -> a one_to_one").connector());
    assertEquals(new Connector.FixedProbability(0.25, true),
        proj("connect a -> a fixed_probability(p = 1 / 4)").connector());
    assertEquals(new Connector.FixedNumberPre(3, false, true),
        proj("connect a -> a fixed_number_pre(3, false, with_replacement = true)").connector());
    assertEquals(new Connector.FixedNumberPost(2, true, false),
        proj("connect a -> a fixed_number_post(n = 2)").connector());
    Projection list = proj("connect s -> b from_list [(0, 1), (3, 2)] weight 4 nS delay 2 ms");
    assertEquals(new Connector.FromList(Ints.of(0, 3), Ints.of(1, 2), Optional.empty(),
        Optional.empty(), list.connector() instanceof Connector.FromList f ? f.origin() : ""),
        list.connector());
    assertEquals(new ValueSpec.Constant(0.004), list.weight());
    Projection full = proj("connect s -> b from_list [(0, 1, 4 nS, 1.5 ms), (1, 1, 0.01 uS, 1 ms)]");
    Connector.FromList f = (Connector.FromList) full.connector();
    assertEquals(Optional.of(Doubles.of(0.004, 0.01)), f.weights());
    assertEquals(Optional.of(Doubles.of(1.5, 1.0)), f.delays());
    assertEquals(new ValueSpec.FromConnector(), full.weight());
    Projection conv = proj("connect s -> a convolution(in = (2, 2), out = 1, "
        + "kernel = [[1 nA, 2 nA], [3 nA, 4 nA]], stride = (2, 1))");
    assertEquals(new Connector.Kernel(2, 2, 1, 1, 2, 2, 2, 1, 0, 0,
        Optional.of(Doubles.of(1, 2, 3, 4))), conv.connector());
    assertEquals(new ValueSpec.FromConnector(), conv.weight());
    Projection shape = proj("connect s -> a convolution(in = (2, 2), out = (2, 2), "
        + "kernel = (3, 3), padding = (1, 1)) weight 1 nA");
    assertEquals(new Connector.Kernel(2, 2, 2, 2, 3, 3, 1, 1, 1, 1, Optional.empty()),
        shape.connector());
    assertEquals(new ValueSpec.Constant(1.0), shape.weight());
  }

  @Test
  void weightsAndDelays() {
    Projection defaults = proj("connect a -> a all_to_all");
    assertEquals(new ValueSpec.Constant(0.0), defaults.weight());
    assertEquals(new ValueSpec.Constant(1.0), defaults.delay());
    assertEquals(defaults.span(), defaults.spans().weight());
    Projection arrays = proj("connect a -> a one_to_one weight [1 nA, 2 nA, 3 nA, 4 nA] "
        + "delay [1 ms, 2 ms, 3 ms, 4 ms]");
    assertEquals(new ValueSpec.Array(Doubles.of(1, 2, 3, 4)), arrays.weight());
    assertEquals(new ValueSpec.Array(Doubles.of(1, 2, 3, 4)), arrays.delay());
    Projection matrix = proj("connect s -> a all_to_all weight [[1 nA, 2 nA], [3 nA, 4 nA]]");
    assertEquals(new ValueSpec.Array(Doubles.of(1, 2, 3, 4)), matrix.weight());
    Projection random = proj("connect a -> b all_to_all weight uniform(1 nS, 2 nS) "
        + "delay exponential(2 ms) seed 11");
    assertEquals(new ValueSpec.Random(new Distribution.Uniform(0.001, 0.002)), random.weight());
    assertEquals(new ValueSpec.Random(new Distribution.Exponential(2.0)), random.delay());
    assertEquals(11, random.seed());
    assertEquals("test.snn:5:34", random.spans().weight().toString());
    assertEquals("test.snn:5:60", random.spans().delay().toString());
    assertEquals("test.snn:5:16", random.spans().connector().toString());
  }

  @Test
  void receptorsAndSynapses() {
    Projection inh = proj("connect a -> a all_to_all receptor inhibitory weight -1 nA");
    assertEquals(Receptor.INHIBITORY, inh.receptor());
    assertEquals(new SynapseDynamics.Static(), inh.synapse());
    assertEquals(new SynapseDynamics.Static(),
        proj("connect a -> a all_to_all synapse static").synapse());
    assertEquals(new SynapseDynamics.Stdp(new SynapseDynamics.PairRule(20, 20, 0.01, 0.01),
        new SynapseDynamics.Additive(0, 1)), proj("connect a -> a all_to_all synapse stdp")
        .synapse());
    assertEquals(new SynapseDynamics.Stdp(new SynapseDynamics.PairRule(10, 30, 0.02, 0.03),
        new SynapseDynamics.Multiplicative(0.0, 0.01)),
        proj("connect a -> b all_to_all synapse stdp(tau_plus = 10 ms, tau_minus = 30 ms, "
            + "A_plus = 0.02, a_minus = 0.03, weights = multiplicative(w_min = 0 nS, "
            + "w_max = 10 nS))").synapse());
  }

  @Test
  void projectionNamesAndSeeds() {
    Network n = Compilation.text("network net {\n  seed 42\n  population a = IF_curr_exp * 2\n"
        + "  connect a -> a one_to_one\n  connect a -> a all_to_all\n"
        + "  connect a -> a all_to_all as labelled\n  connect a -> a all_to_all seed 3\n"
        + "  run 1 ms\n}\n").ok();
    List<Projection> ps = n.projections();
    assertEquals(List.of("a->a", "labelled", "a->a#2", "a->a#3"),
        List.of(ps.get(0).name(), ps.get(2).name(), ps.get(1).name(), ps.get(3).name()));
    assertEquals(Seeds.derive(42, "a->a"), ps.get(0).seed());
    assertEquals(Seeds.derive(42, "a->a#2"), ps.get(1).seed());
    assertEquals(Seeds.derive(42, "labelled"), ps.get(2).seed());
    assertEquals(3, ps.get(3).seed());
  }

  @Test
  void loopsArraysAndNestedLets() {
    Network n = net("let k = 3\npopulation layer[k + 1] = IF_curr_exp * 2\n"
        + "for i in 0 ..< k {\n  let j = i + 1\n  for r in 0 .. 0 {\n"
        + "    connect layer[i] -> layer[j] one_to_one weight (j) nA\n  }\n}");
    assertEquals(4, n.populations().size());
    assertEquals("layer[3]", n.populations().get(3).name());
    assertEquals(3, n.projections().size());
    assertEquals("layer[2]->layer[3]", n.projections().get(2).name());
    assertEquals(new ValueSpec.Constant(3.0), n.projections().get(2).weight());
  }

  @Test
  void recordings() {
    Network n = net("population s[3] = IF_cond_exp * 10\npopulation p = IF_curr_exp * 10\n"
        + "record s[*].spikes, s[1 .. 2][0 ..< 5].{v, gsyn_exc}, p[3].v, p[2 .. 4].spikes, s.gsyn_inh");
    List<Recording> r = n.recordings();
    assertEquals(3 + 2 + 1 + 1 + 3, r.size());
    assertEquals(new PopulationId("s[1]"), r.get(3).population());
    assertEquals(Optional.of(new Recording.Range(0, 5)), r.get(3).slice());
    assertEquals(Set.of(Recording.Variable.V, Recording.Variable.GSYN_EXC), r.get(3).variables());
    assertEquals(Optional.of(new Recording.Range(3, 4)), r.get(5).slice());
    assertEquals(Optional.of(new Recording.Range(2, 5)), r.get(6).slice());
    assertEquals(Set.of(Recording.Variable.GSYN_INH), r.get(9).variables());
  }

  @Test
  void targetHintsTimestepAndRun() {
    Network n = Compilation.text("network net {\n  timestep 100 us\n"
        + "  population s[2] = IF_curr_exp * 10\n  population p = IF_curr_exp\n"
        + "  run 2 s\n  target spinn5 {\n    neurons_per_core 128\n    neurons_per_core s 64\n"
        + "    neurons_per_core p 32\n    numerics \"compact\"\n    pin p -> (1, 2)\n"
        + "    pin s[1] -> (0, 0, 3)\n    pin s[0] -> 5\n  }\n}\n").ok();
    assertEquals(0.1, n.timestepMs());
    assertEquals(2000.0, n.runMs());
    TargetHints t = n.target().orElseThrow();
    assertEquals("spinn5", t.targetName());
    assertEquals(Optional.of("compact"), t.numerics());
    assertEquals(OptionalInt.of(128), t.neuronsPerCore());
    assertEquals(Map.of(new PopulationId("s[0]"), 64, new PopulationId("s[1]"), 64,
        new PopulationId("p"), 32), t.neuronsPerCoreByPopulation());
    assertEquals(List.of(List.of(1, 2), List.of(0, 0, 3), List.of(5)),
        t.pins().stream().map(TargetHints.Pin::coordinates).toList());
  }

  @Test
  void connectionListsMayBeConstants() {
    Network n = net("let conns = [(0, 1, 1 nA, 1 ms), (1, 0, 2 nA, 2 ms)]\n"
        + "population a = IF_curr_exp * 2\nconnect a -> a from_list conns");
    assertEquals(Optional.of(Doubles.of(1, 2)),
        ((Connector.FromList) n.projections().get(0).connector()).weights());
  }
}
