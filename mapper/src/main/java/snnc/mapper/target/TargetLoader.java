package snnc.mapper.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads target models from JSON. A target names its topology compactly:
 * <ul>
 *   <li>{@code {"kind": "torus", "width": W, "height": H, "links": "hex"|"mesh4"}} — every chip,
 *       wrapping (SpiNN-3 is a 2×2 hex torus);
 *   <li>{@code {"kind": "mesh", "width": W, "height": H, "links": ...}} or {@code {"kind": "mesh",
 *       "nodes": N}} — no wrap; with {@code nodes}, the smallest near-square grid holding N;
 *   <li>{@code {"kind": "spinn5-board"}} — one SpiNN-5 board: 48 chips, x in 0..7, y from
 *       max(0, x − 4) to min(7, x + 3), hex links, no wrap;
 *   <li>{@code {"kind": "spinn5-torus", "triads_x": A, "triads_y": B}} — 3·A·B SpiNN-5 boards tiled
 *       into a 12A × 12B hex torus (boards at (0,0), (4,8), (8,4) of each 12×12 triad);
 *   <li>{@code {"kind": "chips", "chips": [[x, y], ...], "links": ..., "wrap": false}} — explicit.
 * </ul>
 * FPGA chips list their memory kinds ({@code "memories": [{"kind": "spram", "count": 4, "bits":
 * 262144, "width": 16, "ports": "1rw", "initialisable": false}, ...]}; ports default to
 * {@code 1r1w}, initialisable to true); the core's {@code memory_layout} ({@code block-ram}, the
 * default, or {@code spram}) says how a core uses them, and {@code spram} is checked against the
 * chip here (one core, four single-port SPRAMs that the bitstream cannot preload, a board).
 * A top-level {@code parameters} object holds overridable numbers; any string value {@code "$name"}
 * elsewhere is replaced by that parameter ({@code --target fpga-generic:cores=64}).
 */
public final class TargetLoader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TargetLoader() {}

  /** Loads {@code json}; {@code origin} names the file in messages. */
  public static Target parse(String json, String origin, Map<String, String> overrides)
      throws TargetException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new TargetException(origin + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
    if (!(root instanceof ObjectNode obj)) {
      throw new TargetException(origin + ": a target must be a JSON object");
    }
    Map<String, JsonNode> params = new TreeMap<>();
    if (obj.has("parameters")) {
      obj.get("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      if (!params.containsKey(o.getKey())) {
        throw new TargetException(origin + ": no parameter '" + o.getKey() + "' to override; "
            + (params.isEmpty() ? "this target has none" : "known: " + String.join(", ",
            params.keySet())));
      }
      try {
        params.put(o.getKey(), JSON.getNodeFactory().numberNode(Long.parseLong(o.getValue())));
      } catch (NumberFormatException e) {
        throw new TargetException(origin + ": parameter '" + o.getKey() + "' must be a whole "
            + "number, not '" + o.getValue() + "'");
      }
    }
    Reader r = new Reader(origin, substitute(obj, params, origin));
    return r.target();
  }

  /** Loads a file. */
  public static Target load(Path file, Map<String, String> overrides) throws TargetException {
    try {
      return parse(Files.readString(file), file.toString(), overrides);
    } catch (NoSuchFileException e) {
      throw new TargetException(file + ": no such target file");
    } catch (IOException e) {
      throw new TargetException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Loads a built-in resource, or null when there is none of that name. */
  static Target loadResource(String name, Map<String, String> overrides) throws TargetException {
    try (InputStream in = TargetLoader.class.getResourceAsStream("/snnc/mapper/targets/" + name
        + ".json")) {
      if (in == null) {
        return null;
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "target " + name, overrides);
    } catch (IOException e) {
      throw new TargetException("cannot read built-in target " + name + ": " + e.getMessage());
    }
  }

  private static JsonNode substitute(JsonNode node, Map<String, JsonNode> params, String origin)
      throws TargetException {
    if (node.isTextual() && node.asText().startsWith("$")) {
      JsonNode v = params.get(node.asText().substring(1));
      if (v == null) {
        throw new TargetException(origin + ": unknown parameter " + node.asText());
      }
      return v;
    }
    if (node instanceof ObjectNode o) {
      ObjectNode copy = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), e.getKey().equals("parameters") ? e.getValue()
            : substitute(e.getValue(), params, origin));
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      for (JsonNode c : node) {
        copy.add(substitute(c, params, origin));
      }
      return copy;
    }
    return node;
  }

  /** Reads fields with messages that name the JSON path. */
  private static final class Reader {
    final String origin;
    final JsonNode root;

    Reader(String origin, JsonNode root) {
      this.origin = origin;
      this.root = root;
    }

    TargetException error(String path, String what) {
      return new TargetException(origin + ": " + path + ": " + what);
    }

    JsonNode field(JsonNode obj, String path, String name) throws TargetException {
      JsonNode v = obj == null ? null : obj.get(name);
      if (v == null || v.isNull()) {
        throw error(path + "." + name, "missing");
      }
      return v;
    }

    String text(JsonNode obj, String path, String name) throws TargetException {
      JsonNode v = field(obj, path, name);
      if (!v.isTextual()) {
        throw error(path + "." + name, "must be a string");
      }
      return v.asText();
    }

    long number(JsonNode obj, String path, String name, long min) throws TargetException {
      JsonNode v = field(obj, path, name);
      if (!v.canConvertToLong() || !v.isIntegralNumber()) {
        throw error(path + "." + name, "must be a whole number, not " + v);
      }
      long n = v.asLong();
      if (n < min) {
        throw error(path + "." + name, "must be at least " + min + ", not " + n);
      }
      return n;
    }

    long number(JsonNode obj, String path, String name, long min, long dflt)
        throws TargetException {
      return obj != null && obj.has(name) ? number(obj, path, name, min) : dflt;
    }

    int integer(JsonNode obj, String path, String name, long min) throws TargetException {
      long n = number(obj, path, name, min);
      if (n > Integer.MAX_VALUE) {
        throw error(path + "." + name, "is too large: " + n);
      }
      return (int) n;
    }

    Target target() throws TargetException {
      String name = text(root, "$", "name");
      String family = text(root, "$", "family");
      if (!family.equals("spinnaker") && !family.equals("fpga")) {
        throw error("$.family", "must be \"spinnaker\" or \"fpga\", not \"" + family + "\"");
      }
      String numerics = text(root, "$", "numerics");
      if (!numerics.equals("s16.15") && !numerics.equals("compact")) {
        throw error("$.numerics", "must be \"s16.15\" or \"compact\", not \"" + numerics + "\"");
      }
      String description = root.has("description") ? root.get("description").asText() : "";
      JsonNode topo = field(root, "$", "topology");
      Machine machine = machine(topo);
      JsonNode chipNode = field(root, "$", "chip");
      List<ChipCapacity.MemoryKind> memories = new ArrayList<>();
      if (chipNode.has("memories")) {
        int i = 0;
        for (JsonNode m : chipNode.get("memories")) {
          memories.add(memory(m, "$.chip.memories[" + i++ + "]"));
        }
      }
      ChipCapacity chip = new ChipCapacity(integer(chipNode, "$.chip", "cores", 1),
          integer(chipNode, "$.chip", "monitor_cores", 0),
          number(chipNode, "$.chip", "shared_memory_bytes", 0, 0),
          integer(chipNode, "$.chip", "router_entries", 1), memories);
      if (chip.applicationCores() < 1) {
        throw error("$.chip", "needs at least one core besides the monitor cores");
      }
      JsonNode c = field(root, "$", "core");
      String layoutName = c.has("memory_layout") ? text(c, "$.core", "memory_layout")
          : CoreCapacity.Layout.BLOCK_RAM.label;
      CoreCapacity.Layout layout = CoreCapacity.Layout.byLabel(layoutName).orElseThrow(
          () -> error("$.core.memory_layout", "must be \"block-ram\" or \"spram\", not \""
              + layoutName + "\""));
      boolean shares = false;
      if (c.has("shares_cell_types")) {
        if (!c.get("shares_cell_types").isBoolean()) {
          throw error("$.core.shares_cell_types", "must be true or false");
        }
        shares = c.get("shares_cell_types").asBoolean();
      }
      CoreCapacity core = new CoreCapacity(integer(c, "$.core", "max_neurons", 1),
          integer(c, "$.core", "max_sources", 1), (int) number(c, "$.core", "max_cells", 0, 0),
          number(c, "$.core", "local_memory_bytes", 1),
          number(c, "$.core", "code_memory_bytes", 0, 0),
          number(c, "$.core", "synaptic_memory_bytes", 0, 0),
          (int) number(c, "$.core", "max_fan_in", 0, 0), integer(c, "$.core", "delay_slots", 1),
          (int) number(c, "$.core", "delay_extension_stages", 0, 0),
          (int) number(c, "$.core", "receptors", 1, 2), shares, layout);
      if (core.synapticMemoryBytes() == 0 && chip.sharedMemoryBytes() == 0) {
        throw error("$.core.synaptic_memory_bytes",
            "must be set when the chip has no shared_memory_bytes");
      }
      String board = root.has("board") ? text(root, "$", "board") : "";
      if (layout == CoreCapacity.Layout.SPRAM) {
        checkSpramLayout(family, numerics, machine, chip, board);
      }
      String template = root.has("core_template") ? text(root, "$", "core_template") : "";
      if (!template.isEmpty()) {
        if (!Target.CORE_TEMPLATES.contains(template)) {
          throw error("$.core_template", "must be \"compact\" or \"pipelined\", not \""
              + template + "\"");
        }
        if (board.isEmpty()) {
          throw error("$.core_template", "is the core of the target's board design; this "
              + "target names no board");
        }
      }
      return new Target(name, description, family, numerics, machine, chip, core,
          resourceModel(field(root, "$", "resource_model")), summary(topo, machine), board,
          template);
    }

    ChipCapacity.MemoryKind memory(JsonNode m, String p) throws TargetException {
      ChipCapacity.Ports ports = ChipCapacity.Ports.ONE_R_ONE_W;
      if (m.has("ports")) {
        String label = text(m, p, "ports");
        ports = ChipCapacity.Ports.byLabel(label).orElseThrow(() -> error(p + ".ports",
            "must be \"1rw\" (one port, a read or a write per cycle), \"1r1w\" or \"2rw\", "
            + "not \"" + label + "\""));
      }
      boolean initialisable = true;
      if (m.has("initialisable")) {
        if (!m.get("initialisable").isBoolean()) {
          throw error(p + ".initialisable", "must be true or false");
        }
        initialisable = m.get("initialisable").asBoolean();
      }
      long bits = number(m, p, "bits", 1);
      int width = (int) number(m, p, "width", 1, 0);
      if (width > 0 && bits % width != 0) {
        throw error(p + ".width", width + " does not divide the block's " + bits + " bits");
      }
      return new ChipCapacity.MemoryKind(text(m, p, "kind"), integer(m, p, "count", 0), bits,
          width, ports, initialisable);
    }

    /**
     * The SPRAM layout is one compact core per device holding its synapse pairs (three blocks of
     * 16k × 16 bits side by side) and both delay rings (a fourth) in single-port SPRAM, loaded at
     * start-up because a bitstream cannot preload it: a file that claims it for anything else
     * fails here, not in the backend.
     */
    void checkSpramLayout(String family, String numerics, Machine machine, ChipCapacity chip,
        String board) throws TargetException {
      String p = "$.core.memory_layout";
      if (!family.equals("fpga")) {
        throw error(p, "\"spram\" is an FPGA core's layout; this target's family is " + family);
      }
      if (!numerics.equals("compact")) {
        throw error(p, "\"spram\" holds the compact profile's 16-bit ring entries and 8-bit "
            + "weights; this target's numerics are " + numerics);
      }
      if (machine.chips() != 1 || chip.applicationCores() != 1) {
        throw error(p, "\"spram\" is one core per device (its SPRAMs have one port each and "
            + "cannot be shared): needs one chip with one core, not " + machine.chips()
            + (machine.chips() == 1 ? " chip" : " chips") + " × " + chip.applicationCores()
            + " cores");
      }
      ChipCapacity.MemoryKind spram = chip.memory("spram").orElseThrow(() -> error(p,
          "\"spram\" needs a memory of kind \"spram\" in $.chip.memories"));
      if (spram.count() < 4 || spram.bits() != 16384L * 16 || spram.width() != 16) {
        throw error(p, "\"spram\" needs 4 SPRAM blocks of 16,384 × 16 bits (three of synapse "
            + "pairs, one of delay rings); $.chip.memories has " + spram.count() + " of "
            + spram.bits() + " bits, " + spram.width() + " wide");
      }
      if (spram.initialisable() || spram.ports() != ChipCapacity.Ports.ONE_RW) {
        throw error(p, "\"spram\" is built for single-port (\"1rw\") SPRAM that the bitstream "
            + "cannot preload (\"initialisable\": false); $.chip.memories says "
            + spram.ports().label + (spram.initialisable() ? ", initialisable" : ""));
      }
      if (board.isEmpty()) {
        throw error("$.board", "missing: \"spram\" builds a board design behind the UART "
            + "bridge, so the target names its board (e.g. \"icebreaker\")");
      }
    }

    String summary(JsonNode topo, Machine m) {
      String kind = topo.get("kind").asText();
      return kind + ", " + m.chips() + (m.chips() == 1 ? " chip" : " chips") + " ("
          + m.width() + "×" + m.height() + (m.wraps() ? ", wrapping" : "") + ", "
          + m.linkSet().directions() + " links)";
    }

    Machine.LinkSet links(JsonNode topo, String dflt) throws TargetException {
      String l = topo.has("links") ? topo.get("links").asText() : dflt;
      return switch (l) {
        case "hex" -> Machine.LinkSet.HEX;
        case "mesh4" -> Machine.LinkSet.MESH4;
        default -> throw error("$.topology.links", "must be \"hex\" or \"mesh4\", not \"" + l + "\"");
      };
    }

    Machine machine(JsonNode topo) throws TargetException {
      String p = "$.topology";
      String kind = text(topo, p, "kind");
      List<int[]> chips = new ArrayList<>();
      switch (kind) {
        case "torus", "mesh" -> {
          int w;
          int h;
          if (topo.has("nodes")) {
            int n = integer(topo, p, "nodes", 1);
            w = (int) Math.ceil(Math.sqrt(n));
            h = (n + w - 1) / w;
            for (int i = 0; i < n; i++) {
              chips.add(new int[] {i % w, i / w});
            }
          } else {
            w = integer(topo, p, "width", 1);
            h = integer(topo, p, "height", 1);
            for (int x = 0; x < w; x++) {
              for (int y = 0; y < h; y++) {
                chips.add(new int[] {x, y});
              }
            }
          }
          return build(chips, w, h, kind.equals("torus"), links(topo, "mesh4"));
        }
        case "single" -> {
          chips.add(new int[] {0, 0});
          return build(chips, 1, 1, false, links(topo, "mesh4"));
        }
        case "spinn5-board" -> {
          addBoard(chips, 0, 0, 8, 8, false);
          return build(chips, 8, 8, false, Machine.LinkSet.HEX);
        }
        case "spinn5-torus" -> {
          int tx = integer(topo, p, "triads_x", 1);
          int ty = integer(topo, p, "triads_y", 1);
          int w = 12 * tx;
          int h = 12 * ty;
          for (int a = 0; a < tx; a++) {
            for (int b = 0; b < ty; b++) {
              for (int[] o : new int[][] {{0, 0}, {4, 8}, {8, 4}}) {
                addBoard(chips, 12 * a + o[0], 12 * b + o[1], w, h, true);
              }
            }
          }
          return build(chips, w, h, true, Machine.LinkSet.HEX);
        }
        case "chips" -> {
          JsonNode list = field(topo, p, "chips");
          int w = 0;
          int h = 0;
          int i = 0;
          for (JsonNode c : list) {
            if (!c.isArray() || c.size() != 2 || !c.get(0).canConvertToInt()
                || !c.get(1).canConvertToInt() || c.get(0).asInt() < 0 || c.get(1).asInt() < 0) {
              throw error(p + ".chips[" + i + "]", "must be [x, y] with x, y ≥ 0");
            }
            chips.add(new int[] {c.get(0).asInt(), c.get(1).asInt()});
            w = Math.max(w, c.get(0).asInt() + 1);
            h = Math.max(h, c.get(1).asInt() + 1);
            i++;
          }
          if (chips.isEmpty()) {
            throw error(p + ".chips", "lists no chips");
          }
          boolean wrap = topo.has("wrap") && topo.get("wrap").asBoolean();
          return build(chips, w, h, wrap, links(topo, "hex"));
        }
        default -> throw error(p + ".kind", "unknown topology \"" + kind + "\"; known: torus, "
            + "mesh, single, spinn5-board, spinn5-torus, chips");
      }
    }

    Machine build(List<int[]> chips, int w, int h, boolean wrap, Machine.LinkSet links)
        throws TargetException {
      try {
        return Machine.of(chips, w, h, wrap, links);
      } catch (IllegalArgumentException e) {
        throw error("$.topology", e.getMessage());
      }
    }

    static void addBoard(List<int[]> chips, int ox, int oy, int w, int h, boolean wrap) {
      for (int x = 0; x < 8; x++) {
        for (int y = Math.max(0, x - 4); y <= Math.min(7, x + 3); y++) {
          chips.add(new int[] {wrap ? (ox + x) % w : ox + x, wrap ? (oy + y) % h : oy + y});
        }
      }
    }

    ResourceModel resourceModel(JsonNode m) throws TargetException {
      String p = "$.resource_model";
      Map<String, Long> perNeuron = new LinkedHashMap<>();
      Map<String, Long> code = new LinkedHashMap<>();
      long dfltNeuron = number(m, p, "bytes_per_neuron", 0);
      long dfltCode = number(m, p, "code_bytes", 0, 0);
      if (m.has("bytes_per_neuron_by_model")) {
        for (var it = m.get("bytes_per_neuron_by_model").fields(); it.hasNext(); ) {
          var e = it.next();
          perNeuron.put(e.getKey(), number(m.get("bytes_per_neuron_by_model"),
              p + ".bytes_per_neuron_by_model", e.getKey(), 0));
        }
      }
      if (m.has("code_bytes_by_model")) {
        for (var it = m.get("code_bytes_by_model").fields(); it.hasNext(); ) {
          var e = it.next();
          code.put(e.getKey(), number(m.get("code_bytes_by_model"), p + ".code_bytes_by_model",
              e.getKey(), 0));
        }
      }
      return new EstimatedResourceModel(text(m, p, "name"), number(m, p, "core_overhead_bytes", 0),
          number(m, p, "bytes_per_row", 0), number(m, p, "bytes_per_synapse_word", 0),
          number(m, p, "bytes_per_delay_slot", 0), dfltNeuron, perNeuron, dfltCode, code,
          number(m, p, "delay_extension_bytes_per_neuron_stage", 0, 0));
    }
  }
}
