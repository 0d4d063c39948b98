package snnc.hdl.lower;

import static snnc.hdl.lower.Expr.and;
import static snnc.hdl.lower.Expr.bin;
import static snnc.hdl.lower.Expr.bit;
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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import snnc.hdl.lower.RtlModule.Direction;
import snnc.hdl.lower.RtlModule.Port;
import snnc.ir.numerics.NumericsProfile;

/**
 * Builds the time-multiplexed neuromorphic core of one {@link CoreShape} as an RTL model.
 *
 * <p>One neuron is updated at a time by a seven-state sequence sharing one multiplier (read; leak;
 * excitatory and inhibitory propagators; the two current decays; write-back), which is the
 * docs/numerics.md schedule with each product rounded on its own. Then every spike of the step
 * (host-injected source keys and the neurons that just fired, queued by key) walks its synapse row
 * and adds each raw weight, saturating, into the delay ring slot (n + delay) mod ringSlots of its
 * target. Memories are simple dual-port RAMs with a read enable so their read registers hold the
 * operands across the sequence.
 */
public final class CoreGenerator {

  /** The FSM states; their ordinal is the state encoding. */
  enum State {
    CLEAR, IDLE, U_READ, U_LEAK, U_EXC, U_INH, U_DEC_E, U_DEC_I, U_WRITE,
    D_QUEUE, D_ROW, D_PTR, D_SYN, D_RING, D_ADD, FINISH
  }

  static final int STATE_BITS = 4;
  /** Load-port data beat width. */
  public static final int LOAD_BEAT_BITS = 32;

  private final CoreShape shape;
  private final NumericsProfile profile;
  private final List<Item> items = new ArrayList<>();

  private CoreGenerator(CoreShape shape) {
    this.shape = shape;
    this.profile = shape.profile();
  }

  /** The module name of the core of {@code shape}. */
  public static String moduleName(CoreShape shape) {
    return "snnc_core_" + shape.className();
  }

  /** The widest loadable memory word; the host sends ceil(width / 32) beats per word. */
  public static int loadWordBits(CoreShape shape) {
    int w = Math.max(Math.max(shape.constants().width(), shape.state().width()),
        Math.max(shape.rows().width(), shape.synapses().width()));
    return Math.max(w, shape.neuronBits());
  }

  /** The core module, with {@code header} as its leading comment. */
  public static RtlModule generate(CoreShape shape, List<String> header) {
    return new CoreGenerator(shape).build(header);
  }

  private RtlModule build(List<String> header) {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    List<RtlModule.Param> params = List.of(
        new RtlModule.Param("INIT_CONSTANTS", new Expr.Str(""), "per-neuron constants image"),
        new RtlModule.Param("INIT_STATE", new Expr.Str(""), "initial neuron state image"),
        new RtlModule.Param("INIT_ROWS", new Expr.Str(""), "synapse row per spike key"),
        new RtlModule.Param("INIT_SYNAPSES", new Expr.Str(""), "synapse table image"),
        new RtlModule.Param("LAST_NEURON", lit(nb, 0), "index of the last neuron updated"),
        new RtlModule.Param("SYSTEM", lit(1, 0),
            "1 in a multi-core system: spikes leave through out_*, keys arrive all step"));
    List<Port> ports = List.of(
        new Port("clk", Direction.INPUT, 1, false, null),
        new Port("rst", Direction.INPUT, 1, false, "synchronous, active high"),
        new Port("step_start", Direction.INPUT, 1, false, "start one timestep (from IDLE)"),
        new Port("busy", Direction.OUTPUT, 1, false, "a timestep or the ring clear is running"),
        new Port("step_done", Direction.OUTPUT, 1, false, "one-cycle pulse: the step finished"),
        new Port("overrun", Direction.OUTPUT, 1, true, "sticky: step_start came while busy"),
        new Port("step_count", Direction.OUTPUT, 32, true, "timesteps completed"),
        new Port("in_valid", Direction.INPUT, 1, false, "AER input: a source spike key"),
        new Port("in_key", Direction.INPUT, kb, false, null),
        new Port("in_ready", Direction.OUTPUT, 1, false, "keys are accepted while idle"),
        new Port("out_valid", Direction.OUTPUT, 1, false, "AER output: a neuron fired"),
        new Port("out_neuron", Direction.OUTPUT, nb, false, null),
        new Port("out_ready", Direction.INPUT, 1, false,
            "SYSTEM: the router takes the spike (else the update waits)"),
        new Port("in_close", Direction.INPUT, 1, false,
            "SYSTEM: no more keys this step, delivery may finish"),
        new Port("updating", Direction.OUTPUT, 1, false, "the neuron update is running"),
        new Port("ld_valid", Direction.INPUT, 1, false, "load port beat (only while idle)"),
        new Port("ld_last", Direction.INPUT, 1, false, "last beat: write the word"),
        new Port("ld_target", Direction.INPUT, 3, false,
            "0 constants, 1 state, 2 rows, 3 synapses, 4 config"),
        new Port("ld_addr", Direction.INPUT, shape.loadAddressBits(), false, null),
        new Port("ld_data", Direction.INPUT, LOAD_BEAT_BITS, false,
            "32 bits per beat, most significant beat first"));
    states();
    loadPort();
    neuronDatapath();
    deliveryDatapath();
    memories();
    controller();
    return new RtlModule(moduleName(shape), header, params, ports, items);
  }

  // ---------------------------------------------------------------- helpers

  private void comment(String text) {
    items.add(new Item.Comment(text));
  }

  private void wire(String name, int width, Expr value) {
    items.add(new Item.Wire(name, width, false, value));
  }

  private void swire(String name, int width, Expr value) {
    items.add(new Item.Wire(name, width, true, value));
  }

  private void reg(String name, int width) {
    items.add(new Item.Reg(name, width, false));
  }

  private void sreg(String name, int width) {
    items.add(new Item.Reg(name, width, true));
  }

  private static Expr inState(State s) {
    return eq(ref("phase"), ref(s.name()));
  }

  /** Sign-extends wire {@code name} of {@code from} bits to {@code to} bits. */
  private static Expr sext(String name, int from, int to) {
    if (to == from) {
      return ref(name);
    }
    return cat(new Expr.Rep(to - from, bit(name, from - 1)), ref(name));
  }

  private static Expr zext(String name, int from, int to) {
    if (to == from) {
      return ref(name);
    }
    return cat(lit(to - from, 0), ref(name));
  }

  /** Saturates signed wire {@code name} of {@code from} bits into {@code to} bits. */
  private static Expr saturate(String name, int from, int to) {
    Expr top = slice(name, from - 1, to - 1);
    int topBits = from - to + 1;
    Expr fits = or(eq(top, lit(topBits, 0)), eq(top, Expr.ones(topBits)));
    Expr min = lit(to, 1L << (to - 1));
    Expr max = lit(to, (1L << (to - 1)) - 1);
    return cond(fits, slice(name, to - 1, 0), cond(bit(name, from - 1), min, max));
  }

  private void fields(WordLayout layout, String prefix, String word, List<String> signed) {
    for (WordLayout.Field f : layout.fields()) {
      Expr value = slice(word, f.hi(), f.lo());
      if (signed.contains(f.name())) {
        swire(prefix + f.name(), f.width(), value);
      } else {
        wire(prefix + f.name(), f.width(), value);
      }
    }
  }

  // ---------------------------------------------------------------- structure

  private void states() {
    comment("Controller states: CLEAR zeroes the delay ring after reset; U_* update one neuron; "
        + "D_* deliver the step's spikes.");
    for (State s : State.values()) {
      items.add(new Item.LocalParam(s.name(), lit(STATE_BITS, s.ordinal())));
    }
    reg("phase", STATE_BITS);
    reg("neuron", shape.neuronBits());
    reg("last_neuron", shape.neuronBits());
    reg("slot", shape.slotBits());
    reg("clear_addr", ringAddressBits());
    reg("q_count", shape.preBits() + 1);
    reg("q_index", shape.preBits() + 1);
    reg("ptr", shape.synapseBits());
    reg("ptr_end", shape.synapseBits());
    sreg("acc", shape.sumBits());
    sreg("ie_dec", shape.currentBits());
    sreg("ii_dec", shape.currentBits());
  }

  private int ringAddressBits() {
    return shape.slotBits() + shape.neuronBits();
  }

  private void loadPort() {
    int word = loadWordBits(shape);
    comment("Load port: beats shift into ld_stage; the last beat writes the assembled word.");
    wire("ld_write", 1, and(ref("ld_valid"), ref("ld_last")));
    if (word > LOAD_BEAT_BITS) {
      int stage = word - LOAD_BEAT_BITS;
      reg("ld_stage", stage);
      wire("ld_word", word, cat(ref("ld_stage"), ref("ld_data")));
    } else {
      wire("ld_word", word, slice("ld_data", word - 1, 0));
    }
  }

  private void neuronDatapath() {
    int vb = shape.voltageBits();
    int ib = shape.currentBits();
    int pw = shape.productBits();
    int sw = shape.sumBits();
    int rb = profile.refractoryBits();
    comment("Operands of the neuron being updated (read in U_READ, held by the read enables).");
    fields(shape.constants(), "c_", "constants_rd", List.of("v_rest", "v_reset", "v_thresh",
        "offset"));
    fields(shape.state(), "s_", "state_rd", List.of("v", "ie", "ii"));
    comment("Step 2: d = sat_V(v - v_rest).");
    swire("d_diff", vb + 1, bin(sext("s_v", vb, vb + 1), "-", sext("c_v_rest", vb, vb + 1)));
    swire("d_sat", vb, saturate("d_diff", vb + 1, vb));
    comment("One shared multiplier: signed state times unsigned factor, exact in "
        + pw + " bits.");
    swire("d_x", pw, sext("d_sat", vb, pw));
    swire("ie_x", pw, sext("s_ie", ib, pw));
    swire("ii_x", pw, sext("s_ii", ib, pw));
    for (String f : List.of("pm", "pe", "pi")) {
      swire(f + "_x", pw, zext("c_" + f, profile.decay().bits(), pw));
    }
    for (String f : List.of("p21e", "p21i")) {
      swire(f + "_x", pw, zext("c_" + f, profile.coefficient().bits(), pw));
    }
    swire("mul_a", pw, cond(inState(State.U_LEAK), ref("d_x"),
        cond(or(inState(State.U_EXC), inState(State.U_DEC_E)), ref("ie_x"), ref("ii_x"))));
    swire("mul_b", pw, cond(inState(State.U_LEAK), ref("pm_x"),
        cond(inState(State.U_EXC), ref("p21e_x"),
            cond(inState(State.U_INH), ref("p21i_x"),
                cond(inState(State.U_DEC_E), ref("pe_x"), ref("pi_x"))))));
    swire("product", pw, bin(ref("mul_a"), "*", ref("mul_b")));
    int decayShift = profile.decay().fracBits();
    int propShift = profile.propagatorShift();
    comment("Round half up: (p + 2^(s-1)) >>> s, for the decay and the propagator shifts.");
    swire("round_decay_sum", pw, bin(ref("product"), "+",
        Expr.signedLit(pw, BigInteger.ONE.shiftLeft(decayShift - 1))));
    swire("round_decay", pw, bin(ref("round_decay_sum"), ">>>", new Expr.Int(decayShift)));
    swire("round_prop_sum", pw, bin(ref("product"), "+",
        Expr.signedLit(pw, BigInteger.ONE.shiftLeft(propShift - 1))));
    swire("round_prop", pw, bin(ref("round_prop_sum"), ">>>", new Expr.Int(propShift)));
    swire("round_decay_x", sw, sext("round_decay", pw, sw));
    swire("round_prop_x", sw, sext("round_prop", pw, sw));
    swire("v_rest_x", sw, sext("c_v_rest", vb, sw));
    swire("offset_x", sw, sext("c_offset", vb, sw));

    comment("Steps 1 and 4-6, evaluated in U_WRITE from the accumulated sum.");
    wire("active", 1, eq(ref("s_cnt"), lit(rb, 0)));
    swire("v_leak", vb, saturate("acc", sw, vb));
    swire("v_int", vb, cond(ref("active"), ref("v_leak"), ref("s_v")));
    wire("spike", 1, and(ref("active"), bin(ref("v_int"), ">", ref("c_v_thresh"))));
    wire("refrac_next", rb, cond(eq(ref("c_refrac"), lit(rb, 0)), lit(rb, 0),
        bin(ref("c_refrac"), "-", lit(rb, 1))));
    wire("cnt_next", rb, cond(not(ref("active")), bin(ref("s_cnt"), "-", lit(rb, 1)),
        cond(ref("spike"), ref("refrac_next"), lit(rb, 0))));
    int rgb = shape.ringBits();
    swire("ring_e_x", sw, zext("ring_exc_rd", rgb, sw));
    swire("ring_i_x", sw, zext("ring_inh_rd", rgb, sw));
    swire("in_e", sw, bin(ref("ring_e_x"), "<<", ref("c_shift_e")));
    swire("in_i", sw, bin(ref("ring_i_x"), "<<", ref("c_shift_i")));
    swire("ie_dec_x", sw, sext("ie_dec", ib, sw));
    swire("ii_dec_x", sw, sext("ii_dec", ib, sw));
    swire("ie_sum", sw, bin(ref("ie_dec_x"), "+", ref("in_e")));
    swire("ii_sum", sw, bin(ref("ii_dec_x"), "+", ref("in_i")));
    swire("ie_next", ib, saturate("ie_sum", sw, ib));
    swire("ii_next", ib, saturate("ii_sum", sw, ib));
    comment("IF_curr_delta: the ring sums go to v (also while refractory), one saturation.");
    swire("v_int_x", sw, sext("v_int", vb, sw));
    swire("v_delta_sum", sw, bin(bin(ref("v_int_x"), "+", ref("in_e")), "-", ref("in_i")));
    swire("v_delta", vb, saturate("v_delta_sum", sw, vb));
    swire("v_next", vb, cond(ref("spike"), ref("c_v_reset"),
        cond(ref("c_delta"), ref("v_delta"), ref("v_int"))));
    swire("ie_keep", ib, cond(ref("c_delta"), ref("s_ie"), ref("ie_next")));
    swire("ii_keep", ib, cond(ref("c_delta"), ref("s_ii"), ref("ii_next")));
    wire("state_next", shape.state().width(),
        cat(ref("cnt_next"), ref("ii_keep"), ref("ie_keep"), ref("v_next")));
  }

  private void deliveryDatapath() {
    int lb = shape.slotBits();
    int rgb = shape.ringBits();
    int wb = profile.weightBits();
    comment("Delivery: row of the queued key, then per synapse ring[(slot + delay) mod "
        + shape.ringSlots() + "][target] += weight, saturating.");
    fields(shape.rows(), "row_", "rows_rd", List.of());
    fields(shape.synapses(), "syn_", "synapses_rd", List.of());
    wire("slot_sum", lb + 1, bin(zext("slot", lb, lb + 1), "+", zext("syn_delay", lb, lb + 1)));
    wire("slot_wrap", lb, bin(slice("slot_sum", lb - 1, 0), "-", lit(lb, shape.ringSlots())));
    wire("dlv_slot", lb, cond(bin(ref("slot_sum"), ">=", lit(lb + 1, shape.ringSlots())),
        ref("slot_wrap"), slice("slot_sum", lb - 1, 0)));
    wire("ring_old", rgb, cond(ref("syn_inh"), ref("ring_inh_rd"), ref("ring_exc_rd")));
    wire("ring_add", rgb + 1, bin(zext("ring_old", rgb, rgb + 1), "+",
        zext("syn_weight", wb, rgb + 1)));
    wire("ring_sat", rgb, cond(bit("ring_add", rgb), Expr.ones(rgb), slice("ring_add", rgb - 1,
        0)));
  }

  private void memories() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int rab = ringAddressBits();
    comment("Memories: one write and one read port each, read data registered.");
    Expr ldOn = ref("ld_write");
    for (CoreShape.Target t : List.of(CoreShape.Target.CONSTANTS, CoreShape.Target.ROWS,
        CoreShape.Target.SYNAPSES)) {
      String name = t.name().toLowerCase();
      WordLayout layout = t == CoreShape.Target.CONSTANTS ? shape.constants()
          : t == CoreShape.Target.ROWS ? shape.rows() : shape.synapses();
      int depthBits = t == CoreShape.Target.CONSTANTS ? nb : t == CoreShape.Target.ROWS ? kb : sb;
      wire(name + "_we", 1, and(ldOn, eq(ref("ld_target"), lit(3, t.ordinal()))));
      wire(name + "_wa", depthBits, slice("ld_addr", depthBits - 1, 0));
      wire(name + "_wd", layout.width(), slice("ld_word", layout.width() - 1, 0));
    }
    wire("constants_re", 1, inState(State.U_READ));
    wire("constants_ra", nb, ref("neuron"));
    wire("rows_re", 1, inState(State.D_ROW));
    wire("rows_ra", kb, ref("queue_rd"));
    wire("synapses_re", 1, inState(State.D_SYN));
    wire("synapses_ra", sb, ref("ptr"));

    int sw = shape.state().width();
    Expr ldState = and(ldOn, eq(ref("ld_target"), lit(3, CoreShape.Target.STATE.ordinal())));
    wire("state_we", 1, or(inState(State.U_WRITE), ldState));
    wire("state_wa", nb, cond(inState(State.U_WRITE), ref("neuron"), slice("ld_addr", nb - 1,
        0)));
    wire("state_wd", sw, cond(inState(State.U_WRITE), ref("state_next"),
        slice("ld_word", sw - 1, 0)));
    wire("state_re", 1, inState(State.U_READ));
    wire("state_ra", nb, ref("neuron"));

    Expr here = cat(ref("slot"), ref("neuron"));
    Expr there = cat(ref("dlv_slot"), ref("syn_target"));
    wire("ring_wa", rab, cond(inState(State.CLEAR), ref("clear_addr"),
        cond(inState(State.U_WRITE), here, there)));
    wire("ring_ra", rab, cond(inState(State.U_READ), here, there));
    wire("ring_re", 1, or(inState(State.U_READ), inState(State.D_RING)));
    wire("ring_wd", shape.ringBits(), cond(inState(State.D_ADD), ref("ring_sat"),
        lit(shape.ringBits(), 0)));
    Expr clearing = or(inState(State.CLEAR), inState(State.U_WRITE));
    wire("ring_exc_we", 1, or(clearing, and(inState(State.D_ADD), not(ref("syn_inh")))));
    wire("ring_inh_we", 1, or(clearing, and(inState(State.D_ADD), ref("syn_inh"))));

    comment("Alone (SYSTEM = 0) the core queues its own spikes; in a system they go out to the "
        + "router and come back as keys when the mapping routes them here.");
    wire("queue_we", 1, or(and(ref("in_ready"), ref("in_valid")),
        and(and(inState(State.U_WRITE), ref("spike")), not(ref("SYSTEM")))));
    wire("queue_wa", kb, slice("q_count", kb - 1, 0));
    wire("queue_wd", kb, cond(ref("in_ready"), ref("in_key"),
        kb == nb ? ref("neuron") : cat(lit(kb - nb, 0), ref("neuron"))));
    wire("queue_re", 1, inState(State.D_QUEUE));
    wire("queue_ra", kb, slice("q_index", kb - 1, 0));

    memory("constants", shape.constants().width(), 1 << nb, "INIT_CONSTANTS");
    memory("state", sw, 1 << nb, "INIT_STATE");
    memory("rows", shape.rows().width(), 1 << kb, "INIT_ROWS");
    memory("synapses", shape.synapses().width(), 1 << sb, "INIT_SYNAPSES");
    int ringDepth = shape.ringSlots() << nb;
    items.add(new Item.Memory("ring_exc", shape.ringBits(), ringDepth, "block", null,
        "ring_exc_we", "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_exc_rd"));
    items.add(new Item.Memory("ring_inh", shape.ringBits(), ringDepth, "block", null,
        "ring_inh_we", "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_inh_rd"));
    items.add(new Item.Memory("queue", kb, 1 << kb, "block", null,
        "queue_we", "queue_wa", "queue_wd", "queue_re", "queue_ra", "queue_rd"));
  }

  private void memory(String name, int width, int depth, String init) {
    items.add(new Item.Memory(name, width, depth, "block", init, name + "_we", name + "_wa",
        name + "_wd", name + "_re", name + "_ra", name + "_rd"));
  }

  private void controller() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int lb = shape.slotBits();
    int rab = ringAddressBits();
    comment("Timestep controller and AER handshakes.");
    wire("busy", 1, not(inState(State.IDLE)));
    wire("step_done", 1, inState(State.FINISH));
    wire("in_ready", 1, or(inState(State.IDLE), and(ref("SYSTEM"),
        and(not(inState(State.CLEAR)), not(inState(State.FINISH))))));
    wire("updating", 1, and(bin(ref("phase"), ">=", ref("U_READ")),
        bin(ref("phase"), "<=", ref("U_WRITE"))));
    wire("out_wait", 1, and(and(ref("SYSTEM"), ref("spike")), not(ref("out_ready"))));
    wire("out_valid", 1, and(inState(State.U_WRITE), ref("spike")));
    wire("out_neuron", nb, ref("neuron"));
    wire("ptr_next", sb, bin(ref("ptr"), "+", lit(sb, 1)));
    wire("q_next", kb + 1, bin(ref("q_index"), "+", lit(kb + 1, 1)));

    List<Stmt.Arm> arms = new ArrayList<>();
    arms.add(arm(State.CLEAR,
        set("clear_addr", bin(ref("clear_addr"), "+", lit(rab, 1))),
        when(eq(ref("clear_addr"), lit(rab, ((long) shape.ringSlots() << nb) - 1)),
            set("phase", ref("IDLE")))));
    arms.add(arm(State.IDLE,
        when(ref("step_start"), set("neuron", lit(nb, 0)), set("phase", ref("U_READ")))));
    arms.add(arm(State.U_READ, set("phase", ref("U_LEAK"))));
    arms.add(arm(State.U_LEAK,
        set("acc", bin(bin(ref("v_rest_x"), "+", ref("offset_x")), "+", ref("round_decay_x"))),
        set("phase", ref("U_EXC"))));
    arms.add(arm(State.U_EXC, set("acc", bin(ref("acc"), "+", ref("round_prop_x"))),
        set("phase", ref("U_INH"))));
    arms.add(arm(State.U_INH, set("acc", bin(ref("acc"), "-", ref("round_prop_x"))),
        set("phase", ref("U_DEC_E"))));
    int ib = shape.currentBits();
    arms.add(arm(State.U_DEC_E, set("ie_dec", slice("round_decay", ib - 1, 0)),
        set("phase", ref("U_DEC_I"))));
    arms.add(arm(State.U_DEC_I, set("ii_dec", slice("round_decay", ib - 1, 0)),
        set("phase", ref("U_WRITE"))));
    // Holding U_WRITE while the router is busy repeats the same writes, so it is harmless.
    arms.add(arm(State.U_WRITE, new Stmt.If(ref("out_wait"), List.of(), List.of(
        new Stmt.If(eq(ref("neuron"), ref("last_neuron")),
            List.of(set("q_index", lit(kb + 1, 0)), set("phase", ref("D_QUEUE"))),
            List.of(set("neuron", bin(ref("neuron"), "+", lit(nb, 1))),
                set("phase", ref("U_READ"))))))));
    arms.add(arm(State.D_QUEUE, new Stmt.If(eq(ref("q_index"), ref("q_count")),
        List.of(when(or(not(ref("SYSTEM")), ref("in_close")), set("phase", ref("FINISH")))),
        List.of(set("phase", ref("D_ROW"))))));
    arms.add(arm(State.D_ROW, set("phase", ref("D_PTR"))));
    arms.add(arm(State.D_PTR, set("ptr", ref("row_start")), set("ptr_end", ref("row_end")),
        new Stmt.If(eq(ref("row_start"), ref("row_end")),
            List.of(set("q_index", ref("q_next")), set("phase", ref("D_QUEUE"))),
            List.of(set("phase", ref("D_SYN"))))));
    arms.add(arm(State.D_SYN, set("phase", ref("D_RING"))));
    arms.add(arm(State.D_RING, set("phase", ref("D_ADD"))));
    arms.add(arm(State.D_ADD, set("ptr", ref("ptr_next")),
        new Stmt.If(eq(ref("ptr_next"), ref("ptr_end")),
            List.of(set("q_index", ref("q_next")), set("phase", ref("D_QUEUE"))),
            List.of(set("phase", ref("D_SYN"))))));
    arms.add(arm(State.FINISH, set("q_count", lit(kb + 1, 0)),
        set("step_count", bin(ref("step_count"), "+", lit(32, 1))),
        set("slot", cond(eq(ref("slot"), lit(lb, shape.ringSlots() - 1)), lit(lb, 0),
            bin(ref("slot"), "+", lit(lb, 1)))),
        set("phase", ref("IDLE"))));

    List<Stmt> running = new ArrayList<>();
    int word = loadWordBits(shape);
    if (word > LOAD_BEAT_BITS) {
      int stage = word - LOAD_BEAT_BITS;
      Expr shifted = stage > LOAD_BEAT_BITS
          ? cat(slice("ld_stage", stage - LOAD_BEAT_BITS - 1, 0), ref("ld_data"))
          : stage == LOAD_BEAT_BITS ? ref("ld_data") : slice("ld_data", stage - 1, 0);
      running.add(when(and(ref("ld_valid"), not(ref("ld_last"))), set("ld_stage", shifted)));
    }
    running.add(when(and(ref("ld_write"),
            eq(ref("ld_target"), lit(3, CoreShape.Target.CONFIG.ordinal()))),
        set("last_neuron", slice("ld_word", nb - 1, 0))));
    running.add(when(and(ref("step_start"), ref("busy")), set("overrun", lit(1, 1))));
    running.add(when(ref("queue_we"), set("q_count", bin(ref("q_count"), "+", lit(kb + 1, 1)))));
    running.add(new Stmt.Case(ref("phase"), arms, List.of(set("phase", ref("IDLE")))));

    List<Stmt> reset = List.of(set("phase", ref("CLEAR")), set("clear_addr", lit(rab, 0)),
        set("slot", lit(lb, 0)), set("neuron", lit(nb, 0)),
        set("last_neuron", ref("LAST_NEURON")), set("q_count", lit(kb + 1, 0)),
        set("q_index", lit(kb + 1, 0)), set("step_count", lit(32, 0)),
        set("overrun", lit(1, 0)));
    items.add(new Item.Always("clk", List.of(new Stmt.If(ref("rst"), reset, running))));
  }

  private static Stmt.Arm arm(State s, Stmt... body) {
    return new Stmt.Arm(ref(s.name()), List.of(body));
  }
}
