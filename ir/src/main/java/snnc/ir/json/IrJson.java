package snnc.ir.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import snnc.diag.Span;
import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Doubles;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.Projection;
import snnc.ir.Recording;
import snnc.ir.SynapseDynamics;
import snnc.ir.TargetHints;
import snnc.ir.ValueSpec;
import snnc.ir.expand.ExpansionSummary;
import snnc.ir.expand.ProjectionExpansion;
import snnc.ir.io.AtomicFiles;
import snnc.ir.io.Digests;
import snnc.ir.model.ParamSpec;

/**
 * The canonical JSON form of a network ({@code ir.json}, format {@code snnc-ir/1}) for
 * {@code --emit ir}, {@code --dump-after} and golden tests: the same network always gives the same
 * bytes. Keys come in a fixed order (populations, projections and recordings in source order,
 * parameters in the cell type's PyNN order), two-space indentation, LF line endings, a final newline,
 * and doubles in their shortest round-tripping form (Jackson's Schubfach writer, so the text does not
 * depend on the JDK). Connectors are not expanded; with an {@link ExpansionSummary} every projection
 * carries its synapse count and digest. Spans appear as {@code "at": "<file base name>:line:col"}.
 *
 * <p>Lists longer than {@value #INLINE_LIMIT} entries are written as {@code {"count": n, "sha256":
 * hex}} where the hash is over little-endian bytes: float64 bits per value for value lists; for
 * spike times, per neuron list an int32 count then its float64 times; for from_list, per entry int32
 * pre, int32 post, then float64 weight and float64 delay when those columns exist.
 */
public final class IrJson {

  public static final String FORMAT = "snnc-ir/1";
  /** Longest list written out in full. */
  public static final int INLINE_LIMIT = 64;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter WRITER = writer();

  private IrJson() {}

  private static ObjectWriter writer() {
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withSeparators(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return new ObjectMapper(factory).writer(printer);
  }

  /** The canonical JSON of {@code network} without expansion data. */
  public static String toJson(Network network) {
    return toJson(network, null);
  }

  /**
   * The canonical JSON of {@code network}; {@code expansion} (may be null) adds an
   * {@code "expansion"} object to each projection it covers.
   */
  public static String toJson(Network network, ExpansionSummary expansion) {
    try {
      return WRITER.writeValueAsString(tree(network, expansion)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print the IR as JSON", e);
    }
  }

  /**
   * Prints a pass result ({@link Network} or {@link ExpansionSummary}), for
   * {@link snnc.ir.pass.PassManager}'s dump hook.
   */
  public static String print(Object ir) {
    if (ir instanceof Network n) {
      return toJson(n);
    } else if (ir instanceof ExpansionSummary s) {
      return toJson(s.network(), s);
    }
    throw new IllegalArgumentException("no JSON form for " + ir.getClass().getName());
  }

  /**
   * Writes the canonical JSON to {@code file} atomically: to a temporary file in the same directory,
   * flushed to disk, then moved into place, so readers never see a half-written file.
   */
  public static void write(Network network, ExpansionSummary expansion, Path file)
      throws IOException {
    AtomicFiles.writeString(file, toJson(network, expansion));
  }


  // ---- tree ----

  static ObjectNode tree(Network network, ExpansionSummary expansion) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("network", network.name());
    at(root, network.span());
    root.put("timestep_ms", network.timestepMs());
    root.put("run_ms", network.runMs());
    ArrayNode pops = root.putArray("populations");
    for (Population p : network.populations()) {
      pops.add(population(p));
    }
    ArrayNode projs = root.putArray("projections");
    for (Projection pr : network.projections()) {
      ObjectNode node = projection(network, pr);
      if (expansion != null) {
        expansion.of(pr.id()).ifPresent(e -> node.set("expansion", expansion(e)));
      }
      projs.add(node);
    }
    ArrayNode recs = root.putArray("recordings");
    for (Recording r : network.recordings()) {
      recs.add(recording(r));
    }
    network.target().ifPresent(t -> root.set("target", target(t)));
    return root;
  }

  private static ObjectNode population(Population p) {
    ObjectNode node = NODES.objectNode();
    node.put("name", p.name());
    node.put("size", p.size());
    node.put("cell_type", p.cellType().pynnName());
    at(node, p.span());
    ObjectNode params = node.putObject("params");
    Set<String> rest = new TreeSet<>(p.params().keySet());
    for (ParamSpec spec : p.cellType().params()) {
      ParamValue v = p.params().get(spec.name());
      if (v != null) {
        rest.remove(spec.name());
        params.set(spec.name(), param(v, spec.unit().symbol(), p.paramSpans().get(spec.name())));
      }
    }
    for (String name : rest) {
      params.set(name, param(p.params().get(name), null, p.paramSpans().get(name)));
    }
    return node;
  }

  private static ObjectNode param(ParamValue v, String unit, Span span) {
    ObjectNode node = NODES.objectNode();
    if (v instanceof ParamValue.Constant c) {
      node.put("value", c.value());
    } else if (v instanceof ParamValue.PerNeuron list) {
      node.set("per_neuron", doubles(list.values()));
    } else if (v instanceof ParamValue.Random r) {
      node.set("random", distribution(r.distribution()));
      node.put("seed", r.seed());
    } else if (v instanceof ParamValue.SpikeTimes t) {
      node.set("spike_times", spikeTimes(t));
    }
    if (unit != null) {
      node.put("unit", unit);
    }
    if (span != null) {
      at(node, span);
    }
    return node;
  }

  private static ObjectNode spikeTimes(ParamValue.SpikeTimes t) {
    ObjectNode node = NODES.objectNode();
    node.put("shared", t.perNeuron().size() == 1);
    long total = 0;
    for (Doubles d : t.perNeuron()) {
      total += d.size();
    }
    if (total + t.perNeuron().size() <= INLINE_LIMIT) {
      ArrayNode lists = node.putArray("lists");
      for (Doubles d : t.perNeuron()) {
        ArrayNode a = lists.addArray();
        for (int k = 0; k < d.size(); k++) {
          a.add(d.get(k));
        }
      }
      return node;
    }
    MessageDigest sha = Digests.sha256();
    for (Doubles d : t.perNeuron()) {
      ByteBuffer b = ByteBuffer.allocate(4 + 8 * d.size()).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(d.size());
      for (int k = 0; k < d.size(); k++) {
        b.putLong(Double.doubleToLongBits(d.get(k)));
      }
      sha.update(b.array());
    }
    node.put("lists", t.perNeuron().size());
    node.put("count", total);
    node.put("sha256", HexFormat.of().formatHex(sha.digest()));
    return node;
  }

  private static ObjectNode projection(Network network, Projection pr) {
    ObjectNode node = NODES.objectNode();
    node.put("name", pr.name());
    node.put("pre", pr.pre().name());
    node.put("post", pr.post().name());
    at(node, pr.span());
    node.set("connector", connector(pr.connector(), pr.spans().connector()));
    node.set("synapse", synapse(pr.synapse()));
    node.put("receptor", pr.receptor().pynnName());
    String weightUnit = network.population(pr.post())
        .map(p -> p.cellType().weightUnit().symbol()).orElse(null);
    node.set("weight", value(pr.weight(), weightUnit, pr.spans().weight()));
    node.set("delay", value(pr.delay(), "ms", pr.spans().delay()));
    node.put("seed", pr.seed());
    return node;
  }

  private static ObjectNode connector(Connector c, Span span) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", c.kind());
    if (c instanceof Connector.AllToAll a) {
      node.put("allow_self_connections", a.allowSelfConnections());
    } else if (c instanceof Connector.FixedProbability p) {
      node.put("p_connect", p.probability());
      node.put("allow_self_connections", p.allowSelfConnections());
    } else if (c instanceof Connector.FixedNumberPre f) {
      node.put("n", f.n());
      node.put("allow_self_connections", f.allowSelfConnections());
      node.put("with_replacement", f.withReplacement());
    } else if (c instanceof Connector.FixedNumberPost f) {
      node.put("n", f.n());
      node.put("allow_self_connections", f.allowSelfConnections());
      node.put("with_replacement", f.withReplacement());
    } else if (c instanceof Connector.FromList l) {
      fromList(node, l);
    } else if (c instanceof Connector.Kernel k) {
      node.set("pre_shape", ints(k.preHeight(), k.preWidth()));
      node.set("post_shape", ints(k.postHeight(), k.postWidth()));
      node.set("kernel_shape", ints(k.kernelHeight(), k.kernelWidth()));
      node.set("stride", ints(k.strideY(), k.strideX()));
      node.set("padding", ints(k.padY(), k.padX()));
      k.kernelWeights().ifPresent(w -> node.set("weights", doubles(w)));
    }
    at(node, span);
    return node;
  }

  private static void fromList(ObjectNode node, Connector.FromList l) {
    node.put("origin", baseName(l.origin()));
    node.put("count", l.size());
    node.put("has_weights", l.weights().isPresent());
    node.put("has_delays", l.delays().isPresent());
    boolean valid = l.post().size() == l.size()
        && l.weights().map(w -> w.size() == l.size()).orElse(true)
        && l.delays().map(d -> d.size() == l.size()).orElse(true);
    if (l.size() <= INLINE_LIMIT && valid) {
      ArrayNode conns = node.putArray("connections");
      for (int k = 0; k < l.size(); k++) {
        ArrayNode c = conns.addArray();
        c.add(l.pre().get(k));
        c.add(l.post().get(k));
        int entry = k;
        l.weights().ifPresent(w -> c.add(w.get(entry)));
        l.delays().ifPresent(d -> c.add(d.get(entry)));
      }
      return;
    }
    MessageDigest sha = Digests.sha256();
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < l.size(); k++) {
      b.clear();
      b.putInt(l.pre().get(k));
      b.putInt(k < l.post().size() ? l.post().get(k) : -1);
      if (l.weights().isPresent()) {
        b.putLong(Double.doubleToLongBits(k < l.weights().get().size()
            ? l.weights().get().get(k) : Double.NaN));
      }
      if (l.delays().isPresent()) {
        b.putLong(Double.doubleToLongBits(k < l.delays().get().size()
            ? l.delays().get().get(k) : Double.NaN));
      }
      sha.update(b.array(), 0, b.position());
    }
    node.put("sha256", HexFormat.of().formatHex(sha.digest()));
  }

  private static ObjectNode synapse(SynapseDynamics s) {
    ObjectNode node = NODES.objectNode();
    if (s instanceof SynapseDynamics.Stdp stdp) {
      node.put("kind", "stdp");
      ObjectNode timing = node.putObject("timing");
      timing.put("kind", "spike_pair");
      timing.put("tau_plus_ms", stdp.timing().tauPlusMs());
      timing.put("tau_minus_ms", stdp.timing().tauMinusMs());
      timing.put("A_plus", stdp.timing().aPlus());
      timing.put("A_minus", stdp.timing().aMinus());
      ObjectNode wd = node.putObject("weight_dependence");
      wd.put("kind", stdp.weightDependence().kind());
      wd.put("w_min", stdp.weightDependence().wMin());
      wd.put("w_max", stdp.weightDependence().wMax());
    } else {
      node.put("kind", "static");
    }
    return node;
  }

  private static ObjectNode value(ValueSpec v, String unit, Span span) {
    ObjectNode node = NODES.objectNode();
    if (v instanceof ValueSpec.Constant c) {
      node.put("value", c.value());
    } else if (v instanceof ValueSpec.Array a) {
      node.set("array", doubles(a.values()));
    } else if (v instanceof ValueSpec.Random r) {
      node.set("random", distribution(r.distribution()));
    } else {
      node.put("from_connector", true);
    }
    if (unit != null) {
      node.put("unit", unit);
    }
    at(node, span);
    return node;
  }

  private static ObjectNode distribution(Distribution d) {
    ObjectNode node = NODES.objectNode();
    node.put("distribution", d.kind());
    if (d instanceof Distribution.Uniform u) {
      node.put("low", u.low());
      node.put("high", u.high());
    } else if (d instanceof Distribution.Normal n) {
      node.put("mean", n.mean());
      node.put("sd", n.sd());
    } else if (d instanceof Distribution.NormalClipped c) {
      node.put("mean", c.mean());
      node.put("sd", c.sd());
      node.put("low", c.low());
      node.put("high", c.high());
    } else if (d instanceof Distribution.Exponential e) {
      node.put("mean", e.mean());
    }
    return node;
  }

  private static ObjectNode expansion(ProjectionExpansion e) {
    ObjectNode node = NODES.objectNode();
    node.put("synapses", e.synapses());
    node.put("digest", e.digest());
    ObjectNode delays = node.putObject("delay_steps");
    delays.put("min", e.minDelaySteps());
    delays.put("max", e.maxDelaySteps());
    node.put("max_fan_in", e.maxFanIn());
    return node;
  }

  private static ObjectNode recording(Recording r) {
    ObjectNode node = NODES.objectNode();
    node.put("population", r.population().name());
    ArrayNode vars = node.putArray("variables");
    for (Recording.Variable v : r.variables()) {
      vars.add(v.pynnName());
    }
    r.slice().ifPresent(s -> {
      ObjectNode slice = node.putObject("slice");
      slice.put("from", s.from());
      slice.put("to", s.to());
    });
    at(node, r.span());
    return node;
  }

  private static ObjectNode target(TargetHints t) {
    ObjectNode node = NODES.objectNode();
    node.put("name", t.targetName());
    t.numerics().ifPresent(n -> node.put("numerics", n));
    t.neuronsPerCore().ifPresent(n -> node.put("neurons_per_core", n));
    if (!t.neuronsPerCoreByPopulation().isEmpty()) {
      ObjectNode byPop = node.putObject("neurons_per_core_by_population");
      for (var e : t.neuronsPerCoreByPopulation().entrySet()) {
        byPop.put(e.getKey().name(), e.getValue());
      }
    }
    ArrayNode pins = node.putArray("pins");
    for (TargetHints.Pin pin : t.pins()) {
      ObjectNode p = pins.addObject();
      p.put("population", pin.population().name());
      ArrayNode coords = p.putArray("coordinates");
      pin.coordinates().forEach(coords::add);
      at(p, pin.span());
    }
    at(node, t.span());
    return node;
  }

  // ---- helpers ----

  private static ArrayNode ints(int... values) {
    ArrayNode a = NODES.arrayNode();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  /** A value list in full, or its count and hash when longer than the inline limit. */
  private static com.fasterxml.jackson.databind.JsonNode doubles(Doubles d) {
    if (d.size() <= INLINE_LIMIT) {
      ArrayNode a = NODES.arrayNode();
      for (int k = 0; k < d.size(); k++) {
        a.add(d.get(k));
      }
      return a;
    }
    ObjectNode node = NODES.objectNode();
    node.put("count", d.size());
    node.put("sha256", sha256Hex(d));
    return node;
  }

  /** SHA-256 of the little-endian float64 bits of every value. */
  public static String sha256Hex(Doubles d) {
    MessageDigest sha = Digests.sha256();
    ByteBuffer b = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < d.size(); k++) {
      if (!b.hasRemaining()) {
        sha.update(b.array(), 0, b.position());
        b.clear();
      }
      b.putLong(Double.doubleToLongBits(d.get(k)));
    }
    sha.update(b.array(), 0, b.position());
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void at(ObjectNode node, Span span) {
    node.put("at", location(span));
  }

  /** {@code base:line:col}: the span's location with directories removed. */
  public static String location(Span span) {
    String base = baseName(span.file());
    return span.hasPosition() ? base + ":" + span.line() + ":" + span.column() : base;
  }

  /** {@code path} without its folders, so golden files do not depend on where the model lives. */
  static String baseName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
