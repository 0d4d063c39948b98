package snnc.hdl.lower;

import static snnc.hdl.lower.Expr.and;
import static snnc.hdl.lower.Expr.bin;
import static snnc.hdl.lower.Expr.cat;
import static snnc.hdl.lower.Expr.cond;
import static snnc.hdl.lower.Expr.eq;
import static snnc.hdl.lower.Expr.lit;
import static snnc.hdl.lower.Expr.not;
import static snnc.hdl.lower.Expr.or;
import static snnc.hdl.lower.Expr.ref;
import static snnc.hdl.lower.Expr.slice;
import static snnc.hdl.lower.Stmt.set;
import static snnc.hdl.lower.Stmt.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import snnc.hdl.lower.RtlModule.Direction;
import snnc.hdl.lower.RtlModule.Port;

/**
 * Builds the top module of a multi-core system ({@link SystemImage}): one core instance per placed
 * core (all running with {@code SYSTEM = 1}), the spike router between them and the timestep
 * controller that keeps every core on the same step.
 *
 * <p>Router: a two-stage pipeline taking one AER key per cycle. Stage 1 picks a key — the host's
 * while the system is idle, else the lowest-numbered core with a spike waiting (that core's update
 * holds until its spike is taken, so nothing is dropped) — and stage 2 looks it up in the
 * key/mask table (first match wins) and offers it to every core of the route at once; each core
 * port turns the global key into the core's local row key. A key waits in stage 2 until all its
 * cores take it.
 *
 * <p>Timestep: {@code step_start} starts every core. A core delivers keys as they arrive, during
 * and after its own update, into ring slots (now + delay), so nothing lands in the current step.
 * Delivery is closed ({@code in_close}) once no core is still updating and the router is empty:
 * from then on no key can appear, and each core finishes when its queue is empty. The step ends
 * when every core has finished.
 */
public final class SystemGenerator {

  private final SystemImage image;
  private final CoreShape shape;
  private final List<Item> items = new ArrayList<>();
  private final int keyBits;
  private final int n;

  private SystemGenerator(SystemImage image) {
    this.image = image;
    this.shape = image.shape();
    this.keyBits = image.keyBits();
    this.n = image.cores().size();
  }

  /** The top module's name. */
  public static String moduleName(SystemImage image) {
    return identifier(image.model()) + "_system";
  }

  /** Width of {@code ld_core}. */
  public static int coreSelectBits(SystemImage image) {
    return CoreShape.bitsFor(Math.max(1, image.cores().size() - 1));
  }

  /**
   * The system top; {@code hexNames} maps (core index, memory) to its {@code $readmemh} image,
   * e.g. {@code hexNames.get(0).get("constants")}.
   */
  public static RtlModule generate(SystemImage image, List<String> header,
      List<Map<String, String>> hexNames) {
    return new SystemGenerator(image).build(header, hexNames);
  }

  /** A Verilog identifier from a model name (as the emitter names files). */
  static String identifier(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_]", "_");
    return Character.isDigit(s.charAt(0)) ? "m_" + s : s;
  }

  private RtlModule build(List<String> header, List<Map<String, String>> hexNames) {
    int cb = coreSelectBits(image);
    List<Port> ports = List.of(
        new Port("clk", Direction.INPUT, 1, false, null),
        new Port("rst", Direction.INPUT, 1, false, "synchronous, active high"),
        new Port("step_start", Direction.INPUT, 1, false, "start one timestep on every core"),
        new Port("busy", Direction.OUTPUT, 1, false, "a timestep or a ring clear is running"),
        new Port("step_done", Direction.OUTPUT, 1, true, "one-cycle pulse: every core finished"),
        new Port("overrun", Direction.OUTPUT, 1, true, "sticky: step_start came while busy"),
        new Port("step_count", Direction.OUTPUT, 32, false, "timesteps completed (core 0's count)"),
        new Port("in_valid", Direction.INPUT, 1, false, "AER input: a source key (mapper key)"),
        new Port("in_key", Direction.INPUT, keyBits, false, null),
        new Port("in_ready", Direction.OUTPUT, 1, false, "keys are accepted while idle"),
        new Port("out_valid", Direction.OUTPUT, 1, true, "AER output: one-cycle strobe per spike"),
        new Port("out_key", Direction.OUTPUT, keyBits, true, "the neuron's mapper key"),
        new Port("ld_valid", Direction.INPUT, 1, false, "load port beat (only while idle)"),
        new Port("ld_last", Direction.INPUT, 1, false, "last beat: write the word"),
        new Port("ld_core", Direction.INPUT, cb, false, "core instance to load"),
        new Port("ld_target", Direction.INPUT, 3, false,
            "0 constants, 1 state, 2 rows, 3 synapses, 4 config"),
        new Port("ld_addr", Direction.INPUT, shape.loadAddressBits(), false, null),
        new Port("ld_data", Direction.INPUT, CoreGenerator.LOAD_BEAT_BITS, false,
            "32 bits per beat, most significant beat first"),
        new Port("rb_valid", Direction.INPUT, 1, false,
            "read-back: read synapse word rb_addr of core rb_core (only while idle)"),
        new Port("rb_core", Direction.INPUT, cb, false, null),
        new Port("rb_addr", Direction.INPUT, shape.synapseBits(), false, null),
        new Port("rb_beat", Direction.INPUT, 2, false, "which 32 bits of the word, 0 = lowest"),
        new Port("rb_data", Direction.OUTPUT, CoreGenerator.LOAD_BEAT_BITS, false,
            "the beat, one cycle after rb_valid (the core's read port is registered)"));
    // Declarations before uses (some tools insist): registers, the cores' outputs, the router's
    // and the controller's wires, then the core instances, the table and the clocked process.
    describe();
    registers();
    coreOutputs();
    router();
    controller();
    cores(hexNames);
    table();
    process();
    return new RtlModule(moduleName(image), header, List.of(), ports, items);
  }

  private void comment(String text) {
    items.add(new Item.Comment(text));
  }

  private void wire(String name, int width, Expr value) {
    items.add(new Item.Wire(name, width, false, value));
  }

  private void reg(String name, int width) {
    items.add(new Item.Reg(name, width, false));
  }

  private static String c(int i, String signal) {
    return "c" + i + "_" + signal;
  }

  /** {a[0], …}: one bit per core, core 0 least significant. */
  private Expr vector(String signal) {
    List<Expr> bits = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {
      bits.add(ref(c(i, signal)));
    }
    return bits.size() == 1 ? bits.get(0) : cat(bits.toArray(Expr[]::new));
  }

  private static Expr reduceOr(Expr e) {
    return new Expr.Un("|", e);
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private void describe() {
    comment("Cores (mapper placement) and the global keys their neurons send:");
    for (SystemImage.CoreInstance ci : image.cores()) {
      for (SystemImage.SliceKeys s : ci.neurons()) {
        comment(String.format("  core%d (chip %d, core %d): %s[%d:%d] neurons %d.., keys %s..",
            ci.index(), ci.chip(), ci.core(), s.population(), s.lo(), s.hi(), s.localBase(),
            hex(s.key())));
      }
    }
    for (SystemImage.SliceKeys s : image.sources()) {
      comment(String.format("  host source %s[%d:%d]: keys %s..", s.population(), s.lo(),
          s.hi(), hex(s.key())));
    }
  }

  private void registers() {
    comment("Router stages 1 (picked key) and 2 (key and its route), step state.");
    reg("r1_valid", 1);
    reg("r1_key", keyBits);
    reg("r1_from_core", 1);
    reg("r2_valid", 1);
    reg("r2_key", keyBits);
    reg("r2_route", n);
    reg("running", 1);
    reg("done", n);
  }

  private void coreOutputs() {
    int nb = shape.neuronBits();
    for (SystemImage.CoreInstance ci : image.cores()) {
      int i = ci.index();
      comment("Core " + i + "'s outputs; its spikes as global keys.");
      for (String s : List.of("busy", "step_done", "overrun", "in_ready", "out_valid",
          "updating")) {
        wire(c(i, s), 1, null);
      }
      wire(c(i, "step_count"), 32, null);
      wire(c(i, "out_neuron"), nb, null);
      wire(c(i, "rb_data"), CoreGenerator.LOAD_BEAT_BITS, null);
      Expr key = null;
      for (int k = 0; k < ci.neurons().size(); k++) {
        SystemImage.SliceKeys s = ci.neurons().get(k);
        Expr off = keyBits > nb ? cat(lit(keyBits - nb, 0), ref(c(i, "out_neuron")))
            : slice(c(i, "out_neuron"), keyBits - 1, 0);
        Expr global = bin(bin(off, "-", lit(keyBits, s.localBase())), "+", lit(keyBits,
            s.key()));
        key = key == null ? global : cond(bin(ref(c(i, "out_neuron")), ">=", lit(nb, s.localBase())),
            global, key);
      }
      wire(c(i, "out_key"), keyBits, key);
    }
  }

  private void cores(List<Map<String, String>> hexNames) {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    String module = CoreGenerator.moduleName(shape);
    for (SystemImage.CoreInstance ci : image.cores()) {
      int i = ci.index();
      comment("Core " + i + ": its port from the router (global key to local row key).");
      wire(c(i, "in_valid"), 1, and(ref("r2_valid"), n == 1 ? ref("r2_route")
          : Expr.bit("r2_route", i)));
      Expr local = lit(kb, 0);
      for (int k = ci.incoming().size() - 1; k >= 0; k--) {
        SystemImage.SliceKeys s = ci.incoming().get(k);
        int low = Math.min(kb, Long.numberOfTrailingZeros(s.mask()));
        low = Math.min(low, keyBits);
        Expr offset = low == 0 ? lit(kb, 0) : low == kb ? slice("r2_key", low - 1, 0)
            : cat(lit(kb - low, 0), slice("r2_key", low - 1, 0));
        Expr value = bin(offset, "+", lit(kb, s.localBase()));
        Expr match = eq(bin(ref("r2_key"), "&", lit(keyBits, s.mask() & Expr.mask(keyBits)
            .longValue())), lit(keyBits, s.key()));
        local = cond(match, value, local);
      }
      wire(c(i, "in_key"), kb, local);
      wire(c(i, "ld_valid"), 1, and(ref("ld_valid"), eq(ref("ld_core"),
          lit(coreSelectBits(image), i))));
      wire(c(i, "rb_valid"), 1, and(ref("rb_valid"), eq(ref("rb_core"),
          lit(coreSelectBits(image), i))));
      Map<String, String> hexes = hexNames.get(i);
      List<Item.Connection> params = List.of(
          new Item.Connection("INIT_CONSTANTS", new Expr.Str(hexes.get("constants"))),
          new Item.Connection("INIT_STATE", new Expr.Str(hexes.get("state"))),
          new Item.Connection("INIT_ROWS", new Expr.Str(hexes.get("rows"))),
          new Item.Connection("INIT_SYNAPSES", new Expr.Str(hexes.get("synapses"))),
          new Item.Connection("LAST_NEURON", lit(nb, ci.neuronCount() - 1)),
          new Item.Connection("SYSTEM", lit(1, 1)));
      List<Item.Connection> conns = new ArrayList<>();
      conns.add(new Item.Connection("clk", ref("clk")));
      conns.add(new Item.Connection("rst", ref("rst")));
      conns.add(new Item.Connection("step_start", ref("core_start")));
      for (String s : List.of("busy", "step_done", "overrun", "step_count", "in_valid", "in_key",
          "in_ready", "out_valid", "out_neuron")) {
        conns.add(new Item.Connection(s, ref(c(i, s))));
      }
      conns.add(new Item.Connection("out_ready", ref(c(i, "grant"))));
      conns.add(new Item.Connection("in_close", ref("close")));
      conns.add(new Item.Connection("updating", ref(c(i, "updating"))));
      conns.add(new Item.Connection("ld_valid", ref(c(i, "ld_valid"))));
      for (String s : List.of("ld_last", "ld_target", "ld_addr", "ld_data", "rb_addr",
          "rb_beat")) {
        conns.add(new Item.Connection(s, ref(s)));
      }
      conns.add(new Item.Connection("rb_valid", ref(c(i, "rb_valid"))));
      conns.add(new Item.Connection("rb_data", ref(c(i, "rb_data"))));
      items.add(new Item.Instance(module, "core" + i, params, conns));
    }
  }

  private void router() {
    comment("Router stage 1: the host's key while idle, else the lowest-numbered core's spike.");
    wire("advance", 1, not(and(ref("r2_valid"),
        reduceOr(bin(ref("r2_route"), "&", new Expr.Un("~", vector("in_ready")))))));
    wire("in_ready", 1, and(not(ref("busy")), ref("advance")));
    wire("host_take", 1, and(ref("in_valid"), ref("in_ready")));
    Expr higher = ref("host_take");
    Expr key = ref("in_key");
    List<Expr> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      wire(c(i, "grant"), 1, and(and(ref("advance"), ref(c(i, "out_valid"))), not(higher)));
      higher = or(higher, ref(c(i, "out_valid")));
      keys.add(ref(c(i, "out_key")));
    }
    wire("pick_valid", 1, higher);
    for (int i = n - 1; i >= 0; i--) {
      key = i == n - 1 ? cond(ref(c(i, "out_valid")), keys.get(i), ref("in_key"))
          : cond(ref(c(i, "out_valid")), keys.get(i), key);
    }
    wire("pick_key", keyBits, cond(ref("host_take"), ref("in_key"), key));
  }

  private void table() {

    comment("Router stage 2: the key/mask table (" + (image.tableFromMapper()
        ? "the mapper's compressed table of the chip" : "the mapper's per-chip tables followed "
        + "from each key's source chip") + "), first match wins; no match: nobody listens.");
    Expr route = lit(n, 0);
    List<SystemImage.RouteEntry> table = image.table();
    for (int e = table.size() - 1; e >= 0; e--) {
      SystemImage.RouteEntry entry = table.get(e);
      if ((entry.key() >>> keyBits) != 0) {
        continue; // no key the system sends is that large
      }
      long bits = 0;
      for (int core : entry.cores()) {
        bits |= 1L << core;
      }
      comment(String.format("  entry %d: key %s mask %s -> cores %s", e, hex(entry.key()),
          hex(entry.mask()), entry.cores()));
      route = cond(eq(bin(ref("r1_key"), "&", lit(keyBits, entry.mask()
          & Expr.mask(keyBits).longValue())), lit(keyBits, entry.key())),
          Expr.lit(n, bits), route);
    }
    wire("r1_route", n, route);
  }

  private void controller() {
    comment("Timestep controller: every core runs the same step; delivery closes when no core "
        + "is updating and the router is empty.");
    wire("busy", 1, or(ref("running"), reduceOr(vector("busy"))));
    wire("core_start", 1, and(ref("step_start"), not(ref("busy"))));
    wire("close", 1, and(and(ref("running"), not(reduceOr(vector("updating")))),
        and(not(ref("r1_valid")), not(ref("r2_valid")))));
    wire("step_count", 32, ref(c(0, "step_count")));
    comment("Read-back: the selected core's beat (rb_core is held for the read's two cycles).");
    Expr rb = ref(c(n - 1, "rb_data"));
    for (int i = n - 2; i >= 0; i--) {
      rb = cond(eq(ref("rb_core"), lit(coreSelectBits(image), i)), ref(c(i, "rb_data")), rb);
    }
    wire("rb_data", CoreGenerator.LOAD_BEAT_BITS, rb);
    wire("done_next", n, bin(ref("done"), "|", vector("step_done")));
    Expr apart = lit(1, 0);
    for (int i = 1; i < n; i++) {
      apart = or(apart, not(eq(ref(c(i, "step_count")), ref(c(0, "step_count")))));
    }
    comment("A core out of step with core 0 when all are idle (a controller fault) or a core's "
        + "own overrun also raises overrun.");
    wire("fault", 1, or(and(not(ref("busy")), apart), reduceOr(vector("overrun"))));
  }

  private void process() {

    List<Stmt> reset = List.of(set("running", lit(1, 0)), set("done", lit(n, 0)),
        set("step_done", lit(1, 0)), set("overrun", lit(1, 0)),
        set("r1_valid", lit(1, 0)), set("r2_valid", lit(1, 0)), set("out_valid", lit(1, 0)));
    List<Stmt> run = new ArrayList<>();
    run.add(set("step_done", lit(1, 0)));
    run.add(set("out_valid", and(and(ref("advance"), ref("r1_valid")), ref("r1_from_core"))));
    run.add(set("out_key", ref("r1_key")));
    run.add(when(ref("advance"),
        set("r1_valid", ref("pick_valid")), set("r1_key", ref("pick_key")),
        set("r1_from_core", not(ref("host_take"))),
        set("r2_valid", ref("r1_valid")), set("r2_key", ref("r1_key")),
        set("r2_route", ref("r1_route"))));
    run.add(when(or(and(ref("step_start"), ref("busy")), ref("fault")),
        set("overrun", lit(1, 1))));
    run.add(when(ref("core_start"), set("running", lit(1, 1)), set("done", lit(n, 0))));
    run.add(when(ref("running"), new Stmt.If(eq(ref("done_next"), Expr.ones(n)),
        List.of(set("running", lit(1, 0)), set("done", lit(n, 0)), set("step_done", lit(1, 1))),
        List.of(set("done", ref("done_next"))))));
    items.add(new Item.Always("clk", List.of(new Stmt.If(ref("rst"), reset, run))));
  }
}
