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

import java.util.ArrayList;
import java.util.List;
import snnc.hdl.lower.RtlModule.Direction;
import snnc.hdl.lower.RtlModule.Port;
import snnc.ir.numerics.NumericsProfile;

/**
 * Builds the time-multiplexed neuromorphic core of one {@link CoreShape} as an RTL model.
 *
 * <p>One neuron is updated at a time by a seven-state sequence sharing one multiplier (read;
 * excitatory propagator; leak; inhibitory propagator; the two current decays; write-back), which
 * is the docs/numerics.md schedule with each product rounded on its own. Then every spike of the step
 * (host-injected source keys and the neurons that just fired, queued by key) walks its synapse row
 * and adds each raw weight, saturating, into the delay ring slot (n + delay) mod ringSlots of its
 * target. Memories are simple dual-port RAMs with a read enable so their read registers hold the
 * operands across the sequence. In {@link Layout#SPRAM} the synapse table and the delay rings
 * are single-port memories instead (the UP5K's capacity arrangement, see {@link SpramLayout}).
 */
public final class CoreGenerator extends ItemBuilder {

  /**
   * The FSM states; a core's encoding is the index among the states it uses (the P_* states of
   * the Poisson generator exist only in cores that have it).
   */
  enum State {
    CLEAR, IDLE, U_SEG, U_READ, U_LEAK, U_EXC, U_INH, U_DEC_E, U_DEC_I, U_WRITE,
    D_QUEUE, D_ROW, D_PTR, D_SYN, D_RING, D_ADD, FINISH,
    P_NEXT, P_SEG, P_INIT, P_X1, P_M1, P_X2, P_M2, P_X3, P_SEED, P_FIRE,
    A_KEY, A_HIST, A_SYN, A_CHK, A_PRE, A_POST, A_DW, A_WRITE,
    U_PT, U_PTM, U_COL, U_CSYN, U_CLUT, U_CMUL, U_CDW;

    boolean poisson() {
      return name().startsWith("P_");
    }

    boolean stdp() {
      return ordinal() >= A_KEY.ordinal();
    }
  }

  /**
   * How the core's two big memories are arranged. {@link #DUAL_PORT}: every memory a simple
   * dual-port RAM (iCE40 block RAM): the synapse table one word per synapse, the excitatory and
   * inhibitory delay rings two memories read and cleared together. {@link #SPRAM} (the UP5K
   * capacity variant, docs/fpga.md): both memories single-port, as SB_SPRAM256KA is — the synapse
   * table holds two synapses per {@link #PAIR_BITS}-bit word (three SPRAMs side by side give 32k
   * synapses), and both delay rings share one {@link #RING_SPRAM_ADDRESS_BITS}-address-bit memory
   * at {inh, slot, neuron}, so the update reads its two ring entries in two cycles and clears them
   * in two more (inside its seven cycles) and each memory sees at most one access per cycle.
   * Static synapses only (the STDP unit writes synapses while running).
   */
  public enum Layout {
    DUAL_PORT, SPRAM
  }

  /** Bits of one synapse slot of a pair word (layout {@link Layout#SPRAM}). */
  public static final int PAIR_SLOT_BITS = 24;
  /** A pair word: synapse 2a in bits [23:0], synapse 2a + 1 in bits [47:24]. */
  public static final int PAIR_BITS = 2 * PAIR_SLOT_BITS;
  /** Address bits of one SB_SPRAM256KA (16k words of 16 bits). */
  public static final int RING_SPRAM_ADDRESS_BITS = 14;

  /** Load-port data beat width. */
  public static final int LOAD_BEAT_BITS = 32;

  private final CoreShape shape;
  private final Layout layout;
  private final NumericsProfile profile;
  private final List<State> states;
  private final int stateBits;

  private CoreGenerator(CoreShape shape, Layout layout) {
    super(new ArrayList<>());
    if (layout == Layout.SPRAM && (shape.stdp()
        || shape.synapses().width() > PAIR_SLOT_BITS)) {
      throw new IllegalArgumentException("the SPRAM layout holds static synapses of at most "
          + PAIR_SLOT_BITS + " bits, not " + shape.synapses().width() + " bits"
          + (shape.stdp() ? " with STDP" : ""));
    }
    this.shape = shape;
    this.layout = layout;
    this.profile = shape.profile();
    this.states = java.util.Arrays.stream(State.values())
        .filter(s -> (shape.poisson() || !s.poisson()) && (shape.stdp() || !s.stdp())).toList();
    this.stateBits = CoreShape.bitsFor(states.size() - 1);
  }

  /** The module name of the core of {@code shape}. */
  public static String moduleName(CoreShape shape) {
    return moduleName(shape, Layout.DUAL_PORT);
  }

  /** The module name of the core of {@code shape} in {@code layout}. */
  public static String moduleName(CoreShape shape, Layout layout) {
    return "snnc_core_" + shape.className() + (layout == Layout.SPRAM ? "_sp" : "");
  }

  /** The widest loadable memory word; the host sends ceil(width / 32) beats per word. */
  public static int loadWordBits(CoreShape shape) {
    return loadWordBits(shape, Layout.DUAL_PORT);
  }

  /** {@link #loadWordBits(CoreShape)} of the core in {@code layout}. */
  public static int loadWordBits(CoreShape shape, Layout layout) {
    int w = Math.max(Math.max(CoreShape.CHUNK_BITS, shape.state().width()),
        Math.max(shape.rows().width(), synapseWordBits(shape, layout)));
    return Math.max(w, Math.max(shape.neuronBits(), shape.segmentBits() + 1));
  }

  /** Width of a synapse-table word: one synapse, or a pair in {@link Layout#SPRAM}. */
  public static int synapseWordBits(CoreShape shape, Layout layout) {
    return layout == Layout.SPRAM ? PAIR_BITS : shape.synapses().width();
  }

  /**
   * Address width of the synapse table: the synapse address, or in {@link Layout#SPRAM} the pair
   * address (synapse address / 2), at most one SPRAM deep: a {@link Layout#SPRAM} core holds at
   * most 2^15 synapses (row ends wrap; the lowering checks the count).
   */
  public static int synapseAddressBits(CoreShape shape, Layout layout) {
    return layout == Layout.SPRAM
        ? Math.max(1, Math.min(shape.synapseBits() - 1, RING_SPRAM_ADDRESS_BITS))
        : shape.synapseBits();
  }

  /** Address width of the delay ring(s): {slot, neuron}, with {inh, ...} in front in SPRAM. */
  public static int ringAddressBits(CoreShape shape, Layout layout) {
    return (layout == Layout.SPRAM ? 1 : 0) + shape.slotBits() + shape.neuronBits();
  }

  /**
   * An upper bound on the compact core's clock cycles per timestep for {@code image} (either
   * layout; docs/fpga.md, "The compact core"): every key fires (host keys accepted one per cycle
   * first) and every synapse is delivered. Start and finish 2, Poisson 1 + (chunks + 3) per entry
   * + {@link #poissonCyclesPerNeuron()} per source, update (chunks + 1) per segment + 7 per neuron,
   * delivery 3 per key + 3 per synapse + 1 (in the SPRAM layout 4 per key + 2 per synapse: the
   * next synapse is fetched while the ring is written); with STDP 2 per key of the row memory
   * for the arrival scan (it walks every address), 6 per plastic synapse (test and depression),
   * 5 per plastic synapse (potentiation) and 2 per neuron (post-trace bump and column range).
   */
  public static long worstCaseCyclesPerStep(CoreImage image, Layout layout) {
    CoreShape shape = image.shape();
    long keys = image.rows().size();
    long chunks = shape.entryChunks();
    long poissonNeurons = image.populations().stream()
        .filter(p -> p.isSource() && !image.hostDriven(p)).mapToLong(p -> p.size()).sum();
    long perSynapse = layout == Layout.SPRAM ? 2 : 3;
    long perKey = layout == Layout.SPRAM ? 4 : 3;
    long cycles = 2 + keys + (chunks + 1) * image.segments() + 7L * image.neurons()
        + perKey * keys + perSynapse * image.synapses().size() + 1;
    if (shape.poisson()) {
      cycles += 1 + (chunks + 3) * image.poissonSources()
          + (long) poissonCyclesPerNeuron() * poissonNeurons;
    }
    if (shape.stdp()) {
      cycles += stdpCyclesPerStep(image);
    }
    return cycles;
  }

  /**
   * A bound on the cycles the STDP unit adds to a step of {@code image} (0 without STDP): the
   * arrival scan, 2 per address of the row memory; per plastic synapse 6 (history test and
   * depression) and 5 (potentiation); per neuron 2 (post-trace bump and its column range).
   * All of it happens before the core reaches delivery.
   */
  public static long stdpCyclesPerStep(CoreImage image) {
    CoreShape shape = image.shape();
    if (!shape.stdp()) {
      return 0;
    }
    return (2L << shape.preBits()) + 11L * image.plastic().size() + 2L * image.neurons();
  }

  /** Cycles the Poisson generator spends per source neuron and step (two SplitMix64 mixes). */
  public static int poissonCyclesPerNeuron() {
    return PoissonGenerator.CYCLES_PER_SOURCE;
  }

  /** The core module, with {@code header} as its leading comment. */
  public static RtlModule generate(CoreShape shape, List<String> header) {
    return generate(shape, header, Layout.DUAL_PORT);
  }

  /** The core module in {@code layout}, with {@code header} as its leading comment. */
  public static RtlModule generate(CoreShape shape, List<String> header, Layout layout) {
    return new CoreGenerator(shape, layout).build(header);
  }

  /** The on-chip Poisson generator (cores whose shape has it). */
  private PoissonGenerator poisson() {
    return new PoissonGenerator(shape, items, name -> inState(State.valueOf(name)));
  }

  private boolean spram() {
    return layout == Layout.SPRAM;
  }

  private RtlModule build(List<String> header) {
    states();
    loadPort();
    neuronDatapath();
    if (shape.poisson()) {
      poisson().datapath();
    }
    deliveryDatapath();
    if (shape.stdp()) {
      stdpDatapath();
    }
    memories();
    controller();
    return new RtlModule(moduleName(shape, layout), header, params(shape), ports(shape), items);
  }

  /** The core's parameters: memory images, the last neuron and the Poisson entries. */
  static List<RtlModule.Param> params(CoreShape shape) {
    List<RtlModule.Param> params = new ArrayList<>(List.of(
        new RtlModule.Param("INIT_CONSTANTS", new Expr.Str(""),
            "parameter table image (segments, Poisson populations)"),
        new RtlModule.Param("INIT_STATE", new Expr.Str(""), "initial neuron state image"),
        new RtlModule.Param("INIT_ROWS", new Expr.Str(""), "synapse row per spike key"),
        new RtlModule.Param("INIT_SYNAPSES", new Expr.Str(""), "synapse table image"),
        new RtlModule.Param("LAST_NEURON", lit(shape.neuronBits(), 0),
            "index of the last neuron updated"),
        new RtlModule.Param("SYSTEM", lit(1, 0),
            "1 in a multi-core system: spikes leave through out_*, keys arrive all step")));
    if (shape.stdp()) {
      params.add(new RtlModule.Param("INIT_RULES", new Expr.Str(""), "STDP rules image"));
      params.add(new RtlModule.Param("INIT_LUT", new Expr.Str(""), "STDP decay tables image"));
      params.add(new RtlModule.Param("INIT_COLUMNS", new Expr.Str(""),
          "plastic synapses by post neuron"));
    }
    if (shape.poisson()) {
      int eb = shape.segmentBits();
      params.add(new RtlModule.Param("POISSON_FIRST", lit(eb, 0),
          "parameter-table entry of the first Poisson population"));
      params.add(new RtlModule.Param("POISSON_END", lit(eb + 1, 0),
          "entry after the last Poisson population"));
    }
    return params;
  }

  /** The core's ports; every core template has exactly these, so tops and harnesses fit all. */
  static List<Port> ports(CoreShape shape) {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    return List.of(
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
            "the spike may go out (router; alone: room for it), else the update waits"),
        new Port("in_close", Direction.INPUT, 1, false,
            "SYSTEM: no more keys this step, delivery may finish"),
        new Port("updating", Direction.OUTPUT, 1, false,
            "the step has not reached delivery yet (its spikes may still come)"),
        new Port("ld_valid", Direction.INPUT, 1, false, "load port beat (only while idle)"),
        new Port("ld_last", Direction.INPUT, 1, false, "last beat: write the word"),
        new Port("ld_target", Direction.INPUT, 3, false, "0 parameter table, 1 state, 2 rows, "
            + "3 synapses, 4 config" + (shape.stdp() ? ", 5 rules, 6 decay tables, 7 columns"
            : "")),
        new Port("ld_addr", Direction.INPUT, shape.loadAddressBits(), false, null),
        new Port("ld_data", Direction.INPUT, LOAD_BEAT_BITS, false,
            "32 bits per beat, most significant beat first"),
        new Port("rb_valid", Direction.INPUT, 1, false,
            "read back synapse rb_addr (only while idle); rb_data follows a cycle later"),
        new Port("rb_addr", Direction.INPUT, shape.synapseBits(), false, null),
        new Port("rb_beat", Direction.INPUT, 2, false, "which 32 bits of the word, 0 = lowest"),
        new Port("rb_data", Direction.OUTPUT, LOAD_BEAT_BITS, false, null));
  }

  // ---------------------------------------------------------------- helpers






  private Expr inState(State s) {
    if (!states.contains(s)) {
      throw new IllegalStateException(s + " is not a state of this core");
    }
    return eq(ref("phase"), ref(s.name()));
  }

  /** Sign-extends wire {@code name} of {@code from} bits to {@code to} bits. */
  static Expr sext(String name, int from, int to) {
    if (to == from) {
      return ref(name);
    }
    return cat(new Expr.Rep(to - from, bit(name, from - 1)), ref(name));
  }

  static Expr zext(String name, int from, int to) {
    if (to == from) {
      return ref(name);
    }
    return cat(lit(to - from, 0), ref(name));
  }

  /** Saturates signed wire {@code name} of {@code from} bits into {@code to} bits. */
  static Expr saturate(String name, int from, int to) {
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
    comment("Controller states: CLEAR zeroes the delay ring after reset; U_SEG loads a segment's "
        + "constants, U_* update one neuron; D_* deliver the step's spikes"
        + (shape.poisson() ? "; P_* run the Poisson generator." : "."));
    for (int k = 0; k < states.size(); k++) {
      items.add(new Item.LocalParam(states.get(k).name(), lit(stateBits, k)));
    }
    reg("phase", stateBits);
    reg("neuron", shape.neuronBits());
    reg("last_neuron", shape.neuronBits());
    reg("seg", shape.segmentBits());
    reg("seg_chunk", shape.chunkBits() + 1);
    reg("seg_word", segWordBits());
    reg("slot", shape.slotBits());
    reg("clear_addr", clearAddressBits());
    reg("q_count", shape.preBits() + 1);
    reg("q_index", shape.preBits() + 1);
    reg("ptr", shape.synapseBits());
    reg("ptr_end", shape.synapseBits());
    sreg("acc", shape.sumBits());
    sreg("ie_dec", shape.currentBits());
    sreg("ii_dec", shape.currentBits());
  }

  private int ringAddressBits() {
    return ringAddressBits(shape, layout);
  }

  /** The clear after reset covers the delay rings and, with STDP, the spike history per key. */
  private int clearAddressBits() {
    return shape.stdp() ? Math.max(ringAddressBits(), shape.preBits()) : ringAddressBits();
  }

  private long clearLast() {
    if (spram()) {
      return (1L << ringAddressBits()) - 1;
    }
    long ring = ((long) shape.ringSlots() << shape.neuronBits()) - 1;
    return shape.stdp() ? Math.max(ring, (1L << shape.preBits()) - 1) : ring;
  }

  /** The entry register: as wide as the wider entry layout. */
  private int segWordBits() {
    int w = shape.constants().width();
    return shape.poisson() ? Math.max(w, shape.poissonSource().width()) : w;
  }

  private void loadPort() {
    int word = loadWordBits(shape, layout);
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
    comment("Parameter-table loader: an entry's chunks are read last chunk first and shifted in at "
        + "the bottom, so chunk i ends at bits [16i+15:16i] and the top chunk's padding drops out.");
    int chunks = shape.entryChunks();
    int cb = shape.chunkBits();
    Expr loading = shape.poisson() ? or(inState(State.U_SEG), inState(State.P_SEG))
        : inState(State.U_SEG);
    wire("seg_loading", 1, loading);
    wire("seg_loaded", 1, eq(ref("seg_chunk"), lit(cb + 1, chunks)));
    wire("seg_read_chunk", cb, bin(lit(cb, chunks - 1), "-", slice("seg_chunk", cb - 1, 0)));
    int sw0 = segWordBits();
    wire("seg_shifted", sw0, cat(slice("seg_word", sw0 - CoreShape.CHUNK_BITS - 1, 0),
        ref("params_rd")));
    comment("Operands of the neuron being updated: its segment's constants (entry register) and "
        + "its state (read in U_READ, held by the read enable).");
    fields(shape.constants(), "c_", "seg_word", List.of("v_rest", "v_reset", "v_thresh",
        "offset"));
    fields(shape.state(), "s_", "state_rd", List.of("v", "ie", "ii"));
    comment("Step 2: d = sat_V(v - v_rest), registered in U_LEAK for the leak product in U_EXC "
        + "(so the subtraction and saturation are not in front of the multiplier; the exact sum "
        + "in acc does not depend on the order of its terms).");
    swire("d_diff", vb + 1, bin(sext("s_v", vb, vb + 1), "-", sext("c_v_rest", vb, vb + 1)));
    swire("d_sat", vb, saturate("d_diff", vb + 1, vb));
    sreg("d_leak", vb);
    comment("One shared multiplier: signed state times unsigned factor, exact in "
        + pw + " bits.");
    swire("d_x", pw, sext("d_leak", vb, pw));
    swire("ie_x", pw, sext("s_ie", ib, pw));
    swire("ii_x", pw, sext("s_ii", ib, pw));
    for (String f : List.of("pm", "pe", "pi")) {
      swire(f + "_x", pw, zext("c_" + f, profile.decay().bits(), pw));
    }
    for (String f : List.of("p21e", "p21i")) {
      swire(f + "_x", pw, zext("c_" + f, profile.coefficient().bits(), pw));
    }
    swire("mul_a", pw, cond(inState(State.U_EXC), ref("d_x"),
        cond(or(inState(State.U_LEAK), inState(State.U_DEC_E)), ref("ie_x"), ref("ii_x"))));
    swire("mul_b", pw, cond(inState(State.U_EXC), ref("pm_x"),
        cond(inState(State.U_LEAK), ref("p21e_x"),
            cond(inState(State.U_INH), ref("p21i_x"),
                cond(inState(State.U_DEC_E), ref("pe_x"), ref("pi_x"))))));
    swire("product", pw, bin(ref("mul_a"), "*", ref("mul_b")));
    int decayShift = profile.decay().fracBits();
    int propShift = profile.propagatorShift();
    comment("Round half up: (p + 2^(s-1)) >>> s = (p >>> s) + p[s-1], for the decay and the "
        + "propagator shifts; p[s-1] is the carry-in of the add that takes the rounded product, "
        + "so rounding needs no carry chain of its own.");
    swire("decay_hi", pw - decayShift, slice("product", pw - 1, decayShift));
    wire("decay_c", 1, bit("product", decayShift - 1));
    swire("prop_hi", pw - propShift, slice("product", pw - 1, propShift));
    wire("prop_c", 1, bit("product", propShift - 1));
    swire("decay_hi_x", sw, sext("decay_hi", pw - decayShift, sw));
    swire("prop_hi_x", sw, sext("prop_hi", pw - propShift, sw));
    comment("acc - round(p) = acc + ~(p >>> s) + !p[s-1].");
    swire("prop_hi_n", sw, new Expr.Un("~", ref("prop_hi_x")));
    wire("decay_c_x", sw, zext("decay_c", 1, sw));
    wire("prop_c_x", sw, zext("prop_c", 1, sw));
    wire("prop_c_n_x", sw, cat(lit(sw - 1, 0), not(ref("prop_c"))));
    swire("dec_round", ib, bin(slice("decay_hi", ib - 1, 0), "+", zext("decay_c", 1, ib)));
    int lowUsed = Math.min(decayShift, propShift) - 1;
    if (lowUsed > 0) {
      // Verilator's default unused pattern: the product bits below both rounding bits.
      wire("product_unused", lowUsed, slice("product", lowUsed - 1, 0));
    }
    swire("v_rest_x", sw, sext("c_v_rest", vb, sw));
    swire("offset_x", sw, sext("c_offset", vb, sw));

    comment("Steps 1 and 4-6 over the update's last three cycles, each cycle's result "
        + "registered: U_DEC_E the leaked v (saturated once, kept while refractory); U_DEC_I "
        + "the strict threshold, the reset or the IF_curr_delta sum (saturated once) and the "
        + "refractory counter; U_WRITE the new currents (saturated once) and the state word.");
    wire("active", 1, eq(ref("s_cnt"), lit(rb, 0)));
    swire("v_leak", vb, saturate("acc", sw, vb));
    swire("v_int_next", vb, cond(ref("active"), ref("v_leak"), ref("s_v")));
    sreg("v_int", vb);
    int rgb = shape.ringBits();
    if (spram()) {
      comment("The two ring entries of this step, read one after the other from the one ring "
          + "memory (U_READ, U_LEAK) and kept here for U_DEC_I and U_WRITE.");
      reg("ring_exc_rd", rgb);
      reg("ring_inh_rd", rgb);
    }
    int inb = rgb + (1 << CoreShape.SHIFT_BITS) - 1;
    int nt = vb + 2;
    comment("The ring inputs in state LSBs (entry << shift), registered in U_INH, when both "
        + "entries have been read, so no variable shift is left in the update's last three "
        + "cycles; U_DEC_E registers in_e - in_i saturated to " + nt + " bits, which is all "
        + "IF_curr_delta's one saturation of v + in_e - in_i needs: any difference beyond "
        + "+-2^" + (vb + 1) + " saturates the " + vb + "-bit v either way.");
    wire("in_e_shift", inb, bin(zext("ring_exc_rd", rgb, inb), "<<", ref("c_shift_e")));
    wire("in_i_shift", inb, bin(zext("ring_inh_rd", rgb, inb), "<<", ref("c_shift_i")));
    reg("in_e", inb);
    reg("in_i", inb);
    swire("in_diff", inb + 1, bin(zext("in_e", inb, inb + 1), "-", zext("in_i", inb, inb + 1)));
    swire("in_net_next", nt, saturate("in_diff", inb + 1, nt));
    sreg("in_net", nt);
    wire("spike_next", 1, and(ref("active"), bin(ref("v_int"), ">", ref("c_v_thresh"))));
    reg("spike", 1);
    wire("refrac_next", rb, cond(eq(ref("c_refrac"), lit(rb, 0)), lit(rb, 0),
        bin(ref("c_refrac"), "-", lit(rb, 1))));
    wire("cnt_after", rb, cond(not(ref("active")), bin(ref("s_cnt"), "-", lit(rb, 1)),
        cond(ref("spike_next"), ref("refrac_next"), lit(rb, 0))));
    reg("cnt_next", rb);
    comment("IF_curr_delta: the ring sums go to v (also while refractory), one saturation.");
    swire("v_delta_sum", nt + 1, bin(sext("v_int", vb, nt + 1), "+", sext("in_net", nt, nt + 1)));
    swire("v_delta", vb, saturate("v_delta_sum", nt + 1, vb));
    swire("v_after", vb, cond(ref("spike_next"), ref("c_v_reset"),
        cond(ref("c_delta"), ref("v_delta"), ref("v_int"))));
    sreg("v_next", vb);
    int cs = Math.max(ib, inb) + 2;
    swire("ie_sum", cs, bin(sext("ie_dec", ib, cs), "+", zext("in_e", inb, cs)));
    swire("ii_sum", cs, bin(sext("ii_dec", ib, cs), "+", zext("in_i", inb, cs)));
    swire("ie_next", ib, saturate("ie_sum", cs, ib));
    swire("ii_next", ib, saturate("ii_sum", cs, ib));
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
    if (spram()) {
      int synW = shape.synapses().width();
      int sb = shape.synapseBits();
      comment("Pair words: ptr[0] picks the synapse (ptr holds its address until D_ADD).");
      wire("syn_word", synW, cond(bit("ptr", 0), slice("synapses_rd", PAIR_SLOT_BITS + synW - 1,
          PAIR_SLOT_BITS), slice("synapses_rd", synW - 1, 0)));
      int pab = synapseAddressBits(shape, layout);
      // A one-bit synapse address (at most two synapses) is always in pair word 0.
      wire("ptr_pair", pab, sb > pab ? slice("ptr", pab, 1) : lit(pab, 0));
      wire("ptr_next_pair", pab, sb > pab ? slice("ptr_next", pab, 1) : lit(pab, 0));
      fields(shape.synapses(), "syn_", "syn_word", List.of());
    } else {
      fields(shape.synapses(), "syn_", "synapses_rd", List.of());
    }
    wire("slot_sum", lb + 1, bin(zext("slot", lb, lb + 1), "+", zext("syn_delay", lb, lb + 1)));
    wire("slot_wrap", lb, bin(slice("slot_sum", lb - 1, 0), "-", lit(lb, shape.ringSlots())));
    wire("dlv_slot", lb, cond(bin(ref("slot_sum"), ">=", lit(lb + 1, shape.ringSlots())),
        ref("slot_wrap"), slice("slot_sum", lb - 1, 0)));
    wire("ring_old", rgb, spram() ? ref("ring_rd")
        : cond(ref("syn_inh"), ref("ring_inh_rd"), ref("ring_exc_rd")));
    if (shape.stdp()) {
      wire("ring_weight", wb, cond(inState(State.A_WRITE), ref("t_w"), ref("syn_weight")));
    } else {
      wire("ring_weight", wb, ref("syn_weight"));
    }
    wire("ring_add", rgb + 1, bin(zext("ring_old", rgb, rgb + 1), "+",
        zext("ring_weight", wb, rgb + 1)));
    wire("ring_sat", rgb, cond(bit("ring_add", rgb), Expr.ones(rgb), slice("ring_add", rgb - 1,
        0)));
  }

  /**
   * The STDP unit (docs/numerics.md, "STDP"): trace decay by table, the +1 of a spike, and the
   * additive weight step with clamping, on one multiplier of its own.
   */
  private void stdpDatapath() {
    CoreShape.Plasticity pl = shape.plasticity();
    int tb = profile.trace().bits();
    int db = profile.decay().bits();
    int rtb = profile.stdpRate().bits();
    int mbw = Math.max(db, rtb);
    int pw = tb + mbw;
    int decayShift = profile.decay().fracBits();
    int stepShift = profile.trace().fracBits() + profile.stdpRate().fracBits();
    int dwb = pw - stepShift;
    int stb = pl.stampBits();
    int lub = pl.lutBits();
    int hb = pl.historyBits();
    int wb = profile.weightBits();
    comment("STDP: each key's spike history (bit j: fired j + 1 steps ago), the post traces, the "
        + "rules and the decay tables.");
    reg("scan_key", shape.preBits());
    reg("cptr", shape.synapseBits());
    reg("cend", shape.synapseBits());
    reg("t_x", tb);
    reg("t_tr", tb);
    reg("t_w", wb);
    fields(shape.postTraces(), "post_", "post_rd", List.of());
    fields(shape.rules(), "r_", "rules_rd", List.of());
    wire("n_stamp", stb, slice("step_count", stb - 1, 0));
    for (String side : List.of("x", "y")) {
      String stamp = side.equals("x") ? "syn_stamp" : "post_stamp";
      wire("k" + side, stb, bin(ref("n_stamp"), "-", ref(stamp)));
      wire("k" + side + "_zero", 1, eq(ref("k" + side), lit(stb, 0)));
      wire("k" + side + "_far", 1, stb > lub ? not(eq(slice("k" + side, stb - 1, lub),
          lit(stb - lub, 0))) : lit(1, 0));
      wire("k" + side + "_idx", lub, stb >= lub ? slice("k" + side, lub - 1, 0)
          : zext("k" + side, stb, lub));
    }
    comment("A spike arrives at a plastic synapse of delay D when its key fired D steps ago.");
    wire("hist_mask", hb, bin(lit(hb, 1), "<<", bin(ref("syn_delay"), "-",
        lit(shape.slotBits(), 1))));
    wire("hist_hit", hb, bin(ref("hist_rd"), "&", ref("hist_mask")));
    wire("t_due", 1, new Expr.Un("|", ref("hist_hit")));
    comment("One multiplier: a trace times a table entry (decay) or times a rate (weight step), "
        + "each rounded half up on its own.");
    Expr preSide = or(inState(State.A_PRE), inState(State.U_CMUL));
    Expr postSide = or(inState(State.A_POST), inState(State.U_PTM));
    wire("t_pre_side", 1, preSide);
    wire("t_post_side", 1, postSide);
    wire("m_a", tb, cond(ref("t_pre_side"), ref("syn_trace"), cond(ref("t_post_side"),
        ref("post_trace"), ref("t_tr"))));
    wire("m_b", mbw, cond(inState(State.A_DW), zext("r_a_minus", rtb, mbw),
        cond(inState(State.U_CDW), zext("r_a_plus", rtb, mbw), zext("lut_rd", db, mbw))));
    wire("m_a_x", pw, zext("m_a", tb, pw));
    wire("m_b_x", pw, zext("m_b", mbw, pw));
    wire("m_prod", pw, bin(ref("m_a_x"), "*", ref("m_b_x")));
    wire("m_decay_sum", pw, bin(ref("m_prod"), "+", lit(pw, 1L << (decayShift - 1))));
    wire("m_decay_wide", pw, bin(ref("m_decay_sum"), ">>", new Expr.Int(decayShift)));
    // A decayed trace never exceeds the trace; the top test only keeps every bit in use.
    wire("m_decay", tb, cond(eq(slice("m_decay_wide", pw - 1, tb), lit(pw - tb, 0)),
        slice("m_decay_wide", tb - 1, 0), Expr.ones(tb)));
    wire("m_step_sum", pw, bin(ref("m_prod"), "+", lit(pw, 1L << (stepShift - 1))));
    wire("m_step_wide", pw, bin(ref("m_step_sum"), ">>", new Expr.Int(stepShift)));
    wire("m_step", dwb, cond(eq(slice("m_step_wide", pw - 1, dwb), lit(pw - dwb, 0)),
        slice("m_step_wide", dwb - 1, 0), Expr.ones(dwb)));
    wire("t_k_zero", 1, cond(ref("t_pre_side"), ref("kx_zero"), ref("ky_zero")));
    wire("t_k_far", 1, cond(ref("t_pre_side"), ref("kx_far"), ref("ky_far")));
    comment("decay(x, k): x when k = 0, 0 when k is beyond the table, else round(x * LUT[k]).");
    wire("t_decayed", tb, cond(ref("t_k_zero"), ref("m_a"), cond(ref("t_k_far"), lit(tb, 0),
        ref("m_decay"))));
    wire("t_bump_src", tb, cond(inState(State.A_DW), ref("t_x"), ref("t_decayed")));
    wire("t_bump_sum", tb + 1, bin(zext("t_bump_src", tb, tb + 1), "+",
        lit(tb + 1, 1L << profile.trace().fracBits())));
    wire("t_bumped", tb, cond(bit("t_bump_sum", tb), Expr.ones(tb),
        slice("t_bump_sum", tb - 1, 0)));
    int ww = Math.max(wb, dwb) + 2;
    comment("w <- clamp(w -/+ round(trace * A * w_max), w_min, w_max).");
    swire("t_w_x", ww, zext("syn_weight", wb, ww));
    swire("t_dw_x", ww, cat(lit(ww - dwb, 0), ref("m_step")));
    swire("t_w_min_x", ww, zext("r_w_min", wb, ww));
    swire("t_w_max_x", ww, zext("r_w_max", wb, ww));
    swire("t_w_upd", ww, cond(inState(State.A_DW), bin(ref("t_w_x"), "-", ref("t_dw_x")),
        bin(ref("t_w_x"), "+", ref("t_dw_x"))));
    wire("t_w_clamped", wb, cond(bin(ref("t_w_upd"), "<", ref("t_w_min_x")), ref("r_w_min"),
        cond(bin(ref("t_w_upd"), ">", ref("t_w_max_x")), ref("r_w_max"),
            slice("t_w_upd", wb - 1, 0))));
    wire("syn_arrived", shape.synapses().width(), synapseWord(java.util.Map.of(
        "weight", ref("t_w"), "trace", ref("t_x"), "stamp", ref("n_stamp"))));
    wire("syn_potentiated", shape.synapses().width(), synapseWord(java.util.Map.of(
        "weight", ref("t_w_clamped"))));
  }

  /** The read synapse word with some fields replaced. */
  private Expr synapseWord(java.util.Map<String, Expr> replaced) {
    List<WordLayout.Field> fs = shape.synapses().fields();
    List<Expr> parts = new ArrayList<>();
    for (int k = fs.size() - 1; k >= 0; k--) {
      String name = fs.get(k).name();
      parts.add(replaced.getOrDefault(name, ref("syn_" + name)));
    }
    return new Expr.Cat(parts);
  }

  private void memories() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int rab = ringAddressBits();
    comment("Memories: one write and one read port each, read data registered.");
    Expr ldOn = ref("ld_write");
    int pab = shape.paramAddressBits();
    for (CoreShape.Target t : List.of(CoreShape.Target.CONSTANTS, CoreShape.Target.ROWS,
        CoreShape.Target.SYNAPSES)) {
      String name = t == CoreShape.Target.CONSTANTS ? "params" : t.name().toLowerCase();
      int width = t == CoreShape.Target.CONSTANTS ? CoreShape.CHUNK_BITS
          : t == CoreShape.Target.ROWS ? shape.rows().width() : synapseWordBits(shape, layout);
      int depthBits = t == CoreShape.Target.CONSTANTS ? pab : t == CoreShape.Target.ROWS ? kb
          : synapseAddressBits(shape, layout);
      String prefix = t == CoreShape.Target.SYNAPSES && shape.stdp() ? "synapses_ld" : name;
      wire(prefix + "_we", 1, and(ldOn, eq(ref("ld_target"), lit(3, t.ordinal()))));
      wire(prefix + "_wa", depthBits, slice("ld_addr", depthBits - 1, 0));
      wire(prefix + "_wd", width, slice("ld_word", width - 1, 0));
    }
    if (shape.stdp()) {
      comment("Synapse writes: the load port, an arrival (depression) or a potentiation.");
      wire("synapses_we", 1, or(ref("synapses_ld_we"), or(inState(State.A_WRITE),
          inState(State.U_CDW))));
      wire("synapses_wa", sb, cond(inState(State.A_WRITE), ref("ptr"),
          cond(inState(State.U_CDW), ref("cols_rd"), ref("synapses_ld_wa"))));
      wire("synapses_wd", shape.synapses().width(), cond(inState(State.A_WRITE),
          ref("syn_arrived"), cond(inState(State.U_CDW), ref("syn_potentiated"),
              ref("synapses_ld_wd"))));
      stdpMemories();
    }
    wire("params_re", 1, and(ref("seg_loading"), not(ref("seg_loaded"))));
    wire("params_ra", pab, cat(ref("seg"), ref("seg_read_chunk")));
    boolean stdp = shape.stdp();
    if (stdp) {
      comment("Rows are read for delivery (queued key), the arrival scan (scan_key) and, in "
          + "U_PT, for a firing neuron's column range (row word `neuron`).");
      Expr neuronRow = kb == nb ? ref("neuron") : cat(lit(kb - nb, 0), ref("neuron"));
      wire("rows_re", 1, or(or(inState(State.D_ROW), inState(State.A_KEY)),
          inState(State.U_PT)));
      wire("rows_ra", kb, cond(inState(State.A_KEY), ref("scan_key"),
          cond(inState(State.U_PT), neuronRow, ref("queue_rd"))));
    } else {
      wire("rows_re", 1, inState(State.D_ROW));
      wire("rows_ra", kb, ref("queue_rd"));
    }
    comment("The synapse table's read port also serves the read-back port while idle.");
    Expr readBack = and(inState(State.IDLE), ref("rb_valid"));
    if (stdp) {
      wire("synapses_re", 1, or(or(inState(State.D_SYN), inState(State.A_SYN)),
          or(inState(State.U_CSYN), readBack)));
      wire("synapses_ra", sb, cond(inState(State.U_CSYN), ref("cols_rd"),
          cond(inState(State.IDLE), ref("rb_addr"), ref("ptr"))));
    } else if (spram()) {
      comment("SPRAM layout: rb_addr is a pair address (the read-back word is a pair word).");
      int sab = synapseAddressBits(shape, layout);
      // D_ADD already fetches the next synapse (its own memory, so no conflict with the ring's
      // write): a synapse then takes two cycles, D_RING and D_ADD.
      wire("synapses_re", 1, or(or(inState(State.D_SYN), inState(State.D_ADD)), readBack));
      wire("synapses_ra", sab, cond(inState(State.IDLE), sab <= sb ? slice("rb_addr", sab - 1, 0)
          : zext("rb_addr", sb, sab), cond(inState(State.D_ADD), ref("ptr_next_pair"),
              ref("ptr_pair"))));
      if (sab < sb) {
        // Verilator's default unused pattern: the bits above a pair address are not read.
        wire("rb_addr_unused", sb - sab, slice("rb_addr", sb - 1, sab));
      }
      int lab = shape.loadAddressBits();
      int used = Math.max(Math.max(kb, shape.paramAddressBits()), Math.max(nb, sab));
      if (lab > used) {
        wire("ld_addr_unused", lab - used, slice("ld_addr", lab - 1, used));
      }
    } else {
      wire("synapses_re", 1, or(inState(State.D_SYN), readBack));
      wire("synapses_ra", sb, cond(inState(State.IDLE), ref("rb_addr"), ref("ptr")));
    }
    int synW = synapseWordBits(shape, layout);
    int rbw = 4 * LOAD_BEAT_BITS;
    wire("rb_word", rbw, zext("synapses_rd", synW, rbw));
    wire("rb_data", LOAD_BEAT_BITS, cond(eq(ref("rb_beat"), lit(2, 0)), slice("rb_word", 31, 0),
        cond(eq(ref("rb_beat"), lit(2, 1)), slice("rb_word", 63, 32),
            cond(eq(ref("rb_beat"), lit(2, 2)), slice("rb_word", 95, 64),
                slice("rb_word", 127, 96)))));

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
    Expr clearAddr = clearAddressBits() == rab ? ref("clear_addr")
        : slice("clear_addr", rab - 1, 0);
    Expr adding = inState(State.D_ADD);
    if (spram()) {
      comment("One single-port ring memory at {inh, slot, neuron}: the update reads its two "
          + "entries in U_READ and U_LEAK and clears them in U_EXC and U_INH; delivery reads in "
          + "D_RING and writes in D_ADD; never a read and a write in one cycle.");
      Expr hereE = cat(lit(1, 0), ref("slot"), ref("neuron"));
      Expr hereI = cat(lit(1, 1), ref("slot"), ref("neuron"));
      Expr thereR = cat(ref("syn_inh"), ref("dlv_slot"), ref("syn_target"));
      wire("ring_re", 1, or(or(inState(State.U_READ), inState(State.U_LEAK)),
          inState(State.D_RING)));
      wire("ring_ra", rab, cond(inState(State.U_READ), hereE,
          cond(inState(State.U_LEAK), hereI, thereR)));
      wire("ring_we", 1, or(or(inState(State.CLEAR), inState(State.D_ADD)),
          or(inState(State.U_EXC), inState(State.U_INH))));
      wire("ring_wa", rab, cond(inState(State.CLEAR), ref("clear_addr"),
          cond(inState(State.U_EXC), hereE, cond(inState(State.U_INH), hereI, thereR))));
      wire("ring_wd", shape.ringBits(), cond(inState(State.D_ADD), ref("ring_sat"),
          lit(shape.ringBits(), 0)));
      items.add(new Item.Always("clk", List.of(
          when(inState(State.U_LEAK), set("ring_exc_rd", ref("ring_rd"))),
          when(inState(State.U_EXC), set("ring_inh_rd", ref("ring_rd"))))));
    } else if (stdp) {
      comment("Plastic arrivals add into the slot of this step, which the update reads next.");
      Expr now = cat(ref("slot"), ref("syn_target"));
      wire("ring_wa", rab, cond(inState(State.CLEAR), clearAddr,
          cond(inState(State.U_WRITE), here, cond(inState(State.A_WRITE), now, there))));
      wire("ring_ra", rab, cond(inState(State.U_READ), here,
          cond(inState(State.A_DW), now, there)));
      wire("ring_re", 1, or(or(inState(State.U_READ), inState(State.D_RING)),
          inState(State.A_DW)));
      adding = or(adding, inState(State.A_WRITE));
    } else {
      wire("ring_wa", rab, cond(inState(State.CLEAR), clearAddr,
          cond(inState(State.U_WRITE), here, there)));
      wire("ring_ra", rab, cond(inState(State.U_READ), here, there));
      wire("ring_re", 1, or(inState(State.U_READ), inState(State.D_RING)));
    }
    if (!spram()) {
      wire("ring_adding", 1, adding);
      wire("ring_wd", shape.ringBits(), cond(ref("ring_adding"), ref("ring_sat"),
          lit(shape.ringBits(), 0)));
      Expr clearing = or(inState(State.CLEAR), inState(State.U_WRITE));
      wire("ring_exc_we", 1, or(clearing, and(ref("ring_adding"), not(ref("syn_inh")))));
      wire("ring_inh_we", 1, or(clearing, and(ref("ring_adding"), ref("syn_inh"))));
    }

    Expr neuronKey = kb == nb ? ref("neuron") : cat(lit(kb - nb, 0), ref("neuron"));
    comment("Alone (SYSTEM = 0) the core queues its own spikes; in a system they go out to the "
        + "router and come back as keys when the mapping routes them here.");
    wire("key_take", 1, and(ref("in_ready"), ref("in_valid")));
    // A spike waiting for out_ready (U_WRITE holds) is queued once, in the cycle it goes out.
    Expr ownSpike = and(and(inState(State.U_WRITE), ref("spike")),
        and(not(ref("SYSTEM")), ref("out_ready")));
    if (shape.poisson()) {
      wire("queue_we", 1, or(or(ref("key_take"), ownSpike), ref("p_fire")));
      wire("queue_wa", kb, slice("q_count", kb - 1, 0));
      wire("queue_wd", kb, cond(ref("key_take"), ref("in_key"),
          cond(inState(State.valueOf(PoissonGenerator.FIRE_STATE)), ref("p_neuron_key"),
              neuronKey)));
    } else {
      wire("queue_we", 1, or(ref("key_take"), ownSpike));
      wire("queue_wa", kb, slice("q_count", kb - 1, 0));
      wire("queue_wd", kb, cond(ref("key_take"), ref("in_key"), neuronKey));
    }
    wire("queue_re", 1, inState(State.D_QUEUE));
    wire("queue_ra", kb, slice("q_index", kb - 1, 0));

    memory("params", CoreShape.CHUNK_BITS, 1 << pab, "INIT_CONSTANTS");
    memory("state", sw, 1 << nb, "INIT_STATE");
    memory("rows", shape.rows().width(), 1 << kb, "INIT_ROWS");
    memory("synapses", synapseWordBits(shape, layout), 1 << synapseAddressBits(shape, layout),
        "INIT_SYNAPSES");
    if (spram()) {
      items.add(new Item.Memory("ring", shape.ringBits(), 1 << rab, "block", null, "ring_we",
          "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_rd"));
    } else {
      int ringDepth = shape.ringSlots() << nb;
      items.add(new Item.Memory("ring_exc", shape.ringBits(), ringDepth, "block", null,
          "ring_exc_we", "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_exc_rd"));
      items.add(new Item.Memory("ring_inh", shape.ringBits(), ringDepth, "block", null,
          "ring_inh_we", "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_inh_rd"));
    }
    items.add(new Item.Memory("queue", kb, 1 << kb, "block", null,
        "queue_we", "queue_wa", "queue_wd", "queue_re", "queue_ra", "queue_rd"));
  }

  private void stdpMemories() {
    CoreShape.Plasticity pl = shape.plasticity();
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int hb = pl.historyBits();
    int lab = shape.lutAddressBits();
    int rlb = pl.ruleBits();
    Expr ldOn = ref("ld_write");
    for (CoreShape.Target t : List.of(CoreShape.Target.RULES, CoreShape.Target.LUT,
        CoreShape.Target.COLUMNS)) {
      String name = t == CoreShape.Target.RULES ? "rules" : t == CoreShape.Target.LUT ? "lut"
          : "cols";
      int width = t == CoreShape.Target.RULES ? shape.rules().width()
          : t == CoreShape.Target.LUT ? profile.decay().bits() : sb;
      int depthBits = t == CoreShape.Target.RULES ? rlb : t == CoreShape.Target.LUT ? lab : sb;
      wire(name + "_we", 1, and(ldOn, eq(ref("ld_target"), lit(3, t.ordinal()))));
      wire(name + "_wa", depthBits, slice("ld_addr", depthBits - 1, 0));
      wire(name + "_wd", width, slice("ld_word", width - 1, 0));
    }
    wire("rules_re", 1, or(inState(State.A_CHK), inState(State.U_CLUT)));
    wire("rules_ra", rlb, ref("syn_rule"));
    wire("lut_re", 1, or(or(inState(State.A_CHK), inState(State.U_CLUT)),
        or(inState(State.A_PRE), inState(State.U_PT))));
    wire("lut_ra", lab, cond(or(inState(State.A_CHK), inState(State.U_CLUT)),
        cat(ref("syn_rule"), lit(1, 0), ref("kx_idx")),
        cond(inState(State.A_PRE), cat(ref("syn_rule"), lit(1, 1), ref("ky_idx")),
            cat(ref("c_post_rule"), lit(1, 1), ref("ky_idx")))));
    wire("cols_re", 1, inState(State.U_COL));
    wire("cols_ra", sb, ref("cptr"));
    Expr clearKey = clearAddressBits() == kb ? ref("clear_addr") : slice("clear_addr", kb - 1, 0);
    Expr clearNeuron = slice("clear_addr", nb - 1, 0);
    wire("hist_re", 1, or(inState(State.D_ROW), inState(State.A_KEY)));
    wire("hist_ra", kb, cond(inState(State.A_KEY), ref("scan_key"), ref("queue_rd")));
    wire("hist_we", 1, or(inState(State.CLEAR), or(inState(State.A_HIST), inState(State.D_PTR))));
    wire("hist_wa", kb, cond(inState(State.CLEAR), clearKey, cond(inState(State.A_HIST),
        ref("scan_key"), ref("queue_rd"))));
    Expr shifted = hb == 1 ? lit(1, 0) : cat(slice("hist_rd", hb - 2, 0), lit(1, 0));
    wire("hist_wd", hb, cond(inState(State.CLEAR), lit(hb, 0), cond(inState(State.A_HIST),
        shifted, bin(ref("hist_rd"), "|", lit(hb, 1)))));
    int ptw = shape.postTraces().width();
    wire("post_re", 1, or(inState(State.U_READ), inState(State.A_CHK)));
    wire("post_ra", nb, cond(inState(State.U_READ), ref("neuron"), ref("syn_target")));
    wire("post_we", 1, or(inState(State.CLEAR), inState(State.U_PTM)));
    wire("post_wa", nb, cond(inState(State.CLEAR), clearNeuron, ref("neuron")));
    wire("post_wd", ptw, cond(inState(State.CLEAR), lit(ptw, 0),
        cat(ref("n_stamp"), ref("t_bumped"))));
    memory("rules", shape.rules().width(), 1 << rlb, "INIT_RULES");
    memory("lut", profile.decay().bits(), 1 << lab, "INIT_LUT");
    memory("cols", sb, 1 << sb, "INIT_COLUMNS");
    items.add(new Item.Memory("hist", hb, 1 << kb, "block", null, "hist_we", "hist_wa",
        "hist_wd", "hist_re", "hist_ra", "hist_rd"));
    items.add(new Item.Memory("post", ptw, 1 << nb, "block", null, "post_we", "post_wa",
        "post_wd", "post_re", "post_ra", "post_rd"));
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
    // In a system keys come all step, except while the ring is cleared (it is being zeroed),
    // in FINISH (the queue is reset) and, with on-chip Poisson, while its spike owns the
    // queue's write port.
    Expr systemReady = and(not(inState(State.CLEAR)), not(inState(State.FINISH)));
    if (shape.poisson()) {
      systemReady = and(systemReady, poisson().queueFree());
    }
    wire("in_ready", 1, or(inState(State.IDLE), and(ref("SYSTEM"), systemReady)));
    Expr delivering = inState(State.IDLE);
    for (State s : states) {
      if (s == State.CLEAR || s == State.FINISH || s.name().startsWith("D_")) {
        delivering = or(delivering, inState(s));
      }
    }
    wire("updating", 1, not(delivering));
    wire("out_wait", 1, and(ref("spike"), not(ref("out_ready"))));
    wire("out_valid", 1, and(inState(State.U_WRITE), ref("spike")));
    wire("out_neuron", nb, ref("neuron"));
    wire("ptr_next", sb, bin(ref("ptr"), "+", lit(sb, 1)));
    wire("q_next", kb + 1, bin(ref("q_index"), "+", lit(kb + 1, 1)));

    List<Stmt.Arm> arms = new ArrayList<>();
    int cab = clearAddressBits();
    arms.add(arm(State.CLEAR,
        set("clear_addr", bin(ref("clear_addr"), "+", lit(cab, 1))),
        when(eq(ref("clear_addr"), lit(cab, clearLast())), set("phase", ref("IDLE")))));
    int eb = shape.segmentBits();
    int cb = shape.chunkBits();
    Stmt[] startNeurons = {set("seg", lit(eb, 0)), set("seg_chunk", lit(cb + 1, 0)),
        set("neuron", lit(nb, 0)), set("phase", ref("U_SEG"))};
    Stmt[] afterArrivals = shape.poisson()
        ? PoissonGenerator.startStep().toArray(new Stmt[0])
        : startNeurons;
    Stmt[] startStep = shape.stdp()
        ? new Stmt[] {set("scan_key", lit(kb, 0)), set("phase", ref("A_KEY"))}
        : afterArrivals;
    arms.add(arm(State.IDLE, when(ref("step_start"), startStep)));
    arms.add(arm(State.U_SEG, segmentLoad(State.U_READ)));
    arms.add(arm(State.U_READ, set("phase", ref("U_LEAK"))));
    arms.add(arm(State.U_LEAK,
        set("acc", bin(bin(bin(ref("v_rest_x"), "+", ref("offset_x")), "+", ref("prop_hi_x")),
            "+", ref("prop_c_x"))),
        set("d_leak", ref("d_sat")), set("phase", ref("U_EXC"))));
    arms.add(arm(State.U_EXC, set("acc", bin(bin(ref("acc"), "+", ref("decay_hi_x")), "+",
        ref("decay_c_x"))),
        set("phase", ref("U_INH"))));
    arms.add(arm(State.U_INH, set("acc", bin(bin(ref("acc"), "+", ref("prop_hi_n")), "+",
        ref("prop_c_n_x"))),
        set("in_e", ref("in_e_shift")), set("in_i", ref("in_i_shift")),
        set("phase", ref("U_DEC_E"))));
    int ib = shape.currentBits();
    arms.add(arm(State.U_DEC_E, set("ie_dec", ref("dec_round")),
        set("v_int", ref("v_int_next")), set("in_net", ref("in_net_next")),
        set("phase", ref("U_DEC_I"))));
    arms.add(arm(State.U_DEC_I, set("ii_dec", ref("dec_round")),
        set("spike", ref("spike_next")), set("v_next", ref("v_after")),
        set("cnt_next", ref("cnt_after")), set("phase", ref("U_WRITE"))));
    Stmt advance = new Stmt.If(eq(ref("neuron"), ref("last_neuron")),
        List.of(set("q_index", lit(kb + 1, 0)), set("phase", ref("D_QUEUE"))),
        List.of(set("neuron", bin(ref("neuron"), "+", lit(nb, 1))),
            new Stmt.If(eq(ref("neuron"), ref("c_last")),
                List.of(set("seg", bin(ref("seg"), "+", lit(eb, 1))),
                    set("seg_chunk", lit(cb + 1, 0)), set("phase", ref("U_SEG"))),
                List.of(set("phase", ref("U_READ"))))));
    // In a system U_WRITE holds while the router is busy; repeating its writes is harmless.
    if (shape.stdp()) {
      // A neuron with plastic input that fires bumps its post trace (two more cycles, which
      // also read its column range from row word `neuron`), potentiates its column, then moves
      // on: potentiation belongs to the neuron's own update, not to the delivery of its key,
      // so it also runs in a system, where the key leaves for the router.
      arms.add(arm(State.U_WRITE, new Stmt.If(ref("out_wait"), List.of(),
          List.of(new Stmt.If(and(ref("spike"), ref("c_post_plastic")),
              List.of(set("phase", ref("U_PT"))), List.of(advance))))));
      arms.add(arm(State.U_PT, set("phase", ref("U_PTM"))));
      arms.add(arm(State.U_PTM, new Stmt.If(eq(ref("row_col_start"), ref("row_col_end")),
          List.of(advance), List.of(set("cptr", ref("row_col_start")),
              set("cend", ref("row_col_end")), set("phase", ref("U_COL"))))));
    } else {
      arms.add(arm(State.U_WRITE, new Stmt.If(ref("out_wait"), List.of(), List.of(advance))));
    }
    arms.add(arm(State.D_QUEUE, new Stmt.If(eq(ref("q_index"), ref("q_count")),
        List.of(when(or(not(ref("SYSTEM")), ref("in_close")), set("phase", ref("FINISH")))),
        List.of(set("phase", ref("D_ROW"))))));
    arms.add(arm(State.D_ROW, set("phase", ref("D_PTR"))));
    Stmt nextQueued = new Stmt.If(eq(ref("row_start"), ref(staticEnd())),
        List.of(set("q_index", ref("q_next")), set("phase", ref("D_QUEUE"))),
        List.of(set("phase", ref("D_SYN"))));
    if (shape.stdp()) {
      arms.add(arm(State.D_PTR, set("ptr", ref("row_start")), set("ptr_end", ref("row_mid")),
          nextQueued));
      stdpArms(arms, afterArrivals, advance);
    } else {
      arms.add(arm(State.D_PTR, set("ptr", ref("row_start")), set("ptr_end", ref("row_end")),
          nextQueued));
    }
    arms.add(arm(State.D_SYN, set("phase", ref("D_RING"))));
    arms.add(arm(State.D_RING, set("phase", ref("D_ADD"))));
    // The ring is read (D_RING) only after the previous synapse's write (D_ADD), so two synapses
    // onto one entry need no forwarding; in the SPRAM layout D_ADD has fetched the next synapse.
    arms.add(arm(State.D_ADD, set("ptr", ref("ptr_next")),
        new Stmt.If(eq(ref("ptr_next"), ref("ptr_end")),
            List.of(set("q_index", ref("q_next")), set("phase", ref("D_QUEUE"))),
            List.of(set("phase", ref(spram() ? "D_RING" : "D_SYN"))))));
    if (shape.poisson()) {
      arms.addAll(poisson().arms(List.of(startNeurons), List.of(segmentLoad(State.P_INIT)),
          List.of()));
    }
    List<Stmt> finish = new ArrayList<>(List.of(set("q_count", lit(kb + 1, 0)),
        set("step_count", bin(ref("step_count"), "+", lit(32, 1))),
        set("slot", cond(eq(ref("slot"), lit(lb, shape.ringSlots() - 1)), lit(lb, 0),
            bin(ref("slot"), "+", lit(lb, 1)))),
        set("phase", ref("IDLE"))));
    if (shape.poisson()) {
      finish.addAll(PoissonGenerator.finish());
    }
    arms.add(new Stmt.Arm(ref(State.FINISH.name()), finish));

    List<Stmt> running = new ArrayList<>();
    int word = loadWordBits(shape, layout);
    if (word > LOAD_BEAT_BITS) {
      int stage = word - LOAD_BEAT_BITS;
      Expr shifted = stage > LOAD_BEAT_BITS
          ? cat(slice("ld_stage", stage - LOAD_BEAT_BITS - 1, 0), ref("ld_data"))
          : stage == LOAD_BEAT_BITS ? ref("ld_data") : slice("ld_data", stage - 1, 0);
      running.add(when(and(ref("ld_valid"), not(ref("ld_last"))), set("ld_stage", shifted)));
    }
    Expr config = and(ref("ld_write"),
        eq(ref("ld_target"), lit(3, CoreShape.Target.CONFIG.ordinal())));
    if (shape.poisson()) {
      Expr low = slice("ld_addr", 1, 0);
      running.add(when(and(config, eq(low, lit(2, 0))),
          set("last_neuron", slice("ld_word", nb - 1, 0))));
      running.add(when(and(config, eq(low, lit(2, 1))),
          set("poisson_first", slice("ld_word", eb - 1, 0))));
      running.add(when(and(config, eq(low, lit(2, 2))),
          set("poisson_end", slice("ld_word", eb, 0))));
    } else {
      running.add(when(config, set("last_neuron", slice("ld_word", nb - 1, 0))));
    }
    running.add(when(and(ref("step_start"), ref("busy")), set("overrun", lit(1, 1))));
    running.add(when(ref("queue_we"), set("q_count", bin(ref("q_count"), "+", lit(kb + 1, 1)))));
    running.add(new Stmt.Case(ref("phase"), arms, List.of(set("phase", ref("IDLE")))));

    List<Stmt> reset = new ArrayList<>(List.of(set("phase", ref("CLEAR")),
        set("clear_addr", lit(rab, 0)), set("slot", lit(lb, 0)), set("neuron", lit(nb, 0)),
        set("last_neuron", ref("LAST_NEURON")), set("q_count", lit(kb + 1, 0)),
        set("q_index", lit(kb + 1, 0)), set("step_count", lit(32, 0)),
        set("overrun", lit(1, 0))));
    if (shape.poisson()) {
      reset.addAll(PoissonGenerator.reset());
    }
    items.add(new Item.Always("clk", List.of(new Stmt.If(ref("rst"), reset, running))));
  }

  private String staticEnd() {
    return shape.stdp() ? "row_mid" : "row_end";
  }

  /**
   * The STDP sequences: the arrival scan at the start of a step (A_*) and the potentiation of a
   * firing neuron's incoming synapses in its update (U_C*, then {@code advance} to the next
   * neuron).
   */
  private void stdpArms(List<Stmt.Arm> arms, Stmt[] afterArrivals, Stmt advance) {
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    Stmt nextKey = new Stmt.If(eq(ref("scan_key"), Expr.ones(kb)), List.of(afterArrivals),
        List.of(set("scan_key", bin(ref("scan_key"), "+", lit(kb, 1))),
            set("phase", ref("A_KEY"))));
    Stmt nextSynapse = new Stmt.If(eq(ref("ptr_next"), ref("ptr_end")), List.of(nextKey),
        List.of(set("phase", ref("A_SYN"))));
    arms.add(arm(State.A_KEY, set("phase", ref("A_HIST"))));
    arms.add(arm(State.A_HIST, new Stmt.If(and(not(eq(ref("hist_rd"),
            lit(shape.plasticity().historyBits(), 0))), not(eq(ref("row_mid"), ref("row_end")))),
        List.of(set("ptr", ref("row_mid")), set("ptr_end", ref("row_end")),
            set("phase", ref("A_SYN"))),
        List.of(nextKey))));
    arms.add(arm(State.A_SYN, set("phase", ref("A_CHK"))));
    arms.add(arm(State.A_CHK, new Stmt.If(ref("t_due"), List.of(set("phase", ref("A_PRE"))),
        List.of(set("ptr", ref("ptr_next")), nextSynapse))));
    arms.add(arm(State.A_PRE, set("t_x", ref("t_decayed")), set("phase", ref("A_POST"))));
    arms.add(arm(State.A_POST, set("t_tr", ref("t_decayed")), set("phase", ref("A_DW"))));
    arms.add(arm(State.A_DW, set("t_w", ref("t_w_clamped")), set("t_x", ref("t_bumped")),
        set("phase", ref("A_WRITE"))));
    arms.add(arm(State.A_WRITE, set("ptr", ref("ptr_next")), nextSynapse));
    wire("cptr_next", sb, bin(ref("cptr"), "+", lit(sb, 1)));
    arms.add(arm(State.U_COL, set("phase", ref("U_CSYN"))));
    arms.add(arm(State.U_CSYN, set("phase", ref("U_CLUT"))));
    arms.add(arm(State.U_CLUT, set("phase", ref("U_CMUL"))));
    arms.add(arm(State.U_CMUL, set("t_tr", ref("t_decayed")), set("phase", ref("U_CDW"))));
    arms.add(arm(State.U_CDW, set("cptr", ref("cptr_next")),
        new Stmt.If(eq(ref("cptr_next"), ref("cend")), List.of(advance),
            List.of(set("phase", ref("U_COL"))))));
  }

  /** One cycle of the parameter-table loader; {@code next} follows once the entry is in. */
  private Stmt[] segmentLoad(State next) {
    int cb = shape.chunkBits();
    return new Stmt[] {
        when(not(eq(ref("seg_chunk"), lit(cb + 1, 0))), set("seg_word", ref("seg_shifted"))),
        new Stmt.If(ref("seg_loaded"), List.of(set("phase", ref(next.name()))),
            List.of(set("seg_chunk", bin(ref("seg_chunk"), "+", lit(cb + 1, 1)))))};
  }

  private static Stmt.Arm arm(State s, Stmt... body) {
    return new Stmt.Arm(ref(s.name()), List.of(body));
  }
}
