package snnc.sim.golden;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import snnc.diag.Span;
import snnc.ir.Connector;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.ProjectionId;
import snnc.ir.Receptor;
import snnc.ir.Recording;
import snnc.ir.SynapseDynamics;
import snnc.ir.ValueSpec;
import snnc.ir.model.CellType;

/** Builds small IR networks for tests, the way the frontend would lower them. */
final class Nets {

  static final Span SPAN = Span.generated("test");

  private final String name;
  private final double dt;
  private final double runMs;
  private final List<Population> populations = new ArrayList<>();
  private final List<Projection> projections = new ArrayList<>();
  private final List<Recording> recordings = new ArrayList<>();

  Nets(String name, double dt, double runMs) {
    this.name = name;
    this.dt = dt;
    this.runMs = runMs;
  }

  /** A population with every default filled in and {@code overrides} (name, value, …) applied. */
  Nets population(String popName, int size, CellType type, Object... overrides) {
    Map<String, ParamValue> params = new LinkedHashMap<>();
    type.params().forEach(p -> {
      if (!p.name().equals("spike_times") && !p.defaultFrom().isPresent()) {
        params.put(p.name(), new ParamValue.Constant(p.defaultValue()));
      }
    });
    for (int k = 0; k < overrides.length; k += 2) {
      String key = (String) overrides[k];
      Object value = overrides[k + 1];
      if (value instanceof double[] perNeuron) {
        params.put(key, new ParamValue.PerNeuron(Doubles.of(perNeuron)));
      } else {
        params.put(key, new ParamValue.Constant(((Number) value).doubleValue()));
      }
    }
    if (type.param("v").isPresent() && !params.containsKey("v")) {
      params.put("v", params.get("v_rest"));
    }
    populations.add(new Population(new PopulationId(popName), size, type, params, Map.of(), SPAN));
    return this;
  }

  /** A spike source array; one list of times (ms) per neuron. */
  Nets sourceArray(String popName, double[]... timesPerNeuron) {
    List<Doubles> times = new ArrayList<>();
    for (double[] t : timesPerNeuron) {
      times.add(Doubles.of(t));
    }
    Map<String, ParamValue> params = Map.of("spike_times", new ParamValue.SpikeTimes(times));
    populations.add(new Population(new PopulationId(popName), timesPerNeuron.length,
        CellType.SPIKE_SOURCE_ARRAY, params, Map.of(), SPAN));
    return this;
  }

  /** Explicit synapses (i, j, weight, delay ms). */
  Nets fromList(String projName, String pre, String post, Receptor receptor, int[] i, int[] j,
      double[] w, double[] delayMs) {
    return projection(projName, pre, post, receptor,
        new Connector.FromList(Ints.of(i), Ints.of(j), Optional.of(Doubles.of(w)),
            Optional.of(Doubles.of(delayMs)), "test"),
        new SynapseDynamics.Static(), new ValueSpec.FromConnector(), new ValueSpec.FromConnector());
  }

  Nets projection(String projName, String pre, String post, Receptor receptor, Connector c,
      SynapseDynamics dynamics, ValueSpec weight, ValueSpec delay) {
    projections.add(new Projection(new ProjectionId(projName), new PopulationId(pre),
        new PopulationId(post), c, dynamics, receptor, weight, delay, 42L,
        Projection.Spans.all(SPAN)));
    return this;
  }

  Nets record(String pop, Recording.Variable... vars) {
    recordings.add(new Recording(new PopulationId(pop), EnumSet.of(vars[0], vars), Optional.empty(),
        SPAN));
    return this;
  }

  Network build() {
    return new Network(name, dt, runMs, populations, projections, recordings, Optional.empty(),
        SPAN);
  }

  static SimResult run(Network net) {
    return new GoldenSimulator(SimOptions.defaults().withRecordAllSpikes(true)).run(net);
  }

  static SimResult run(Network net, int threads) {
    return new GoldenSimulator(SimOptions.defaults().withRecordAllSpikes(true)
        .withThreads(threads)).run(net);
  }

  /** The steps at which neuron {@code index} of {@code pop} spiked. */
  static long[] spikeSteps(SimResult r, String pop, int index) {
    return r.spikes().of(pop).stream().filter(s -> s.index() == index)
        .mapToLong(s -> s.step()).toArray();
  }
}
