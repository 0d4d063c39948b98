package snnc.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import snnc.diag.Span;
import snnc.ir.model.CellType;
import snnc.ir.model.ParamSpec;

/** Builds IR networks directly from records for tests, with defaults filled in like the frontend. */
public final class TestNetworks {

  public static final String FILE = "models/test.snn";

  private String name = "test";
  private double timestepMs = 1.0;
  private double runMs = 100.0;
  private final List<Population> populations = new ArrayList<>();
  private final List<Projection> projections = new ArrayList<>();
  private final List<Recording> recordings = new ArrayList<>();
  private Optional<TargetHints> target = Optional.empty();

  public static TestNetworks network() {
    return new TestNetworks();
  }

  public static Span at(int line, int column) {
    return Span.at(FILE, line, column);
  }

  public TestNetworks name(String n) {
    name = n;
    return this;
  }

  public TestNetworks timestep(double ms) {
    timestepMs = ms;
    return this;
  }

  public TestNetworks run(double ms) {
    runMs = ms;
    return this;
  }

  public TestNetworks add(Population p) {
    populations.add(p);
    return this;
  }

  public TestNetworks add(Projection p) {
    projections.add(p);
    return this;
  }

  public TestNetworks add(Recording r) {
    recordings.add(r);
    return this;
  }

  public TestNetworks target(TargetHints t) {
    target = Optional.of(t);
    return this;
  }

  /** Adds a population with default parameters at {@code line:1}. */
  public TestNetworks population(String name, int size, CellType type, int line) {
    return add(population(name, size, type, at(line, 1)));
  }

  /** Adds a static excitatory projection at {@code line:1} (all its spans on that line). */
  public TestNetworks connect(String pre, String post, Connector c, ValueSpec weight,
      ValueSpec delay, long seed, int line) {
    return add(projection(pre, post, c, weight, delay, seed, line));
  }

  public Network build() {
    return new Network(name, timestepMs, runMs, populations, projections, recordings, target,
        at(1, 1));
  }

  /**
   * A population with PyNN defaults; {@code overrides} are (name, value, span) triples where value
   * is a {@link ParamValue} or a Double, and span may be null.
   */
  public static Population population(String name, int size, CellType type, Span span,
      Object... overrides) {
    Map<String, ParamValue> params = new LinkedHashMap<>();
    for (ParamSpec spec : type.params()) {
      if (spec.name().equals("spike_times")) {
        params.put(spec.name(), new ParamValue.SpikeTimes(List.of(Doubles.of())));
      } else if (spec.defaultFrom().isEmpty()) {
        params.put(spec.name(), new ParamValue.Constant(spec.defaultValue()));
      }
    }
    for (ParamSpec spec : type.params()) {
      spec.defaultFrom().ifPresent(from -> params.put(spec.name(), params.get(from)));
    }
    Map<String, Span> spans = new LinkedHashMap<>();
    for (int k = 0; k + 2 < overrides.length + 1; k += 3) {
      String param = (String) overrides[k];
      Object v = overrides[k + 1];
      params.put(param, v instanceof Double d ? new ParamValue.Constant(d) : (ParamValue) v);
      if (overrides[k + 2] != null) {
        spans.put(param, (Span) overrides[k + 2]);
      }
    }
    return new Population(new PopulationId(name), size, type, params, spans, span);
  }

  public static Projection projection(String pre, String post, Connector c, ValueSpec weight,
      ValueSpec delay, long seed, int line) {
    return new Projection(new ProjectionId(pre + "->" + post), new PopulationId(pre),
        new PopulationId(post), c, new SynapseDynamics.Static(), Receptor.EXCITATORY, weight,
        delay, seed, new Projection.Spans(at(line, 1), at(line, 20), at(line, 40), at(line, 60)));
  }

  public static ValueSpec.Constant constant(double v) {
    return new ValueSpec.Constant(v);
  }
}
