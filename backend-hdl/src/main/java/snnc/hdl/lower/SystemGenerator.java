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
 * <p>Router: a pipeline that takes one key per clock, driven by two memories
 * ({@link RouterTable}, block RAM, loaded through the load port as instance {@code cores} or
 * preloaded from {@code INIT_TABLE} and {@code INIT_BLOCKS}). Stage 0 picks a key — the host's
 * while the system is idle, else the lowest-numbered core's spike (that core's update holds until
 * its spike is taken, so nothing is dropped) — and reads the decode memory: for a core's spike
 * the word of (core, neuron), for a host key the key index word of its granule. Stage 1 has the
 * global key (a core's goes out on {@code out_key}) and its key block, and reads the block's
 * word: the destination cores and each one's row-key base. Stage 2 registers each destination's
 * local row key, and stage 3 offers the key to all destinations at once; the pipeline holds while
 * one of them is not ready. Nothing of the mapping is logic, so the RTL depends only on the core
 * class and the memories' layout: one build serves every mapping of that size.
 *
 * <p>Timestep: {@code step_start} starts every core. A core delivers keys as they arrive, during
 * and after its own update, into ring slots (now + delay), so nothing lands in the current step.
 * Delivery is closed ({@code in_close}) once no core is still updating and the router is idle
 * with no spike waiting: from then on no key can appear, and each core finishes when its queue is
 * empty. The step ends when every core has finished.
 */
public final class SystemGenerator extends ItemBuilder {

  /** {@code ld_target} of the router's decode memory when {@code ld_core} selects the router. */
  public static final int DECODE_TARGET = 0;
  /** {@code ld_target} of the router's block memory when {@code ld_core} selects the router. */
  public static final int BLOCK_TARGET = 1;
  /**
   * {@code ld_target} of the router's config word when {@code ld_core} selects the router: one
   * bit per core instance, 1 = the instance is off (never started, counted as done).
   */
  public static final int CONFIG_TARGET = 4;

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
   * ({@code coreHexes.get(0).get("constants")}, …) and the router's decode and block memory
   * images.
   */
  public record Preload(List<Map<String, String>> coreHexes, String tableHex,
      String blocksHex) {
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

  /** Width of {@code ld_addr}: the cores' load addresses and the router memories'. */
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
            "cores: 0 constants, 1 state, 2 rows, 3 synapses, 4 config; router: 0 decode, "
                + "1 blocks, 4 config"),
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
        new Expr.Str(preload == null ? "" : preload.tableHex()), "router decode memory image"),
        new RtlModule.Param("INIT_BLOCKS",
            new Expr.Str(preload == null ? "" : preload.blocksHex()),
            "router block memory image"));
    // Declarations before uses (some tools insist): registers, the cores' outputs, the router's
    // pick, its memories and their fields, the offer, the controller's wires, then the core
    // instances and the clocked process.
    if (preload != null) {
      describe();
    }
    registers();
    coreOutputs();
    pick();
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
    comment("Router table (" + (image.tableFromMapper()
        ? "the mapper's compressed table of the chip" : "the mapper's per-chip tables followed "
        + "from each key's source chip") + "), first match wins; no match: nobody listens. "
        + "Each key block's route is in INIT_BLOCKS.");
    for (int e = 0; e < image.table().size(); e++) {
      SystemImage.RouteEntry entry = image.table().get(e);
      comment(String.format("  entry %d: key %s mask %s -> cores %s", e, hex(entry.key()),
          hex(entry.mask()), entry.cores()));
    }
  }

  private void registers() {
    comment("Router pipeline: stage 1 (decode word read), 2 (block word read), 3 (offer); "
        + "step state.");
    int rb = shape.preBits();
    reg("s1_valid", 1);
    reg("s1_host", 1);
    reg("s1_key", table.offsetBits());
    reg("s2_valid", 1);
    reg("s2_key", table.offsetBits());
    reg("s3_valid", 1);
    reg("s3_route", n);
    for (int i = 0; i < n; i++) {
      reg(c(i, "local"), rb);
    }
    reg("running", 1);
    reg("core_off", n); // zero at power-up: every instance on
    reg("done", n);
    int stage = table.loadWidth() - CoreGenerator.LOAD_BEAT_BITS;
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

  private void pick() {
    int nb = shape.neuronBits();
    int ab = table.decodeAddressBits();
    comment("The pipeline moves unless stage 3 offers a key that a destination cannot take.");
    wire("advance", 1, not(and(ref("s3_valid"), reduceOr(bin(ref("s3_route"), "&",
        new Expr.Un("~", vector("in_ready")))))));
    comment("Stage 0: the host's key while idle, else the lowest-numbered core's spike.");
    wire("in_ready", 1, and(not(ref("busy")), ref("advance")));
    wire("host_take", 1, and(ref("in_valid"), ref("in_ready")));
    Expr higher = ref("host_take");
    Expr core = lit(destBits, n - 1);
    Expr neuron = ref(c(n - 1, "out_neuron"));
    for (int i = n - 2; i >= 0; i--) {
      core = cond(ref(c(i, "out_valid")), lit(destBits, i), core);
      neuron = cond(ref(c(i, "out_valid")), ref(c(i, "out_neuron")), neuron);
    }
    for (int i = 0; i < n; i++) {
      wire(c(i, "grant"), 1, and(and(ref("advance"), ref(c(i, "out_valid"))),
          not(higher)));
      higher = or(higher, ref(c(i, "out_valid")));
    }
    wire("pick_valid", 1, reduceOr(vector("out_valid")));
    wire("pick_core", destBits, core);
    wire("pick_neuron", nb, neuron);
    comment("Decode addresses: (core, neuron) in the send region; a host key's granule in the "
        + "key index, if the index covers the key.");
    wire("send_addr", destBits + nb, cat(ref("pick_core"), ref("pick_neuron")));
    int g = table.granuleBits();
    int ib = table.indexedBits();
    if (ib > 0) {
      wire("index_granule", ib, slice("in_key", g + ib - 1, g));
    }
    wire("index_addr", ab, bin(lit(ab, table.indexBase()), "+", ib == 0 ? lit(ab, 0)
        : fit("index_granule", ib, ab)));
    int top = g + ib;
    wire("host_indexed", 1, top >= keyBits ? lit(1, 1)
        : eq(slice("in_key", keyBits - 1, top), lit(keyBits - top, 0)));
  }

  private void tableMemory() {
    int dw = table.decodeWidth();
    int bw = table.blockWidth();
    int lw = table.loadWidth();
    int ab = table.decodeAddressBits();
    int bb = table.blockBits();
    int beat = CoreGenerator.LOAD_BEAT_BITS;
    comment("Router memories (" + table.className() + "), written through the load port "
        + "(ld_core = " + n + "), most significant beat first: decode {valid, key, block} "
        + "(send region, then the key index from " + table.indexBase() + "), blocks {route, "
        + "offset width, row-key base per core}.");
    Expr word = lw > beat ? cat(ref("tl_stage"), ref("ld_data"))
        : lw == beat ? ref("ld_data") : slice("ld_data", lw - 1, 0);
    wire("ld_word", lw, word);
    wire("router_ld", 1, and(and(ref("ld_valid"), ref("ld_last")), eq(ref("ld_core"),
        lit(coreSelectBits(image), n))));
    wire("rtab_we", 1, and(ref("router_ld"), eq(ref("ld_target"), lit(3, DECODE_TARGET))));
    wire("rblk_we", 1, and(ref("router_ld"), eq(ref("ld_target"), lit(3, BLOCK_TARGET))));
    wire("config_we", 1, and(ref("router_ld"), eq(ref("ld_target"), lit(3, CONFIG_TARGET))));
    wire("rtab_wa", ab, fit("ld_addr", loadAddressBits(image), ab));
    wire("rtab_wd", dw, low("ld_word", lw, dw));
    wire("rtab_re", 1, ref("advance"));
    wire("rtab_ra", ab, cond(ref("host_take"), ref("index_addr"),
        fit("send_addr", destBits + shape.neuronBits(), ab)));
    memory("rtab", dw, 1 << ab, "INIT_TABLE");
    comment("Stage 1: the decode word read for the key picked last cycle.");
    wire("t_valid", 1, Expr.bit("rtab_rd", dw - 1));
    wire("t_key", keyBits, slice("rtab_rd", dw - 2, bb));
    wire("t_block", bb, slice("rtab_rd", bb - 1, 0));
    comment("Only the key's offset in its block travels on: the block gives the rest.");
    wire("s1_offset", table.offsetBits(), cond(ref("s1_host"), ref("s1_key"),
        low("t_key", keyBits, table.offsetBits())));
    wire("rblk_wa", bb, fit("ld_addr", loadAddressBits(image), bb));
    wire("rblk_wd", bw, low("ld_word", lw, bw));
    wire("rblk_re", 1, ref("advance"));
    wire("rblk_ra", bb, ref("t_block"));
    memory("rblk", bw, 1 << bb, "INIT_BLOCKS");
  }

  private void router() {
    int rb = shape.preBits();
    int ob = table.offsetBits();
    int bw = table.blockWidth();
    comment("Stage 2: the block word: destination cores, the key's offset in the block and "
        + "each core's row-key base.");
    wire("b_route", n, slice("rblk_rd", bw - 1, bw - n));
    int wb = table.widthBits();
    wire("b_width", wb, slice("rblk_rd", n * rb + wb - 1, n * rb));
    wire("b_above", ob, bin(lit(ob, (1L << ob) - 1), "<<", ref("b_width")));
    wire("b_offset", ob, bin(ref("s2_key"), "&", new Expr.Un("~", ref("b_above"))));
    for (int i = 0; i < n; i++) {
      // The offset is below the block's size, which the core's row keys hold.
      wire(c(i, "row"), rb, bin(slice("rblk_rd", (i + 1) * rb - 1, i * rb), "+",
          fit("b_offset", ob, rb)));
    }
  }

  private void cores(Preload preload) {
    int nb = shape.neuronBits();
    int la = loadAddressBits(image);
    String module = CoreGenerator.moduleName(shape);
    comment("The cores' load address (the router table's may be wider).");
    wire("core_ld_addr", shape.loadAddressBits(), fit("ld_addr", la,
        shape.loadAddressBits()));
    for (int i = 0; i < n; i++) {
      comment("Core " + i + ": stage 3 offers it its local row key when the key's block "
          + "reaches it; it starts unless it is off.");
      wire(c(i, "start"), 1, and(ref("core_start"), not(n == 1 ? ref("core_off")
          : Expr.bit("core_off", i))));
      wire(c(i, "in_valid"), 1, and(and(ref("s3_valid"), n == 1 ? ref("s3_route")
          : Expr.bit("s3_route", i)), ref("advance")));
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
      conns.add(new Item.Connection("in_key", ref(c(i, "local"))));
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
        + "core is updating and the router's pipeline is empty with no spike waiting.");
    wire("busy", 1, or(ref("running"), reduceOr(vector("busy"))));
    wire("core_start", 1, and(ref("step_start"), not(ref("busy"))));
    wire("close", 1, and(and(ref("running"), not(reduceOr(vector("updating")))),
        not(or(or(ref("pick_valid"), ref("s1_valid")), or(ref("s2_valid"),
            ref("s3_valid"))))));
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

  private void process() {
    List<Stmt> reset = List.of(set("running", lit(1, 0)), set("done", lit(n, 0)),
        set("step_done", lit(1, 0)), set("overrun", lit(1, 0)), set("out_valid", lit(1, 0)),
        set("s1_valid", lit(1, 0)), set("s2_valid", lit(1, 0)), set("s3_valid", lit(1, 0)));
    List<Stmt> run = new ArrayList<>();
    run.add(set("step_done", lit(1, 0)));
    run.add(set("out_valid", lit(1, 0)));
    int stage = table.loadWidth() - CoreGenerator.LOAD_BEAT_BITS;
    if (stage > 0) {
      Expr shifted = stage > CoreGenerator.LOAD_BEAT_BITS
          ? cat(slice("tl_stage", stage - CoreGenerator.LOAD_BEAT_BITS - 1, 0), ref("ld_data"))
          : stage == CoreGenerator.LOAD_BEAT_BITS ? ref("ld_data")
          : slice("ld_data", stage - 1, 0);
      run.add(when(and(ref("ld_valid"), not(ref("ld_last"))), set("tl_stage", shifted)));
    }
    List<Stmt> move = new ArrayList<>();
    move.add(set("s1_valid", or(and(ref("host_take"), ref("host_indexed")),
        and(not(ref("host_take")), ref("pick_valid")))));
    move.add(set("s1_host", ref("host_take")));
    move.add(set("s1_key", low("in_key", keyBits, table.offsetBits())));
    move.add(set("s2_valid", and(ref("s1_valid"), ref("t_valid"))));
    move.add(set("s2_key", ref("s1_offset")));
    move.add(when(and(and(ref("s1_valid"), not(ref("s1_host"))), ref("t_valid")),
        set("out_valid", lit(1, 1)), set("out_key", ref("t_key"))));
    move.add(set("s3_valid", ref("s2_valid")));
    move.add(set("s3_route", ref("b_route")));
    for (int i = 0; i < n; i++) {
      move.add(set(c(i, "local"), ref(c(i, "row"))));
    }
    run.add(when(ref("advance"), move.toArray(Stmt[]::new)));
    run.add(when(or(and(ref("step_start"), ref("busy")), ref("fault")),
        set("overrun", lit(1, 1))));
    run.add(when(ref("core_start"), set("running", lit(1, 1)), set("done", lit(n, 0))));
    run.add(when(ref("running"), new Stmt.If(eq(ref("done_next"), Expr.ones(n)),
        List.of(set("running", lit(1, 0)), set("done", lit(n, 0)), set("step_done", lit(1, 1))),
        List.of(set("done", ref("done_next"))))));
    // The config word is not reset: RESET keeps what was loaded, as the memories do.
    run.add(when(ref("config_we"), set("core_off", n == 1 ? Expr.bit("ld_word", 0)
        : slice("ld_word", n - 1, 0))));
    items.add(new Item.Always("clk", List.of(new Stmt.If(ref("rst"), reset, run))));
  }
}
