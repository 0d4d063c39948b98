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
 * <p>Router: one key at a time, driven by its table memory ({@link RouterTable}, block RAM,
 * loaded through the load port as instance {@code cores} or preloaded from {@code INIT_TABLE}).
 * It picks a key — the host's while the system is idle, else the lowest-numbered core's spike
 * (that core's update holds until its spike is taken, so nothing is dropped) — turns a core's
 * local neuron into its global key by scanning the core's send entries (and puts the key on
 * {@code out_key}), scans the route entries (the mapper's table, first match wins) for the
 * destination cores, and for each destination in turn scans its port entries for the local row
 * key and offers it to that core until the core takes it. A scan reads one entry per cycle and
 * stops at the first match or the region's last entry. Nothing of the mapping is logic, so the
 * RTL depends only on the core class and the table's layout: one build serves every mapping of
 * that size.
 *
 * <p>Timestep: {@code step_start} starts every core. A core delivers keys as they arrive, during
 * and after its own update, into ring slots (now + delay), so nothing lands in the current step.
 * Delivery is closed ({@code in_close}) once no core is still updating and the router is idle
 * with no spike waiting: from then on no key can appear, and each core finishes when its queue is
 * empty. The step ends when every core has finished.
 */
public final class SystemGenerator extends ItemBuilder {

  /** {@code ld_target} of the router's table when {@code ld_core} selects the router. */
  public static final int TABLE_TARGET = 0;
  /**
   * {@code ld_target} of the router's config word when {@code ld_core} selects the router: one
   * bit per core instance, 1 = the instance is off (never started, counted as done).
   */
  public static final int CONFIG_TARGET = 4;

  private static final String[] STATES = {
      "RT_IDLE", "RT_SEND", "RT_ROUTE", "RT_NEXT", "RT_PORT", "RT_OFFER"};

  private final SystemImage image;
  private final CoreShape shape;
  private final RouterTable table;
  private final int keyBits;
  private final int n;
  private final int destBits;

  private SystemGenerator(SystemImage image) {
    super(new ArrayList<>());
    this.image = image;
    this.shape = image.shape();
    this.table = image.router();
    this.keyBits = image.keyBits();
    this.n = table.cores(); // instances: the mapping's cores, then spare ones (RouterTable)
    this.destBits = CoreShape.bitsFor(Math.max(1, n - 1));
  }

  /**
   * What a preloaded system starts from: per core instance its {@code $readmemh} images
   * ({@code coreHexes.get(0).get("constants")}, …) and the router table's image.
   */
  public record Preload(List<Map<String, String>> coreHexes, String tableHex) {
    public Preload {
      coreHexes = List.copyOf(coreHexes);
    }
  }

  /** The top module's name of the preloaded design ({@code MODEL_system}). */
  public static String moduleName(SystemImage image) {
    return identifier(image.model()) + "_system";
  }

  /**
   * The top module's name of the design without images, which depends only on the size
   * ({@code snnc_system_CORECLASS_TABLECLASS}).
   */
  public static String sizeClassModuleName(SystemImage image) {
    return "snnc_system_" + image.shape().className() + "_" + image.router().className();
  }

  /** Width of {@code ld_core}: the core instances and the router (instance {@code cores}). */
  public static int coreSelectBits(SystemImage image) {
    return CoreShape.bitsFor(image.router().cores());
  }

  /** Width of {@code ld_addr}: the cores' load addresses and the router table's. */
  public static int loadAddressBits(SystemImage image) {
    return Math.max(image.shape().loadAddressBits(), image.router().addressBits());
  }

  /**
   * The system top; with {@code preload} its memories start from the images named there and the
   * top is {@code MODEL_system}, described in comments; without, every memory starts empty, is
   * filled through the load port, and the text depends only on the system's size (core class,
   * cores, key bits, table layout).
   */
  public static RtlModule generate(SystemImage image, List<String> header, Preload preload) {
    return new SystemGenerator(image).build(header, preload);
  }

  /** A Verilog identifier from a model name (as the emitter names files). */
  static String identifier(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_]", "_");
    return Character.isDigit(s.charAt(0)) ? "m_" + s : s;
  }

  private RtlModule build(List<String> header, Preload preload) {
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
        new Port("ld_core", Direction.INPUT, cb, false,
            "core instance to load; " + n + " = the router"),
        new Port("ld_target", Direction.INPUT, 3, false,
            "cores: 0 constants, 1 state, 2 rows, 3 synapses, 4 config; router: 0 table"),
        new Port("ld_addr", Direction.INPUT, loadAddressBits(image), false, null),
        new Port("ld_data", Direction.INPUT, CoreGenerator.LOAD_BEAT_BITS, false,
            "32 bits per beat, most significant beat first"),
        new Port("rb_valid", Direction.INPUT, 1, false,
            "read-back: read synapse word rb_addr of core rb_core (only while idle)"),
        new Port("rb_core", Direction.INPUT, cb, false, null),
        new Port("rb_addr", Direction.INPUT, shape.synapseBits(), false, null),
        new Port("rb_beat", Direction.INPUT, 2, false, "which 32 bits of the word, 0 = lowest"),
        new Port("rb_data", Direction.OUTPUT, CoreGenerator.LOAD_BEAT_BITS, false,
            "the beat, one cycle after rb_valid (the core's read port is registered)"));
    List<RtlModule.Param> params = List.of(new RtlModule.Param("INIT_TABLE",
        new Expr.Str(preload == null ? "" : preload.tableHex()), "router table image"));
    // Declarations before uses (some tools insist): registers, the cores' outputs, the table
    // memory and its fields, the router's and the controller's wires, then the core instances
    // and the clocked process.
    if (preload != null) {
      describe();
    }
    registers();
    coreOutputs();
    tableMemory();
    router();
    controller();
    cores(preload);
    process();
    return new RtlModule(preload == null ? sizeClassModuleName(image) : moduleName(image),
        header, params, ports, items);
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

  /** The {@code from}-bit wire {@code name} zero-extended or cut to {@code to} bits. */
  private static Expr fit(String name, int from, int to) {
    if (from == to) {
      return ref(name);
    }
    return from < to ? cat(lit(to - from, 0), ref(name)) : slice(name, to - 1, 0);
  }

  /** The low {@code bits} bits of the {@code width}-bit signal {@code name}. */
  private static Expr low(String name, int width, int bits) {
    return bits == width ? ref(name) : slice(name, bits - 1, 0);
  }

  private Expr inState(String state) {
    return eq(ref("rt_state"), ref(state));
  }

  private void describe() {
    comment("Cores (mapper placement) and the global keys their neurons send:");
    for (SystemImage.CoreInstance ci : image.cores()) {
      for (SystemImage.SliceKeys s : ci.neurons()) {
        comment(String.format("  core%d (chip %d, core %d): %s[%d:%d] neurons %d.., "
            + "keys %s..", ci.index(), ci.chip(), ci.core(), s.population(), s.lo(), s.hi(),
            s.localBase(), hex(s.key())));
      }
    }
    for (SystemImage.SliceKeys s : image.sources()) {
      comment(String.format("  host source %s[%d:%d]: keys %s..", s.population(), s.lo(),
          s.hi(), hex(s.key())));
    }
    comment("Router table (INIT_TABLE; " + (image.tableFromMapper()
        ? "the mapper's compressed table of the chip" : "the mapper's per-chip tables followed "
        + "from each key's source chip") + "), first match wins; no match: nobody listens.");
    for (int e = 0; e < image.table().size(); e++) {
      SystemImage.RouteEntry entry = image.table().get(e);
      comment(String.format("  entry %d: key %s mask %s -> cores %s", e, hex(entry.key()),
          hex(entry.mask()), entry.cores()));
    }
  }

  private void registers() {
    comment("Router state (" + String.join(", ", STATES) + "), its key and scan, step "
        + "state.");
    int sb = CoreShape.bitsFor(STATES.length - 1);
    for (int k = 0; k < STATES.length; k++) {
      items.add(new Item.LocalParam(STATES[k], lit(sb, k)));
    }
    reg("rt_state", sb);
    reg("rt_key", keyBits);
    reg("rt_neuron", shape.neuronBits());
    reg("rt_addr", table.addressBits());
    reg("rt_seen", 1);
    reg("rt_route", n);
    if (n > 1) {
      reg("rt_dest", destBits); // one core needs no destination
    }
    reg("rt_local", shape.preBits());
    reg("running", 1);
    reg("core_off", n); // zero at power-up: every instance on
    reg("done", n);
    int stage = table.width() - CoreGenerator.LOAD_BEAT_BITS;
    if (stage > 0) {
      reg("tl_stage", stage);
    }
  }

  private void coreOutputs() {
    for (int i = 0; i < n; i++) {
      comment("Core " + i + "'s outputs.");
      for (String s : List.of("busy", "step_done", "overrun", "in_ready", "out_valid",
          "updating")) {
        wire(c(i, s), 1, null);
      }
      wire(c(i, "step_count"), 32, null);
      wire(c(i, "out_neuron"), shape.neuronBits(), null);
      wire(c(i, "rb_data"), CoreGenerator.LOAD_BEAT_BITS, null);
    }
  }

  private void tableMemory() {
    int w = table.width();
    int ab = table.addressBits();
    int dw = table.dataBits();
    int beat = CoreGenerator.LOAD_BEAT_BITS;
    comment("Router table (" + table.className() + "): route entries from 0, then each "
        + "core's send and port entries; word {last, key, mask, data}, written through the load "
        + "port (ld_core = " + n + "), most significant beat first.");
    Expr word = w > beat ? cat(ref("tl_stage"), ref("ld_data"))
        : w == beat ? ref("ld_data") : slice("ld_data", w - 1, 0);
    wire("router_ld", 1, and(and(ref("ld_valid"), ref("ld_last")), eq(ref("ld_core"),
        lit(coreSelectBits(image), n))));
    wire("rtab_we", 1, and(ref("router_ld"), eq(ref("ld_target"), lit(3, TABLE_TARGET))));
    wire("config_we", 1, and(ref("router_ld"), eq(ref("ld_target"), lit(3, CONFIG_TARGET))));
    wire("rtab_wa", ab, fit("ld_addr", loadAddressBits(image), ab));
    wire("rtab_wd", w, word);
    wire("rtab_re", 1, lit(1, 1));
    wire("rtab_ra", ab, ref("rt_addr"));
    memory("rtab", w, 1 << ab, "INIT_TABLE");
    comment("The entry read last cycle (rt_addr − 1) and its fields.");
    wire("t_last", 1, Expr.bit("rtab_rd", w - 1));
    wire("t_key", keyBits, slice("rtab_rd", dw + 2 * keyBits - 1, dw + keyBits));
    wire("t_mask", keyBits, slice("rtab_rd", dw + keyBits - 1, dw));
    wire("t_hit", 1, eq(bin(ref("rt_key"), "&", ref("t_mask")), ref("t_key")));
  }

  private void router() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int ab = table.addressBits();
    comment("Pick: the host's key while idle, else the lowest-numbered core's spike.");
    wire("rt_idle", 1, inState("RT_IDLE"));
    wire("in_ready", 1, and(not(ref("busy")), ref("rt_idle")));
    wire("host_take", 1, and(ref("in_valid"), ref("in_ready")));
    Expr higher = ref("host_take");
    Expr core = lit(destBits, n - 1);
    Expr neuron = ref(c(n - 1, "out_neuron"));
    for (int i = n - 2; i >= 0; i--) {
      core = cond(ref(c(i, "out_valid")), lit(destBits, i), core);
      neuron = cond(ref(c(i, "out_valid")), ref(c(i, "out_neuron")), neuron);
    }
    for (int i = 0; i < n; i++) {
      wire(c(i, "grant"), 1, and(and(ref("rt_idle"), ref(c(i, "out_valid"))),
          not(higher)));
      higher = or(higher, ref(c(i, "out_valid")));
    }
    wire("pick_valid", 1, reduceOr(vector("out_valid")));
    wire("pick_core", destBits, core);
    wire("pick_neuron", nb, neuron);
    wire("send_off", destBits + table.sendShift(), table.sendShift() == 0
        ? ref("pick_core") : cat(ref("pick_core"), lit(table.sendShift(), 0)));
    wire("send_addr", ab, bin(lit(ab, table.sendBase(0)), "+",
        fit("send_off", destBits + table.sendShift(), ab)));

    comment("Send entries: the first with base <= neuron gives key + (neuron - base).");
    wire("send_hit", 1, bin(ref("rt_neuron"), ">=", slice("rtab_rd", nb - 1, 0)));
    // The offset is below the slice's key block, so its low min(nb, key bits) bits are all.
    int sendBits = Math.min(nb, keyBits);
    wire("send_offset", sendBits, bin(low("rt_neuron", nb, sendBits), "-",
        slice("rtab_rd", sendBits - 1, 0)));
    wire("send_key", keyBits, bin(ref("t_key"), "+", fit("send_offset", sendBits,
        keyBits)));

    comment("Route entries: the destination cores; then one destination at a time, "
        + "lowest first.");
    Expr next = lit(destBits, n - 1);
    for (int i = n - 2; i >= 0; i--) {
      next = cond(Expr.bit("rt_route", i), lit(destBits, i), next);
    }
    wire("next_dest", destBits, n == 1 ? lit(destBits, 0) : next);
    wire("rest_route", n, n == 1 ? lit(1, 0)
        : bin(ref("rt_route"), "&", bin(ref("rt_route"), "-", lit(n, 1))));
    wire("port_off", destBits + table.portShift(), table.portShift() == 0
        ? ref("next_dest") : cat(ref("next_dest"), lit(table.portShift(), 0)));
    wire("port_addr", ab, bin(lit(ab, table.portBase(0)), "+",
        fit("port_off", destBits + table.portShift(), ab)));

    comment("Port entries: local row key base + (key & ~mask), offered to the core.");
    // The offset is below the block's size, which the core's row keys hold.
    int portBits = Math.min(kb, keyBits);
    wire("port_offset", portBits, bin(low("rt_key", keyBits, portBits), "&",
        new Expr.Un("~", low("t_mask", keyBits, portBits))));
    wire("port_local", kb, bin(slice("rtab_rd", kb - 1, 0), "+",
        fit("port_offset", portBits, kb)));
    Expr ready = ref(c(n - 1, "in_ready"));
    for (int i = n - 2; i >= 0; i--) {
      ready = cond(eq(ref("rt_dest"), lit(destBits, i)), ref(c(i, "in_ready")), ready);
    }
    wire("dest_ready", 1, ready);
  }

  private void cores(Preload preload) {
    int nb = shape.neuronBits();
    int la = loadAddressBits(image);
    String module = CoreGenerator.moduleName(shape);
    comment("The cores' load address (the router table's may be wider).");
    wire("core_ld_addr", shape.loadAddressBits(), fit("ld_addr", la,
        shape.loadAddressBits()));
    for (int i = 0; i < n; i++) {
      comment("Core " + i + ": the router offers it one local row key at a time; it starts "
          + "unless it is off.");
      wire(c(i, "start"), 1, and(ref("core_start"), not(n == 1 ? ref("core_off")
          : Expr.bit("core_off", i))));
      wire(c(i, "in_valid"), 1, n == 1 ? inState("RT_OFFER")
          : and(inState("RT_OFFER"), eq(ref("rt_dest"), lit(destBits, i))));
      wire(c(i, "ld_valid"), 1, and(ref("ld_valid"), eq(ref("ld_core"),
          lit(coreSelectBits(image), i))));
      wire(c(i, "rb_valid"), 1, and(ref("rb_valid"), eq(ref("rb_core"),
          lit(coreSelectBits(image), i))));
      List<Item.Connection> params = new ArrayList<>();
      if (preload != null && i < image.cores().size()) {
        SystemImage.CoreInstance ci = image.cores().get(i);
        Map<String, String> hexes = preload.coreHexes().get(i);
        params.add(new Item.Connection("INIT_CONSTANTS", new Expr.Str(hexes.get("constants"))));
        params.add(new Item.Connection("INIT_STATE", new Expr.Str(hexes.get("state"))));
        params.add(new Item.Connection("INIT_ROWS", new Expr.Str(hexes.get("rows"))));
        params.add(new Item.Connection("INIT_SYNAPSES", new Expr.Str(hexes.get("synapses"))));
        params.add(new Item.Connection("LAST_NEURON", lit(nb, ci.neuronCount() - 1)));
        if (shape.stdp()) {
          params.add(new Item.Connection("INIT_RULES", new Expr.Str(hexes.get("rules"))));
          params.add(new Item.Connection("INIT_LUT", new Expr.Str(hexes.get("lut"))));
          params.add(new Item.Connection("INIT_COLUMNS", new Expr.Str(hexes.get("columns"))));
        }
      }
      params.add(new Item.Connection("SYSTEM", lit(1, 1)));
      List<Item.Connection> conns = new ArrayList<>();
      conns.add(new Item.Connection("clk", ref("clk")));
      conns.add(new Item.Connection("rst", ref("rst")));
      conns.add(new Item.Connection("step_start", ref(c(i, "start"))));
      for (String s : List.of("busy", "step_done", "overrun", "step_count", "in_valid")) {
        conns.add(new Item.Connection(s, ref(c(i, s))));
      }
      conns.add(new Item.Connection("in_key", ref("rt_local")));
      for (String s : List.of("in_ready", "out_valid", "out_neuron")) {
        conns.add(new Item.Connection(s, ref(c(i, s))));
      }
      conns.add(new Item.Connection("out_ready", ref(c(i, "grant"))));
      conns.add(new Item.Connection("in_close", ref("close")));
      conns.add(new Item.Connection("updating", ref(c(i, "updating"))));
      conns.add(new Item.Connection("ld_valid", ref(c(i, "ld_valid"))));
      for (String s : List.of("ld_last", "ld_target")) {
        conns.add(new Item.Connection(s, ref(s)));
      }
      conns.add(new Item.Connection("ld_addr", ref("core_ld_addr")));
      for (String s : List.of("ld_data", "rb_addr", "rb_beat")) {
        conns.add(new Item.Connection(s, ref(s)));
      }
      conns.add(new Item.Connection("rb_valid", ref(c(i, "rb_valid"))));
      conns.add(new Item.Connection("rb_data", ref(c(i, "rb_data"))));
      items.add(new Item.Instance(module, "core" + i, params, conns));
    }
  }

  private void controller() {
    int cb = coreSelectBits(image);
    comment("Timestep controller: every core runs the same step; delivery closes when no "
        + "core is updating and the router is idle with no spike waiting.");
    wire("busy", 1, or(ref("running"), reduceOr(vector("busy"))));
    wire("core_start", 1, and(ref("step_start"), not(ref("busy"))));
    wire("close", 1, and(and(ref("running"), not(reduceOr(vector("updating")))),
        and(ref("rt_idle"), not(ref("pick_valid")))));
    wire("step_count", 32, ref(c(0, "step_count")));
    comment("Read-back: the selected core's beat (rb_core is held for the read's two "
        + "cycles).");
    Expr rb = ref(c(n - 1, "rb_data"));
    for (int i = n - 2; i >= 0; i--) {
      rb = cond(eq(ref("rb_core"), lit(cb, i)), ref(c(i, "rb_data")), rb);
    }
    wire("rb_data", CoreGenerator.LOAD_BEAT_BITS, rb);
    wire("done_next", n, bin(bin(ref("done"), "|", vector("step_done")), "|", ref("core_off")));
    Expr apart = lit(1, 0);
    for (int i = 1; i < n; i++) {
      apart = or(apart, and(not(Expr.bit("core_off", i)), not(eq(ref(c(i, "step_count")),
          ref(c(0, "step_count"))))));
    }
    comment("A core out of step with core 0 when all are idle (a controller fault) or a "
        + "core's own overrun also raises overrun.");
    wire("fault", 1, or(and(not(ref("busy")), apart), reduceOr(vector("overrun"))));
  }

  private List<Stmt> nextDestination(Stmt restart) {
    List<Stmt> s = new ArrayList<>();
    if (n > 1) {
      s.add(set("rt_dest", ref("next_dest")));
    }
    s.addAll(List.of(set("rt_route", ref("rest_route")), set("rt_addr", ref("port_addr")),
        restart, set("rt_state", ref("RT_PORT"))));
    return s;
  }

  private void process() {
    int n1 = n;
    int ab = table.addressBits();
    List<Stmt> reset = List.of(set("running", lit(1, 0)), set("done", lit(n, 0)),
        set("step_done", lit(1, 0)), set("overrun", lit(1, 0)), set("out_valid", lit(1, 0)),
        set("rt_state", ref("RT_IDLE")), set("rt_seen", lit(1, 0)));
    List<Stmt> run = new ArrayList<>();
    run.add(set("step_done", lit(1, 0)));
    run.add(set("out_valid", lit(1, 0)));
    int stage = table.width() - CoreGenerator.LOAD_BEAT_BITS;
    if (stage > 0) {
      Expr shifted = stage > CoreGenerator.LOAD_BEAT_BITS
          ? cat(slice("tl_stage", stage - CoreGenerator.LOAD_BEAT_BITS - 1, 0), ref("ld_data"))
          : stage == CoreGenerator.LOAD_BEAT_BITS ? ref("ld_data")
          : slice("ld_data", stage - 1, 0);
      run.add(when(and(ref("ld_valid"), not(ref("ld_last"))), set("tl_stage", shifted)));
    }
    Stmt scan = set("rt_addr", bin(ref("rt_addr"), "+", lit(ab, 1)));
    Stmt seen = set("rt_seen", lit(1, 1));
    Stmt restart = set("rt_seen", lit(1, 0));
    List<Stmt.Arm> arms = new ArrayList<>();
    arms.add(new Stmt.Arm(ref("RT_IDLE"), List.of(new Stmt.If(ref("host_take"),
        List.of(set("rt_key", ref("in_key")), set("rt_addr", lit(ab, 0)), restart,
            set("rt_state", ref("RT_ROUTE"))),
        List.of(when(ref("pick_valid"), set("rt_neuron", ref("pick_neuron")),
            set("rt_addr", ref("send_addr")), restart, set("rt_state", ref("RT_SEND"))))))));
    arms.add(new Stmt.Arm(ref("RT_SEND"), List.of(scan, seen, when(ref("rt_seen"),
        new Stmt.If(ref("send_hit"), List.of(set("out_valid", lit(1, 1)),
            set("out_key", ref("send_key")), set("rt_key", ref("send_key")),
            set("rt_addr", lit(ab, 0)), restart, set("rt_state", ref("RT_ROUTE"))),
            List.of(when(ref("t_last"), set("rt_state", ref("RT_IDLE")))))))));
    arms.add(new Stmt.Arm(ref("RT_ROUTE"), List.of(scan, seen, when(ref("rt_seen"),
        new Stmt.If(ref("t_hit"), List.of(set("rt_route", slice("rtab_rd", n1 - 1, 0)),
            set("rt_state", ref("RT_NEXT"))),
            List.of(when(ref("t_last"), set("rt_state", ref("RT_IDLE")))))))));
    arms.add(new Stmt.Arm(ref("RT_NEXT"), List.of(new Stmt.If(eq(ref("rt_route"), lit(n, 0)),
        List.of(set("rt_state", ref("RT_IDLE"))), nextDestination(restart)))));
    arms.add(new Stmt.Arm(ref("RT_PORT"), List.of(scan, seen, when(ref("rt_seen"),
        new Stmt.If(ref("t_hit"), List.of(set("rt_local", ref("port_local")),
            set("rt_state", ref("RT_OFFER"))),
            List.of(when(ref("t_last"), set("rt_state", ref("RT_NEXT")))))))));
    arms.add(new Stmt.Arm(ref("RT_OFFER"), List.of(when(ref("dest_ready"),
        set("rt_state", ref("RT_NEXT"))))));
    run.add(new Stmt.Case(ref("rt_state"), arms, List.of(set("rt_state", ref("RT_IDLE")))));
    run.add(when(or(and(ref("step_start"), ref("busy")), ref("fault")),
        set("overrun", lit(1, 1))));
    run.add(when(ref("core_start"), set("running", lit(1, 1)), set("done", lit(n, 0))));
    run.add(when(ref("running"), new Stmt.If(eq(ref("done_next"), Expr.ones(n)),
        List.of(set("running", lit(1, 0)), set("done", lit(n, 0)), set("step_done", lit(1, 1))),
        List.of(set("done", ref("done_next"))))));
    // The config word is not reset: RESET keeps what was loaded, as the memories do.
    run.add(when(ref("config_we"), set("core_off", n == 1 ? Expr.bit("rtab_wd", 0)
        : slice("rtab_wd", n - 1, 0))));
    items.add(new Item.Always("clk", List.of(new Stmt.If(ref("rst"), reset, run))));
  }
}
