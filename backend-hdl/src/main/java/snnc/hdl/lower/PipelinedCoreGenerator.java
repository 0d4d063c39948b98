package snnc.hdl.lower;

import static snnc.hdl.lower.CoreGenerator.saturate;
import static snnc.hdl.lower.CoreGenerator.sext;
import static snnc.hdl.lower.CoreGenerator.zext;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Rounding;

/**
 * Builds the pipelined neuromorphic core of one {@link CoreShape}: one neuron update enters the
 * pipeline per clock and one synapse per clock is delivered, where the compact core
 * ({@link CoreGenerator}) spends seven and three cycles. Same ports, parameters, memory words,
 * load and read-back ports as the compact core, so the same {@link CoreImage}, top level and
 * harness drive both; the Poisson generator is the compact core's ({@link PoissonGenerator}).
 * There is no STDP unit ({@link CoreTemplate#supports}).
 *
 * <p>Constants come from the parameter table: a segment's entry is loaded into the entry
 * register {@code seg_word} before its first neuron is issued, and every stage reads the
 * constants it needs from there (none are carried down the pipeline). So the entry may change
 * only while the pipeline is empty: at each segment boundary issue stops until the segment's
 * last neuron has been written back, then chunks + 1 cycles load the next entry.
 *
 * <p>Update pipeline: register stage k holds {@code uK_*}; it never stalls, so a neuron issued
 * in cycle t is in stage k in cycle t + k and is written back from stage 9. Neurons leave it
 * in the order they were issued (0, 1, 2, …), so the write-back address is a count
 * ({@code wb_n}), not an index carried through the stages. Each register is as wide as the
 * range of its value ({@link Range}), not a common sum width.
 * <ol>
 *   <li>memory read data (state, both ring entries of this step); from them v − v_rest and the
 *       ring entries shifted by their weight shifts; the ring entries are cleared through the
 *       write port;
 *   <li>v − v_rest registered (only a subtraction follows the block RAM's late read data), the
 *       shifted entries (exact);
 *   <li>multiplier operands, d = sat_V(v − v_rest) (on iCE40 UP5K the DSP input registers);
 *       the ring input: IF_curr_delta's exact difference of the shifted entries, or for
 *       IF_curr_exp each shifted entry held at 2^(I bits + 1) − 1, which cannot change the
 *       saturated current it is added to;
 *   <li>the five products d·Pm, Ie·P21e, Ii·P21i, Ie·Pe, Ii·Pi, each as registered terms:
 *       the signed product and its unsigned correction, or (parameter {@code SPLIT_PRODUCTS},
 *       for FPGAs without multiplier blocks) four quarter-width partial products; the
 *       IF_curr_delta difference saturated to V bits + 2 (a larger one saturates v anyway);
 *   <li>each product rounded on its own: (p + 2^(s−1)) >>> s;
 *   <li>exact partial sums (v_rest + offset from a register of the segment);
 *   <li>the full sum for v; the new currents, saturated once;
 *   <li>v saturated once, refractory gating;
 *   <li>strict threshold and the IF_curr_delta input sum; from them reset, the refractory
 *       counter, the state write-back, the spike out and into the queue.
 * </ol>
 * Every neuron is read once and written once per step and the pipeline drains before delivery,
 * so state needs no forwarding.
 *
 * <p>Delivery pipeline: per queued key, the row is fetched (3 cycles; an empty row ends one cycle
 * later), then one synapse per clock is read (d1: synapse word; ring address (slot + delay) mod
 * ringSlots, registered), its ring entry read (dr) and registered (d2), and the saturating sum
 * written back (d3). A synapse's ring read misses the writes of the two synapses ahead of it,
 * which can hit the same entry: the older write is taken from the forwarding register in d2, the
 * newer one in d3. Saturating sums of non-negative weights do not depend on the order of the
 * additions.
 *
 * <p>All memory access (word layouts, ports, load and read-back ports) is built by
 * {@link #memoryAccess()} alone. {@link Layout#SPRAM} arranges the memories for the iCE40 UP5K
 * (synapse pairs, rows and rings in single-port SPRAM; see {@link Layout} and
 * {@link PipelinedSpramLayout}): the update gains stages f0/f1 before stage 1 and delivery the
 * stages x, y, h, a instead of d1–d3.
 */
public final class PipelinedCoreGenerator extends ItemBuilder {

  /**
   * The FSM states; a core's encoding is the index among the states it uses (the P_* states of
   * the Poisson generator exist only in cores that have it).
   */
  enum State {
    CLEAR, IDLE, U_SEG, U_RUN, U_DRAIN, D_QUEUE, D_ROW, D_PTR, D_SYN, D_DRAIN, FINISH,
    P_NEXT, P_SEG, P_INIT, P_X1, P_M1, P_X2, P_M2, P_X3, P_SEED, P_FIRE;

    boolean poisson() {
      return name().startsWith("P_");
    }
  }

  /**
   * How the core's big memories are arranged. {@link #DUAL_PORT}: every memory a simple dual-port
   * block RAM (the synapse table one word per synapse, rows by key, two delay rings read and
   * cleared by the update). {@link #SPRAM} (the UP5K arrangement, {@link PipelinedSpramLayout},
   * docs/fpga.md "The pipelined core on the UP5K"): the synapse table as pair words with the rows
   * after them in one single-port memory (three SB_SPRAM256KA side by side), both delay rings in
   * a fourth at {inh, slot, neuron}, never cleared: a block RAM of per-entry "holds input" bits
   * says which entries are live, so the update reads only live entries (one stall cycle when both
   * of a neuron's entries are) and delivery writes a dead entry without reading it. Static
   * synapses only (no STDP unit in this core anyway).
   */
  public enum Layout {
    DUAL_PORT, SPRAM
  }

  /** Address bits of the SPRAM layout's pair memory: one SB_SPRAM256KA deep (16k words). */
  public static final int PAIR_ADDRESS_BITS = 14;

  /** The update pipeline's last stage, where state is written back. */
  static final int WRITE_STAGE = 9;
  /** The update stage that holds the multipliers' operands. */
  static final int OPERAND_STAGE = 3;
  /**
   * Registered terms per product in stage 4: with {@code SPLIT_PRODUCTS} the partial products of
   * quarter-width slices of the factor (a 16 × 4 LUT multiplier is short enough for about 90 MHz
   * on an iCE40 HX; halves were not), summed in the rounding stage.
   */
  static final int PRODUCT_TERMS = 4;

  private final CoreShape shape;
  private final Layout layout;
  private final NumericsProfile profile;
  private final List<State> states;
  private final int stateBits;
  /** The unconditional pipeline register transfers, one always block. */
  private final List<Stmt> pipe = new ArrayList<>();
  /** The load port's clocked part, placed into the controller's process. */
  private List<Stmt> loadStatements = List.of();

  private PipelinedCoreGenerator(CoreShape shape, Layout layout) {
    super(new ArrayList<>());
    if (!CoreTemplate.PIPELINED.supports(shape)) {
      throw new IllegalArgumentException("the pipelined core has no STDP unit: "
          + shape.className());
    }
    if (layout == Layout.SPRAM) {
      List<String> why = PipelinedSpramLayout.shapeProblems(shape);
      if (!why.isEmpty()) {
        throw new IllegalArgumentException("the pipelined SPRAM layout cannot hold class "
            + shape.className() + ": " + String.join("; ", why));
      }
    }
    this.shape = shape;
    this.layout = layout;
    this.profile = shape.profile();
    this.states = java.util.Arrays.stream(State.values())
        .filter(s -> shape.poisson() || !s.poisson()).toList();
    this.stateBits = CoreShape.bitsFor(states.size() - 1);
  }

  /** The module name of the pipelined core of {@code shape}. */
  public static String moduleName(CoreShape shape) {
    return moduleName(shape, Layout.DUAL_PORT);
  }

  /** The module name of the pipelined core of {@code shape} in {@code layout}. */
  public static String moduleName(CoreShape shape, Layout layout) {
    return "snnc_pcore_" + shape.className() + (layout == Layout.SPRAM ? "_sp" : "");
  }

  /** The core module, with {@code header} as its leading comment. */
  public static RtlModule generate(CoreShape shape, List<String> header) {
    return generate(shape, header, Layout.DUAL_PORT);
  }

  /** The core module in {@code layout}, with {@code header} as its leading comment. */
  public static RtlModule generate(CoreShape shape, List<String> header, Layout layout) {
    return new PipelinedCoreGenerator(shape, layout).build(header);
  }

  /**
   * An upper bound on the pipelined core's clock cycles per timestep for {@code image} in the
   * dual-port layout (the HX8K's; {@link PipelinedSpramLayout#worstCaseCyclesPerStep} is the
   * UP5K's), the counterpart of {@link CoreGenerator#worstCaseCyclesPerStep}: every key fires
   * (host keys accepted one per cycle first) and every synapse is delivered. Start and finish 2;
   * update: per segment the entry load (chunks + 1) once the previous segment's neurons have left
   * the pipeline (at most {@link #WRITE_STAGE} + 2 cycles), one cycle per neuron, then the
   * drain ({@link #WRITE_STAGE} + 1); delivery: per key queue, row and pointers (3), one cycle
   * per synapse or 1 for an empty row, the final queue test and the d1, dr, d2, d3 drain (6).
   * Networks with on-chip Poisson sources are not counted (the HX8K board design does not take
   * them).
   */
  public static long worstCaseCyclesPerStep(CoreImage image) {
    if (image.shape().poisson()) {
      throw new IllegalArgumentException("the bound leaves out on-chip Poisson sources");
    }
    long keys = image.rows().size();
    long chunks = image.shape().entryChunks();
    return 2 + keys + (chunks + 1 + WRITE_STAGE + 2) * image.segments() + image.neurons()
        + WRITE_STAGE + 1 + 3 * keys + image.synapses().size() + emptyRows(image) + 6;
  }

  /** The keys of {@code image} whose row holds no synapse (start = end). */
  static long emptyRows(CoreImage image) {
    WordLayout.Field start = image.shape().rows().field("start");
    WordLayout.Field end = image.shape().rows().field("end");
    return image.rows().stream().filter(w -> fieldValue(w, start).equals(fieldValue(w, end)))
        .count();
  }

  private static BigInteger fieldValue(BigInteger word, WordLayout.Field f) {
    return word.shiftRight(f.lo()).and(BigInteger.ONE.shiftLeft(f.width()).subtract(
        BigInteger.ONE));
  }

  /**
   * The widest word the load port of the core in {@code layout} assembles (a pair word in
   * {@link Layout#SPRAM}); the host sends ceil(width / 32) beats per word.
   */
  public static int loadWordBits(CoreShape shape, Layout layout) {
    int w = CoreGenerator.loadWordBits(shape);
    return layout == Layout.SPRAM ? Math.max(w, CoreGenerator.PAIR_BITS) : w;
  }

  private boolean spram() {
    return layout == Layout.SPRAM;
  }

  private RtlModule build(List<String> header) {
    controlRegisters();
    memoryAccess();
    if (shape.poisson()) {
      poissonGenerator();
    }
    updatePipeline();
    deliveryPipeline();
    controller();
    items.add(new Item.Always("clk", pipe));
    List<RtlModule.Param> params = new ArrayList<>(CoreGenerator.params(shape));
    if (spram()) {
      // Rows and synapses live in the pair memory, which only the load port fills.
      params.removeIf(p -> p.name().equals("INIT_ROWS") || p.name().equals("INIT_SYNAPSES"));
    }
    params.add(new RtlModule.Param("SPLIT_PRODUCTS", lit(1, 1), "1: each product as "
        + PRODUCT_TERMS + " registered partial products (FPGAs without multiplier blocks, iCE40 "
        + "HX); "
        + "0: one multiplier per product (DSP blocks, iCE40 UP5K SB_MAC16)"));
    return new RtlModule(moduleName(shape, layout), header, params, CoreGenerator.ports(shape),
        items);
  }

  // ---------------------------------------------------------------- helpers

  private Expr inState(State s) {
    if (!states.contains(s)) {
      throw new IllegalStateException(s + " is not a state of this core");
    }
    return eq(ref("phase"), ref(s.name()));
  }

  private static String u(int stage, String name) {
    return "u" + stage + "_" + name;
  }

  /** Declares pipeline register {@code name} loaded from {@code value} every clock. */
  private void stage(String name, int width, boolean signed, Expr value) {
    items.add(new Item.Reg(name, width, signed));
    pipe.add(set(name, value));
  }

  /**
   * Carries {@code source} from the update stage {@code from} to {@code to}: declares
   * {@code u(from)_name} … {@code u(to)_name}, each loaded from the stage before.
   */
  private void carry(String name, int width, boolean signed, int from, int to, Expr source) {
    stage(u(from, name), width, signed, source);
    for (int k = from + 1; k <= to; k++) {
      stage(u(k, name), width, signed, ref(u(k - 1, name)));
    }
  }

  // ---------------------------------------------------------------- structure

  private void controlRegisters() {
    comment("Controller states: CLEAR zeroes the delay ring after reset" + (spram()
        ? " (SPRAM layout: the live-entry bits)" : "") + "; U_SEG loads a segment's "
        + "constants; U_RUN issues one neuron per clock into the update pipeline, U_DRAIN waits "
        + "for the last; D_* deliver the step's spikes, one synapse per clock.");
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
    reg("ptr_last", shape.synapseBits());
    for (int k = 1; k <= WRITE_STAGE; k++) {
      reg(u(k, "valid"), 1);
    }
    if (spram()) {
      comment("SPRAM layout: f0 holds the issued neuron while its live bits are read, f1 while "
          + "its live ring entries are read (two cycles when both are live: f1_half marks the "
          + "second); y holds the synapse whose pair word is being read out, h the one whose live bit is tested and set, a "
          + "the one whose ring entry is updated (a_second: the write after a read).");
      reg("f0_valid", 1);
      reg("f0_n", shape.neuronBits());
      reg("f1_valid", 1);
      reg("f1_half", 1);
      reg("f1_n", shape.neuronBits());
      reg("f1_ve", 1);
      reg("f1_vi", 1);
      reg("f1_word", liveBits());
      reg("y_valid", 1);
      reg("y_odd", 1);
      reg("a_valid", 1);
      reg("a_second", 1);
      wire("f_stall", 1, and(ref("f1_valid"), and(and(ref("f1_ve"), ref("f1_vi")),
          not(ref("f1_half")))));
      wire("issue", 1, and(and(inState(State.U_RUN), ref("out_ready")), not(ref("f_stall"))));
    } else {
      reg("row_empty", 1);
      reg("d1_valid", 1);
      reg("dr_valid", 1);
      reg("d2_valid", 1);
      reg("d3_valid", 1);
      wire("issue", 1, and(inState(State.U_RUN), ref("out_ready")));
    }
    Expr any = spram() ? or(ref("f0_valid"), ref("f1_valid")) : ref(u(1, "valid"));
    for (int k = spram() ? 1 : 2; k <= WRITE_STAGE; k++) {
      any = or(any, ref(u(k, "valid")));
    }
    wire("u_busy", 1, any);
    comment("u_busy_q: the update pipeline held a neuron or took one in the cycle before (so "
        + "it is empty now when this is 0 and nothing is issued); wb_n: the neuron in stage "
        + WRITE_STAGE + " (neurons are issued 0, 1, 2, ... and the pipeline keeps their order, "
        + "so a count of the neurons written back replaces an index carried through every "
        + "stage).");
    reg("u_busy_q", 1);
    reg("wb_n", shape.neuronBits());
  }

  /** The clear after reset: the delay rings, or in the SPRAM layout the live-entry bits. */
  private int clearAddressBits() {
    return spram() ? shape.neuronBits() : ringAddressBits();
  }

  private long clearLast() {
    return spram() ? (1L << shape.neuronBits()) - 1
        : ((long) shape.ringSlots() << shape.neuronBits()) - 1;
  }

  /** Live-entry bits per neuron (SPRAM layout): bit slot (excitatory), ringSlots + slot. */
  private int liveBits() {
    return 2 * shape.ringSlots();
  }

  /** The entry register: as wide as the wider entry layout. */
  private int segWordBits() {
    int w = shape.constants().width();
    return shape.poisson() ? Math.max(w, shape.poissonSource().width()) : w;
  }

  /** {slot, neuron}; in the SPRAM layout {inh, slot, neuron} (both rings in one memory). */
  private int ringAddressBits() {
    return (spram() ? 1 : 0) + shape.slotBits() + shape.neuronBits();
  }

  /**
   * Every memory, its ports and word layouts, and the load port: the one place that knows the
   * memory formats. It provides the fields of the words read ({@code c_*} constants of the
   * segment in the entry register {@code seg_word}, {@code s_*}
   * state, {@code row_*}, {@code syn_*}, {@code ring_exc_rd}/{@code ring_inh_rd}) and consumes the
   * pipelines' requests: {@code issue}/{@code neuron} (update reads), {@code u1_*} (ring clear),
   * {@code u9_*} (state write-back, spike queue), {@code d1_valid}, {@code d3_*} (delivery).
   */
  private void memoryAccess() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int word = loadWordBits(shape, layout);
    int beat = CoreGenerator.LOAD_BEAT_BITS;
    comment("Load port: beats shift into ld_stage; the last beat writes the assembled word.");
    wire("ld_write", 1, and(ref("ld_valid"), ref("ld_last")));
    if (word > beat) {
      int stageBits = word - beat;
      reg("ld_stage", stageBits);
      wire("ld_word", word, cat(ref("ld_stage"), ref("ld_data")));
    } else {
      wire("ld_word", word, slice("ld_data", word - 1, 0));
    }

    comment("Memories: one write and one read port each, read data registered.");
    int pab = shape.paramAddressBits();
    List<CoreShape.Target> blockRamTargets = spram() ? List.of(CoreShape.Target.CONSTANTS)
        : List.of(CoreShape.Target.CONSTANTS, CoreShape.Target.ROWS, CoreShape.Target.SYNAPSES);
    for (CoreShape.Target t : blockRamTargets) {
      String name = t == CoreShape.Target.CONSTANTS ? "params" : t.name().toLowerCase();
      int width = t == CoreShape.Target.CONSTANTS ? CoreShape.CHUNK_BITS
          : t == CoreShape.Target.ROWS ? shape.rows().width() : shape.synapses().width();
      int depthBits = t == CoreShape.Target.CONSTANTS ? pab : t == CoreShape.Target.ROWS ? kb : sb;
      wire(name + "_we", 1, and(ref("ld_write"), eq(ref("ld_target"), lit(3, t.ordinal()))));
      wire(name + "_wa", depthBits, slice("ld_addr", depthBits - 1, 0));
      wire(name + "_wd", width, slice("ld_word", width - 1, 0));
    }
    comment("Parameter table: in U_SEG an entry's chunks are read last chunk first and shifted "
        + "into the entry register seg_word at the bottom (chunk i ends at bits [16i+15:16i], the "
        + "top chunk's padding drops out; the first cycle only reads). Every pipeline stage reads its "
        + "constants here, so the loader starts once the pipeline is empty.");
    int chunks = shape.entryChunks();
    int cb = shape.chunkBits();
    int ew = segWordBits();
    wire("seg_loaded", 1, eq(ref("seg_chunk"), lit(cb + 1, chunks)));
    wire("seg_read_chunk", cb, bin(lit(cb, chunks - 1), "-", slice("seg_chunk", cb - 1, 0)));
    wire("seg_shifted", ew, cat(slice("seg_word", ew - CoreShape.CHUNK_BITS - 1, 0),
        ref("params_rd")));
    Expr loading = shape.poisson() ? or(inState(State.U_SEG), inState(State.P_SEG))
        : inState(State.U_SEG);
    wire("params_re", 1, and(loading, not(ref("seg_loaded"))));
    wire("params_ra", pab, cat(ref("seg"), ref("seg_read_chunk")));
    if (spram()) {
      pairMemoryPorts();
    } else {
      wire("rows_re", 1, inState(State.D_ROW));
      wire("rows_ra", kb, ref("queue_rd"));
      comment("The synapse table's read port also serves the read-back port while idle.");
      wire("synapses_re", 1, or(inState(State.D_SYN), and(inState(State.IDLE),
          ref("rb_valid"))));
      wire("synapses_ra", sb, cond(inState(State.IDLE), ref("rb_addr"), ref("ptr")));
    }
    int beatBits = CoreGenerator.LOAD_BEAT_BITS;
    int rbw = 4 * beatBits;
    wire("rb_word", rbw, spram() ? zext("pairs_rd", CoreGenerator.PAIR_BITS, rbw)
        : zext("synapses_rd", shape.synapses().width(), rbw));
    wire("rb_data", beatBits, cond(eq(ref("rb_beat"), lit(2, 0)), slice("rb_word", 31, 0),
        cond(eq(ref("rb_beat"), lit(2, 1)), slice("rb_word", 63, 32),
            cond(eq(ref("rb_beat"), lit(2, 2)), slice("rb_word", 95, 64),
                slice("rb_word", 127, 96)))));

    comment("State: read when a neuron is issued, written back from stage " + WRITE_STAGE
        + " (or by the load port).");
    int sw = shape.state().width();
    Expr ldState = and(ref("ld_write"),
        eq(ref("ld_target"), lit(3, CoreShape.Target.STATE.ordinal())));
    String wb = u(WRITE_STAGE, "valid");
    wire("state_we", 1, or(ref(wb), ldState));
    wire("state_wa", nb, cond(ref(wb), ref("wb_n"), slice("ld_addr", nb - 1, 0)));
    Map<String, Expr> next = new HashMap<>();
    next.put("v", ref("v_next"));
    next.put("ie", ref("ie_keep"));
    next.put("ii", ref("ii_keep"));
    next.put("cnt", ref("cnt_next"));
    List<WordLayout.Field> stateFields = shape.state().fields();
    Expr[] parts = new Expr[stateFields.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = next.get(stateFields.get(parts.length - 1 - k).name());
    }
    wire("state_next", sw, cat(parts));
    wire("state_wd", sw, cond(ref(wb), ref("state_next"), slice("ld_word", sw - 1, 0)));
    if (spram()) {
      comment("SPRAM layout: the state is read when the neuron leaves f1, with its ring entries.");
      wire("state_re", 1, and(ref("f1_valid"), not(ref("f_stall"))));
      wire("state_ra", nb, ref("f1_n"));
      ringAndLiveBits();
    } else {
      wire("state_re", 1, ref("issue"));
      wire("state_ra", nb, ref("neuron"));
      dualPortRings();
    }
    queueAndMemories();
  }

  /**
   * SPRAM layout: the pair memory (one single port: the load port writes it while idle;
   * delivery reads rows and synapse pairs, the read-back port reads pairs while idle). Synapse
   * 2a is in bits [23:0] of pair word a, 2a + 1 in [47:24]; key k's row word at pair address
   * 2^14 − 2^keyBits + k, above every synapse pair ({@link PipelinedSpramLayout}).
   */
  private void pairMemoryPorts() {
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int pa = PAIR_ADDRESS_BITS;
    int lab = shape.loadAddressBits();
    int pw = CoreGenerator.PAIR_BITS;
    comment("Pair memory: synapse pairs from address 0, the row of key k at the top ("
        + ((1 << pa) - (1 << kb)) + " + k); written only by the load port (target 2 rows, 3 "
        + "pair words), so never read and written in one cycle.");
    Expr rowsLoad = eq(ref("ld_target"), lit(3, CoreShape.Target.ROWS.ordinal()));
    Expr pairsLoad = eq(ref("ld_target"), lit(3, CoreShape.Target.SYNAPSES.ordinal()));
    wire("pairs_we", 1, and(ref("ld_write"), or(rowsLoad, pairsLoad)));
    Expr ldPair = lab >= pa ? slice("ld_addr", pa - 1, 0) : zext("ld_addr", lab, pa);
    wire("pairs_wa", pa, cond(rowsLoad, rowAddress(slice("ld_addr", kb - 1, 0)), ldPair));
    int rw = shape.rows().width();
    wire("pairs_wd", pw, cond(rowsLoad, zext("ld_row", rw, pw), slice("ld_word", pw - 1, 0)));
    wire("ld_row", rw, slice("ld_word", rw - 1, 0));
    int used = Math.max(Math.max(kb, shape.paramAddressBits()), Math.max(shape.neuronBits(),
        pa));
    if (lab > used) {
      comment("verilator lint_off UNUSEDSIGNAL");
      wire("ld_addr_unused", lab - used, slice("ld_addr", lab - 1, used));
      comment("verilator lint_on UNUSEDSIGNAL");
    }
    Expr ptrPair = sb > 1 ? zextExpr(slice("ptr", sb - 1, 1), sb - 1, pa) : lit(pa, 0);
    Expr rbPair = sb >= pa ? slice("rb_addr", pa - 1, 0) : zext("rb_addr", sb, pa);
    if (sb > pa) {
      comment("verilator lint_off UNUSEDSIGNAL");
      wire("rb_addr_unused", sb - pa, slice("rb_addr", sb - 1, pa));
      comment("verilator lint_on UNUSEDSIGNAL");
    }
    wire("row_read", 1, and(inState(State.D_ROW), not(ref("y_valid"))));
    reg("row_empty", 1);
    wire("x_issue", 1, and(and(inState(State.D_SYN), not(ref("row_empty"))), ref("y_take")));
    wire("pairs_re", 1, or(or(ref("row_read"), ref("x_issue")), and(inState(State.IDLE),
        ref("rb_valid"))));
    wire("pairs_ra", pa, cond(inState(State.IDLE), rbPair, cond(inState(State.D_ROW),
        rowAddress(ref("queue_rd")), ptrPair)));
  }

  /** The pair address of the row of {@code key} (keyBits wide). */
  private Expr rowAddress(Expr key) {
    int kb = shape.preBits();
    return cat(Expr.ones(PAIR_ADDRESS_BITS - kb), key);
  }

  private static Expr zextExpr(Expr e, int from, int to) {
    return to == from ? e : cat(lit(to - from, 0), e);
  }

  /**
   * SPRAM layout: both delay rings in one single-port memory at {inh, slot, neuron}, and the
   * live-entry bits in block RAM ({@link #liveBits()} per neuron). The update reads a neuron's
   * live bits when it is issued, reads its live ring entries in f1 (the excitatory one first,
   * held in ring_exc_hold when both are live) and writes the bits back with this slot's cleared;
   * entries are never cleared. Delivery (stage a) reads the target's bits, sets the entry's, and
   * writes a dead entry with the bare weight or reads a live one and writes the saturated sum in
   * the next cycle. The ring therefore sees at most one access per cycle, and each read follows
   * every earlier write.
   */
  private void ringAndLiveBits() {
    int nb = shape.neuronBits();
    int lb = shape.slotBits();
    int rgb = shape.ringBits();
    int wb = profile.weightBits();
    int lw = liveBits();
    int slots = shape.ringSlots();
    int rab = ringAddressBits();
    comment("Live-entry bits of this step's slot: bit slot (excitatory), " + slots
        + " + slot (inhibitory).");
    wire("slot_onehot", lw, bin(lit(lw, 1), "<<", ref("slot")));
    wire("slot_onehot_i", lw, bin(ref("slot_onehot"), "<<", new Expr.Int(slots)));
    wire("slot_mask", lw, bin(ref("slot_onehot"), "|", ref("slot_onehot_i")));
    wire("live_ve", 1, bin(bin(ref("live_rd"), "&", ref("slot_onehot")), "!=", lit(lw, 0)));
    wire("live_vi", 1, bin(bin(ref("live_rd"), "&", ref("slot_onehot_i")), "!=", lit(lw, 0)));
    comment("f1 reads the excitatory entry first when both are live (f1_half = 0), else the "
        + "live one.");
    wire("f1_read_inh", 1, and(ref("f1_vi"), or(not(ref("f1_ve")), ref("f1_half"))));
    wire("f_go", 1, and(ref("f1_valid"), not(ref("f_stall"))));
    // f0 -> f1 registers the live bits, so that the stall (and so issue) depends on registers.
    pipe.add(when(not(ref("f_stall")), set("f0_n", ref("neuron")), set("f1_n", ref("f0_n")),
        set("f1_ve", ref("live_ve")), set("f1_vi", ref("live_vi")),
        set("f1_word", ref("live_rd"))));
    pipe.add(when(ref("f1_half"), set("ring_exc_hold", ref("ring_rd"))));
    reg("ring_exc_hold", rgb);
    stage("u1_ve", 1, false, ref("f1_ve"));
    stage("u1_vi", 1, false, ref("f1_vi"));
    comment("Stage 1's ring inputs: 0 for a dead entry.");
    wire("ring_exc_rd", rgb, cond(ref("u1_ve"), cond(ref("u1_vi"), ref("ring_exc_hold"),
        ref("ring_rd")), lit(rgb, 0)));
    wire("ring_inh_rd", rgb, cond(ref("u1_vi"), ref("ring_rd"), lit(rgb, 0)));

    comment("Delivery stage h: the target's live bits (forwarded when h's own write of the "
        + "cycle before went to the word read then) and the entry's bit, set here in h's first "
        + "cycle; stage a: the entry's update. Every hand-over (x -> y -> h -> a) depends on "
        + "registers only: a is free unless it has just read a live entry.");
    reg("h_valid", 1);
    reg("h_first", 1);
    reg("h_target", nb);
    reg("h_inh", 1);
    reg("h_slot", lb);
    reg("h_weight", wb);
    reg("h_onehot", lw);
    reg("h_hit_reg", 1);
    reg("a_target", nb);
    reg("a_inh", 1);
    reg("a_slot", lb);
    reg("a_weight", wb);
    reg("a_hit", 1);
    reg("lfw_hit", 1);
    reg("lfw_data", lw);
    wire("h_word", lw, cond(ref("lfw_hit"), ref("lfw_data"), ref("live_rd")));
    wire("h_hit_now", 1, bin(bin(ref("h_word"), "&", ref("h_onehot")), "!=", lit(lw, 0)));
    wire("h_hit", 1, cond(ref("h_first"), ref("h_hit_now"), ref("h_hit_reg")));
    wire("a_first", 1, and(ref("a_valid"), not(ref("a_second"))));
    wire("a_done", 1, and(ref("a_valid"), or(ref("a_second"), not(ref("a_hit")))));
    wire("a_free", 1, or(not(ref("a_valid")), ref("a_done")));
    wire("h_go", 1, and(ref("h_valid"), ref("a_free")));
    wire("y_go", 1, and(ref("y_valid"), or(not(ref("h_valid")), ref("h_go"))));
    wire("y_take", 1, or(not(ref("y_valid")), ref("y_go")));
    wire("ring_add", rgb + 1, bin(zext("ring_rd", rgb, rgb + 1), "+",
        zext("a_weight", wb, rgb + 1)));
    wire("ring_sat", rgb, cond(bit("ring_add", rgb), Expr.ones(rgb),
        slice("ring_add", rgb - 1, 0)));

    comment("The ring port: f1's reads in the update; a's read or write in delivery.");
    wire("a_addr", rab, cat(ref("a_inh"), ref("a_slot"), ref("a_target")));
    wire("ring_re", 1, or(and(ref("f1_valid"), or(ref("f1_ve"), ref("f1_vi"))),
        and(ref("a_first"), ref("a_hit"))));
    wire("ring_ra", rab, cond(ref("f1_valid"), cat(ref("f1_read_inh"), ref("slot"),
        ref("f1_n")), ref("a_addr")));
    wire("ring_we", 1, or(and(ref("a_first"), not(ref("a_hit"))), ref("a_second")));
    wire("ring_wa", rab, ref("a_addr"));
    wire("ring_wd", rgb, cond(ref("a_second"), ref("ring_sat"), zext("a_weight", wb, rgb)));
    items.add(new Item.Memory("ring", rgb, 1 << rab, "block", null, "ring_we", "ring_wa",
        "ring_wd", "ring_re", "ring_ra", "ring_rd"));

    comment("The live-bit port: cleared after reset; read at issue (update) or for the synapse "
        + "in y (delivery); written back by f1 (this slot's bits cleared) or by h (the entry's "
        + "bit set).");
    wire("live_re", 1, or(ref("issue"), ref("y_valid")));
    wire("live_ra", nb, cond(ref("issue"), ref("neuron"), ref("syn_target")));
    wire("live_we", 1, or(inState(State.CLEAR), or(ref("f_go"), and(ref("h_valid"),
        ref("h_first")))));
    wire("live_wa", nb, cond(inState(State.CLEAR), ref("clear_addr"), cond(ref("f1_valid"),
        ref("f1_n"), ref("h_target"))));
    wire("live_wd", lw, cond(inState(State.CLEAR), lit(lw, 0), cond(ref("f1_valid"),
        bin(ref("f1_word"), "&", new Expr.Un("~", ref("slot_mask"))),
        bin(ref("h_word"), "|", ref("h_onehot")))));
    pipe.add(set("lfw_hit", and(and(ref("live_we"), ref("live_re")), eq(ref("live_wa"),
        ref("live_ra")))));
    pipe.add(set("lfw_data", ref("live_wd")));
    items.add(new Item.Memory("live", lw, 1 << nb, "block", null, "live_we", "live_wa",
        "live_wd", "live_re", "live_ra", "live_rd"));
  }

  /** The dual-port layout's two delay rings (block RAM). */
  private void dualPortRings() {
    int nb = shape.neuronBits();
    int rab = ringAddressBits();
    comment("Delay ring: read for the issued neuron (update) or the synapse in dr (delivery); "
        + "written by the clear, by stage 1 (consumed entries) and by d3 (delivery).");
    wire("ring_ra", rab, cond(ref("issue"), cat(ref("slot"), ref("neuron")), ref("dr_addr")));
    wire("ring_re", 1, or(ref("issue"), ref("dr_valid")));
    wire("ring_wa", rab, cond(inState(State.CLEAR), ref("clear_addr"),
        cond(ref(u(1, "valid")), cat(ref("slot"), ref(u(1, "n"))), ref("d3_addr"))));
    wire("ring_wd", shape.ringBits(), cond(ref("d3_valid"), ref("ring_sat"),
        lit(shape.ringBits(), 0)));
    Expr clearing = or(inState(State.CLEAR), ref(u(1, "valid")));
    wire("ring_exc_we", 1, or(clearing, and(ref("d3_valid"), not(ref("d3_inh")))));
    wire("ring_inh_we", 1, or(clearing, and(ref("d3_valid"), ref("d3_inh"))));
  }

  /** The spike queue, the block-RAM memories, the fields of the words read, the load port. */
  private void queueAndMemories() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int pab = shape.paramAddressBits();
    int sw = shape.state().width();
    int word = loadWordBits(shape, layout);
    int beat = CoreGenerator.LOAD_BEAT_BITS;
    comment("Spike queue: host keys while idle, the Poisson sources that fire, then the neurons "
        + "that fired.");
    Expr firing = ref("wb_n");
    Expr neuronKey = kb == nb ? firing : cat(lit(kb - nb, 0), firing);
    Expr hostOrNeuron = or(and(inState(State.IDLE), ref("in_valid")), ref("out_valid"));
    if (shape.poisson()) {
      wire("queue_we", 1, or(hostOrNeuron, ref("p_fire")));
      wire("queue_wd", kb, cond(inState(State.IDLE), ref("in_key"),
          cond(inState(State.P_FIRE), ref("p_neuron_key"), neuronKey)));
    } else {
      wire("queue_we", 1, hostOrNeuron);
      wire("queue_wd", kb, cond(inState(State.IDLE), ref("in_key"), neuronKey));
    }
    wire("queue_wa", kb, slice("q_count", kb - 1, 0));
    wire("queue_re", 1, inState(State.D_QUEUE));
    wire("queue_ra", kb, slice("q_index", kb - 1, 0));

    memory("params", CoreShape.CHUNK_BITS, 1 << pab, "INIT_CONSTANTS");
    memory("state", sw, 1 << nb, "INIT_STATE");
    if (spram()) {
      // No image parameter: SPRAM cannot be preloaded, the load port fills it.
      items.add(new Item.Memory("pairs", CoreGenerator.PAIR_BITS, 1 << PAIR_ADDRESS_BITS,
          "block", null, "pairs_we", "pairs_wa", "pairs_wd", "pairs_re", "pairs_ra",
          "pairs_rd"));
    } else {
      int sb = shape.synapseBits();
      memory("rows", shape.rows().width(), 1 << kb, "INIT_ROWS");
      memory("synapses", shape.synapses().width(), 1 << sb, "INIT_SYNAPSES");
      int ringDepth = shape.ringSlots() << nb;
      items.add(new Item.Memory("ring_exc", shape.ringBits(), ringDepth, "block", null,
          "ring_exc_we", "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_exc_rd"));
      items.add(new Item.Memory("ring_inh", shape.ringBits(), ringDepth, "block", null,
          "ring_inh_we", "ring_wa", "ring_wd", "ring_re", "ring_ra", "ring_inh_rd"));
    }
    items.add(new Item.Memory("queue", kb, 1 << kb, "block", null,
        "queue_we", "queue_wa", "queue_wd", "queue_re", "queue_ra", "queue_rd"));

    comment("Fields of the words read.");
    fields(shape.constants(), "c_", "seg_word", List.of("v_rest", "v_reset", "v_thresh",
        "offset"));
    fields(shape.state(), "s_", "state_rd", List.of("v", "ie", "ii"));
    if (spram()) {
      comment("A row word sits at the bottom of its pair word; ptr's low bit picks the synapse "
          + "of a pair word.");
      fields(shape.rows(), "row_", "pairs_rd", List.of());
      int synW = shape.synapses().width();
      wire("syn_word", synW, cond(ref("y_odd"), slice("pairs_rd",
          CoreGenerator.PAIR_SLOT_BITS + synW - 1, CoreGenerator.PAIR_SLOT_BITS),
          slice("pairs_rd", synW - 1, 0)));
      fields(shape.synapses(), "syn_", "syn_word", List.of());
    } else {
      fields(shape.rows(), "row_", "rows_rd", List.of());
      fields(shape.synapses(), "syn_", "synapses_rd", List.of());
    }

    List<Stmt> load = new ArrayList<>();
    if (word > beat) {
      int stageBits = word - beat;
      Expr shifted = stageBits > beat
          ? cat(slice("ld_stage", stageBits - beat - 1, 0), ref("ld_data"))
          : stageBits == beat ? ref("ld_data") : slice("ld_data", stageBits - 1, 0);
      load.add(when(and(ref("ld_valid"), not(ref("ld_last"))), set("ld_stage", shifted)));
    }
    Expr config = and(ref("ld_write"),
        eq(ref("ld_target"), lit(3, CoreShape.Target.CONFIG.ordinal())));
    if (shape.poisson()) {
      int eb = shape.segmentBits();
      Expr low = slice("ld_addr", 1, 0);
      load.add(when(and(config, eq(low, lit(2, 0))),
          set("last_neuron", slice("ld_word", nb - 1, 0))));
      load.add(when(and(config, eq(low, lit(2, 1))),
          set("poisson_first", slice("ld_word", eb - 1, 0))));
      load.add(when(and(config, eq(low, lit(2, 2))),
          set("poisson_end", slice("ld_word", eb, 0))));
    } else {
      load.add(when(config, set("last_neuron", slice("ld_word", nb - 1, 0))));
    }
    loadStatements = load;
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

  // ---------------------------------------------------------------- Poisson generator

  /** The Poisson generator, the compact core's ({@link PoissonGenerator}). */
  private PoissonGenerator poisson() {
    return new PoissonGenerator(shape, items, name -> inState(State.valueOf(name)));
  }

  private void poissonGenerator() {
    poisson().datapath();
  }

  /**
   * The generator's sequence: entry by entry, source by source, two mixes per source; a source
   * that fires is counted into the queue in P_FIRE.
   */
  private void poissonArms(List<Stmt.Arm> arms, Stmt[] startNeurons, Stmt[] segmentLoad) {
    int kb = shape.preBits();
    int cb = shape.chunkBits();
    List<Stmt> load = new ArrayList<>(List.of(segmentLoad));
    load.set(load.size() - 1, new Stmt.If(ref("seg_loaded"), List.of(set("phase", ref("P_INIT"))),
        List.of(set("seg_chunk", bin(ref("seg_chunk"), "+", lit(cb + 1, 1))))));
    arms.addAll(poisson().arms(List.of(startNeurons), load,
        List.of(when(ref("p_fire"), set("q_count", bin(ref("q_count"), "+", lit(kb + 1, 1)))))));
  }

  // ---------------------------------------------------------------- neuron update

  private void updatePipeline() {
    int vb = shape.voltageBits();
    int ib = shape.currentBits();
    int db = profile.decay().bits();
    int cb = profile.coefficient().bits();
    int rb = profile.refractoryBits();
    int rgb = shape.ringBits();
    int nb = shape.neuronBits();
    int last = WRITE_STAGE;
    int op = OPERAND_STAGE;

    // Widths from the ranges of the values (Range): every sum stays exact, as in 64 bits.
    Range v = Range.signed(vb);
    Range cur = Range.signed(ib);
    int decayShift = profile.decay().fracBits();
    int propShift = profile.propagatorShift();
    Range leakR = v.times(Range.unsigned(db)).rounded(decayShift, profile.rounding());
    Range excR = cur.times(Range.unsigned(cb)).rounded(propShift, profile.rounding());
    Range decR = cur.times(Range.unsigned(db)).rounded(decayShift, profile.rounding());
    Range baseR = v.plus(v);
    Range saR = baseR.plus(leakR);
    Range sbR = excR.minus(excR);
    Range accR = saR.plus(sbR);
    // Shifted ring entries: exact before the subtraction of IF_curr_delta; otherwise saturated
    // (below) to inW bits, which cannot change the saturated sums they go into.
    int xw = rgb + (1 << CoreShape.SHIFT_BITS) - 1;
    int curIn = ib + 1;
    int inW = Math.max(vb, ib) + 2;
    Range curSumR = decR.plus(Range.unsigned(curIn));
    Range deltaSumR = v.plus(Range.signed(inW));

    comment("u1 -> u2: v - v_rest, not yet saturated (the block RAM's read data is late, so "
        + "only the subtraction follows it); ring entries shifted by the weight shifts, exact.");
    if (!spram()) {
      // The dual-port layout clears the neuron's ring entries from stage 1.
      stage(u(1, "n"), nb, false, ref("neuron"));
    }
    swire("d_diff", vb + 1, bin(sext("s_v", vb, vb + 1), "-", sext("c_v_rest", vb, vb + 1)));
    wire("ring_e_x", xw, zext("ring_exc_rd", rgb, xw));
    wire("ring_i_x", xw, zext("ring_inh_rd", rgb, xw));
    stage(u(2, "d_diff"), vb + 1, true, ref("d_diff"));
    carry("ie", ib, true, 2, op + 3, ref("s_ie"));
    carry("ii", ib, true, 2, op + 3, ref("s_ii"));
    stage(u(2, "in_e"), xw, false, bin(ref("ring_e_x"), "<<", ref("c_shift_e")));
    stage(u(2, "in_i"), xw, false, bin(ref("ring_i_x"), "<<", ref("c_shift_i")));
    carry("v", vb, true, 2, op + 4, ref("s_v"));
    carry("cnt", rb, false, 2, last, ref("s_cnt"));
    comment("v_rest + offset, a constant of the segment: computed from the entry register (it "
        + "changes only while the pipeline is empty) instead of being carried per neuron.");
    sreg("seg_base", baseR.bits());
    pipe.add(set("seg_base", bin(sext("c_v_rest", vb, baseR.bits()), "+",
        sext("c_offset", vb, baseR.bits()))));

    comment("u2 -> u3: d = sat_V(v - v_rest), the multiplier operand (on iCE40 UP5K the DSP "
        + "input register). The ring input in_a: IF_curr_delta's exact difference, or the "
        + "excitatory input held at 2^" + curIn + " - 1 (a larger input saturates the current "
        + "anyway); in_b the inhibitory input, held likewise.");
    stage(u(op, "d"), vb, true, saturate(u(2, "d_diff"), vb + 1, vb));
    swire("in_diff", xw + 1, bin(zext(u(2, "in_e"), xw, xw + 1), "-",
        zext(u(2, "in_i"), xw, xw + 1)));
    stage(u(op, "in_a"), xw + 1, true, cond(ref("c_delta"), ref("in_diff"),
        zextExpr(unsignedSaturate(u(2, "in_e"), xw, curIn), curIn, xw + 1)));
    stage(u(op, "in_b"), curIn, false, unsignedSaturate(u(2, "in_i"), xw, curIn));

    comment("u3 -> u4 -> u5: five products (signed state x unsigned factor) as registered terms, "
        + "then summed and rounded. SPLIT_PRODUCTS = 0: one multiplier each, a x b = a x "
        + "$signed(b) + (b[msb] ? a << width(b) : 0), one signed DSP block; 1: partial products "
        + "of a and " + PRODUCT_TERMS + " slices of b, for FPGAs without multiplier blocks. "
        + "IF_curr_delta's input difference saturated to " + inW + " bits (a larger one "
        + "saturates v anyway).");
    String[][] products = {
        {"leak", "d", "pm"}, {"exc", "ie", "p21e"}, {"inh", "ii", "p21i"},
        {"dec_e", "ie", "pe"}, {"dec_i", "ii", "pi"}};
    for (String[] p : products) {
      int aw = p[1].equals("d") ? vb : ib;
      int bw = p[2].startsWith("p21") ? cb : db;
      int shift = p[2].startsWith("p21") ? propShift : decayShift;
      int outW = (p[0].equals("leak") ? leakR : p[2].startsWith("p21") ? excR : decR).bits();
      product(p[0], u(op, p[1]), aw, "c_" + p[2], bw, shift, outW);
    }
    carry("in_a", inW, true, op + 1, op + 5, cond(ref("c_delta"),
        saturate(u(op, "in_a"), xw + 1, inW),
        zextExpr(slice(u(op, "in_a"), curIn - 1, 0), curIn, inW)));
    carry("in_b", curIn, false, op + 1, op + 2, ref(u(op, "in_b")));

    int r = op + 2;
    comment("u5 -> u6: partial sums, exact.");
    stage(u(r + 1, "sa"), saR.bits(), true, bin(sext("seg_base", baseR.bits(), saR.bits()), "+",
        sext(u(r, "leak"), leakR.bits(), saR.bits())));
    stage(u(r + 1, "sb"), sbR.bits(), true, bin(sext(u(r, "exc"), excR.bits(), sbR.bits()), "-",
        sext(u(r, "inh"), excR.bits(), sbR.bits())));
    int cs = curSumR.bits();
    stage(u(r + 1, "ie_sum"), cs, true, bin(sext(u(r, "dec_e"), decR.bits(), cs), "+",
        zextExpr(slice(u(r, "in_a"), curIn - 1, 0), curIn, cs)));
    stage(u(r + 1, "ii_sum"), cs, true, bin(sext(u(r, "dec_i"), decR.bits(), cs), "+",
        zext(u(r, "in_b"), curIn, cs)));

    comment("u6 -> u7: v's sum; the currents saturated once (IF_curr_delta keeps them).");
    int aw = accR.bits();
    stage(u(r + 2, "acc"), aw, true, bin(sext(u(r + 1, "sa"), saR.bits(), aw), "+",
        sext(u(r + 1, "sb"), sbR.bits(), aw)));
    swire("ie_sat", ib, saturate(u(r + 1, "ie_sum"), cs, ib));
    swire("ii_sat", ib, saturate(u(r + 1, "ii_sum"), cs, ib));
    carry("ie_keep", ib, true, r + 2, last, cond(ref("c_delta"), ref(u(r + 1, "ie")),
        ref("ie_sat")));
    carry("ii_keep", ib, true, r + 2, last, cond(ref("c_delta"), ref(u(r + 1, "ii")),
        ref("ii_sat")));

    comment("u7 -> u8: one saturation of v; refractory neurons keep v.");
    wire("active", 1, eq(ref(u(r + 2, "cnt")), lit(rb, 0)));
    swire("v_leak", vb, saturate(u(r + 2, "acc"), aw, vb));
    carry("active", 1, false, r + 3, last, ref("active"));
    carry("v_int", vb, true, r + 3, last, cond(ref("active"), ref("v_leak"),
        ref(u(r + 2, "v"))));

    comment("u8 -> u9: strict threshold; IF_curr_delta's input sum (also while refractory).");
    stage(u(last, "spike"), 1, false, and(ref(u(last - 1, "active")),
        bin(ref(u(last - 1, "v_int")), ">", ref("c_v_thresh"))));
    int ds = deltaSumR.bits();
    stage(u(last, "v_delta_sum"), ds, true, bin(sext(u(last - 1, "v_int"), vb, ds), "+",
        sext(u(last - 1, "in_a"), inW, ds)));

    comment("u9: reset, refractory counter; written back by the memory section.");
    swire("v_delta", vb, saturate(u(last, "v_delta_sum"), ds, vb));
    swire("v_next", vb, cond(ref(u(last, "spike")), ref("c_v_reset"),
        cond(ref("c_delta"), ref("v_delta"), ref(u(last, "v_int")))));
    wire("refrac_next", rb, cond(eq(ref("c_refrac"), lit(rb, 0)), lit(rb, 0),
        bin(ref("c_refrac"), "-", lit(rb, 1))));
    wire("cnt_next", rb, cond(not(ref(u(last, "active"))),
        bin(ref(u(last, "cnt")), "-", lit(rb, 1)),
        cond(ref(u(last, "spike")), ref("refrac_next"), lit(rb, 0))));
    swire("ie_keep", ib, ref(u(last, "ie_keep")));
    swire("ii_keep", ib, ref(u(last, "ii_keep")));
  }

  /**
   * One rounded product {@code u5_name} = round_s(a · b) for signed register {@code a} of
   * {@code aw} bits and unsigned register {@code b} of {@code bw} bits. Stage 4 holds
   * {@link #PRODUCT_TERMS} terms whose sum is a·b: with {@code SPLIT_PRODUCTS} = 0 the signed
   * product a·$signed(b) and the unsigned correction (b[msb] ? a·2^bw : 0), the others zero;
   * else the partial products a·b_k·2^(kh) of b's k-th slice of h = ⌈bw/terms⌉ bits (each slice a
   * non-negative operand, so no correction). Stage 5 holds (sum + 2^(s−1)) >>> s (half-up; no
   * addend for truncation) in {@code sw} bits, the width of its {@link Range}.
   */
  private void product(String name, String a, int aw, String b, int bw, int shift, int sw) {
    int pw = aw + bw;
    int terms = PRODUCT_TERMS;
    int h = (bw + terms - 1) / terms;
    int op = OPERAND_STAGE;
    BigInteger round = profile.rounding() == Rounding.HALF_UP
        ? BigInteger.ONE.shiftLeft(shift - 1) : BigInteger.ZERO;
    swire(name + "_b", bw, ref(b));
    swire(name + "_ax", pw, sext(a, aw, pw));
    swire(name + "_bx", pw, sext(name + "_b", bw, pw));
    swire(name + "_whole", pw, bin(ref(name + "_ax"), "*", ref(name + "_bx")));
    swire(name + "_whole_add", pw, cond(bit(b, bw - 1), cat(ref(a), lit(bw, 0)), lit(pw, 0)));
    Expr split = bin(ref("SPLIT_PRODUCTS"), "!=", lit(1, 0));
    Expr sum = null;
    for (int k = 0; k < terms; k++) {
      int lo = k * h;
      int hi = Math.min(bw, lo + h) - 1;
      String part = name + "_part" + k;
      Expr term;
      if (lo > hi) {
        term = lit(pw, 0);
      } else {
        wire(name + "_b" + k, hi - lo + 1, slice(b, hi, lo));
        swire(name + "_b" + k + "_x", pw, zext(name + "_b" + k, hi - lo + 1, pw));
        Expr partial = bin(ref(name + "_ax"), "*", ref(name + "_b" + k + "_x"));
        term = lo == 0 ? partial : bin(partial, "<<", new Expr.Int(lo));
      }
      Expr whole = k == 0 ? ref(name + "_whole") : k == 1 ? ref(name + "_whole_add")
          : lit(pw, 0);
      stage(u(op + 1, part), pw, true, cond(split, term, whole));
      sum = sum == null ? ref(u(op + 1, part)) : bin(sum, "+", ref(u(op + 1, part)));
    }
    swire(name + "_sum", pw, bin(sum, "+", Expr.signedLit(pw, round)));
    boolean narrower = sw < pw;
    if (narrower) {
      // The bits above the product's range only repeat its sign.
      comment("verilator lint_off UNUSEDSIGNAL");
    }
    swire(name + "_r", pw, bin(ref(name + "_sum"), ">>>", new Expr.Int(shift)));
    if (narrower) {
      comment("verilator lint_on UNUSEDSIGNAL");
    }
    // The rounded product fits sw bits (its range, Range): the bits above are its sign.
    stage(u(op + 2, name), sw, true, sw <= pw ? slice(name + "_r", sw - 1, 0)
        : sext(name + "_r", pw, sw));
  }

  /** Unsigned wire {@code name} of {@code from} bits held at 2^to − 1 when larger. */
  private static Expr unsignedSaturate(String name, int from, int to) {
    if (from <= to) {
      return zext(name, from, to);
    }
    return cond(eq(slice(name, from - 1, to), lit(from - to, 0)), slice(name, to - 1, 0),
        Expr.ones(to));
  }

  /**
   * The integer range [lo, hi] of a value of the update pipeline, from which its register width
   * follows: the pipeline's sums are exact (docs/numerics.md: 64-bit intermediates), so each
   * one is as wide as the range of its operands requires and no wider.
   */
  record Range(BigInteger lo, BigInteger hi) {

    static Range signed(int bits) {
      return new Range(BigInteger.ONE.shiftLeft(bits - 1).negate(),
          BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE));
    }

    static Range unsigned(int bits) {
      return new Range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }

    Range plus(Range o) {
      return new Range(lo.add(o.lo), hi.add(o.hi));
    }

    Range minus(Range o) {
      return new Range(lo.subtract(o.hi), hi.subtract(o.lo));
    }

    Range times(Range o) {
      List<BigInteger> c = List.of(lo.multiply(o.lo), lo.multiply(o.hi), hi.multiply(o.lo),
          hi.multiply(o.hi));
      return new Range(c.stream().min(BigInteger::compareTo).orElseThrow(),
          c.stream().max(BigInteger::compareTo).orElseThrow());
    }

    /** round_s(x) of the profile: (x + 2^(s−1)) >> s half-up, x >> s floor (>> floors). */
    Range rounded(int shift, Rounding rounding) {
      BigInteger add = rounding == Rounding.HALF_UP && shift > 0
          ? BigInteger.ONE.shiftLeft(shift - 1) : BigInteger.ZERO;
      return new Range(lo.add(add).shiftRight(shift), hi.add(add).shiftRight(shift));
    }

    /** The width of a two's-complement register that holds every value of the range. */
    int bits() {
      int w = 1;
      while (lo.compareTo(BigInteger.ONE.shiftLeft(w - 1).negate()) < 0
          || hi.compareTo(BigInteger.ONE.shiftLeft(w - 1)) >= 0) {
        w++;
      }
      return w;
    }
  }

  // ---------------------------------------------------------------- delivery

  private void deliveryPipeline() {
    int lb = shape.slotBits();
    int rgb = shape.ringBits();
    int wb = profile.weightBits();
    int rab = ringAddressBits();
    comment(spram() ? "Delivery y: the synapse word; its ring slot (slot + delay) mod "
        + shape.ringSlots() + "." : "Delivery d1: the synapse word; its ring entry (slot + "
        + "delay) mod " + shape.ringSlots() + " is registered for dr, which reads it (the block "
        + "RAM's late read data goes into registers only, not into the ring's read address).");
    wire("slot_sum", lb + 1, bin(zext("slot", lb, lb + 1), "+", zext("syn_delay", lb, lb + 1)));
    wire("slot_wrap", lb, bin(slice("slot_sum", lb - 1, 0), "-", lit(lb, shape.ringSlots())));
    wire("dlv_slot", lb, cond(bin(ref("slot_sum"), ">=", lit(lb + 1, shape.ringSlots())),
        ref("slot_wrap"), slice("slot_sum", lb - 1, 0)));
    if (spram()) {
      comment("SPRAM layout: the synapse in y (its pair word just read) moves to stage h when h "
          + "is free, and from h to a (see the ring and live-bit ports).");
      int lw = liveBits();
      wire("y_onehot", lw, bin(lit(lw, 1), "<<", ref("dlv_slot")));
      pipe.add(when(ref("y_go"), set("h_target", ref("syn_target")), set("h_inh", ref("syn_inh")),
          set("h_slot", ref("dlv_slot")), set("h_weight", ref("syn_weight")),
          set("h_onehot", cond(ref("syn_inh"), bin(ref("y_onehot"), "<<",
              new Expr.Int(shape.ringSlots())), ref("y_onehot")))));
      pipe.add(when(ref("h_first"), set("h_hit_reg", ref("h_hit_now"))));
      pipe.add(when(ref("h_go"), set("a_target", ref("h_target")), set("a_inh", ref("h_inh")),
          set("a_slot", ref("h_slot")), set("a_weight", ref("h_weight")),
          set("a_hit", ref("h_hit"))));
      return;
    }
    stage("dr_addr", rab, false, cat(ref("dlv_slot"), ref("syn_target")));
    stage("dr_inh", 1, false, ref("syn_inh"));
    stage("dr_weight", wb, false, ref("syn_weight"));
    stage("d2_addr", rab, false, ref("dr_addr"));
    stage("d2_inh", 1, false, ref("dr_inh"));
    stage("d2_weight", wb, false, ref("dr_weight"));
    comment("Delivery d2: the entry read misses the writes of the two synapses ahead (they land "
        + "in the cycle of the read and the next). The older one is in fw1 now: take it instead "
        + "of the read data when it hit the same entry; the newer one (in d3 now) is compared "
        + "here and selected in d3.");
    stage("d3_addr", rab, false, ref("d2_addr"));
    stage("d3_inh", 1, false, ref("d2_inh"));
    stage("d3_weight", wb, false, ref("d2_weight"));
    wire("hit2", 1, and(ref("fw1_valid"), and(eq(ref("fw1_addr"), ref("d2_addr")),
        eq(ref("fw1_inh"), ref("d2_inh")))));
    stage("d3_base", rgb, false, cond(ref("hit2"), ref("fw1_data"),
        cond(ref("d2_inh"), ref("ring_inh_rd"), ref("ring_exc_rd"))));
    stage("d3_hit1", 1, false, and(ref("d3_valid"), and(eq(ref("d3_addr"), ref("d2_addr")),
        eq(ref("d3_inh"), ref("d2_inh")))));
    comment("Delivery d3: the newest value of the entry, the saturating add and the write-back.");
    reg("fw1_valid", 1);
    stage("fw1_addr", rab, false, ref("d3_addr"));
    stage("fw1_inh", 1, false, ref("d3_inh"));
    stage("fw1_data", rgb, false, ref("ring_sat"));
    wire("ring_old", rgb, cond(ref("d3_hit1"), ref("fw1_data"), ref("d3_base")));
    wire("ring_add", rgb + 1, bin(zext("ring_old", rgb, rgb + 1), "+",
        zext("d3_weight", wb, rgb + 1)));
    wire("ring_sat", rgb, cond(bit("ring_add", rgb), Expr.ones(rgb),
        slice("ring_add", rgb - 1, 0)));
  }

  // ---------------------------------------------------------------- controller

  private void controller() {
    int nb = shape.neuronBits();
    int kb = shape.preBits();
    int sb = shape.synapseBits();
    int lb = shape.slotBits();
    comment("Timestep controller and AER handshakes.");
    wire("busy", 1, not(inState(State.IDLE)));
    wire("step_done", 1, inState(State.FINISH));
    wire("in_ready", 1, inState(State.IDLE));
    // Same meaning as the compact core's: the step has not reached delivery yet.
    Expr delivering = inState(State.IDLE);
    for (State st : State.values()) {
      if (st == State.CLEAR || st == State.FINISH || st.name().startsWith("D_")) {
        delivering = or(delivering, inState(st));
      }
    }
    wire("updating", 1, not(delivering));
    // The pipelined core runs stand-alone only (SYSTEM = 0): multi-core systems instantiate the
    // compact core, whose update can wait for the router. The system ports exist so that every
    // template has the same ports; they are read here only to say so to the linter. (out_ready
    // is read: while it is low no neuron is issued, see issue.)
    comment("verilator lint_off UNUSEDSIGNAL");
    wire("system_ports_unused", 1, or(ref("in_close"), bin(ref("SYSTEM"), "!=", lit(1, 0))));
    comment("verilator lint_on UNUSEDSIGNAL");
    wire("out_valid", 1, and(ref(u(WRITE_STAGE, "valid")), ref(u(WRITE_STAGE, "spike"))));
    wire("out_neuron", nb, ref("wb_n"));
    wire("ptr_next", sb, bin(ref("ptr"), "+", lit(sb, 1)));
    wire("q_next", kb + 1, bin(ref("q_index"), "+", lit(kb + 1, 1)));

    List<Stmt.Arm> arms = new ArrayList<>();
    int cab = clearAddressBits();
    arms.add(arm(State.CLEAR,
        set("clear_addr", bin(ref("clear_addr"), "+", lit(cab, 1))),
        when(eq(ref("clear_addr"), lit(cab, clearLast())), set("phase", ref("IDLE")))));
    int eb = shape.segmentBits();
    int cb = shape.chunkBits();
    Stmt[] startNeurons = {set("neuron", lit(nb, 0)), set("seg", lit(eb, 0)),
        set("seg_chunk", lit(cb + 1, 0)), set("phase", ref("U_SEG"))};
    Stmt[] startStep = shape.poisson()
        ? PoissonGenerator.startStep().toArray(new Stmt[0])
        : startNeurons;
    arms.add(arm(State.IDLE,
        when(ref("in_valid"), set("q_count", bin(ref("q_count"), "+", lit(kb + 1, 1)))),
        when(ref("step_start"), startStep)));
    // One cycle of the parameter-table loader: U_RUN follows once the entry is in.
    Stmt[] segmentLoad = {
        when(not(eq(ref("seg_chunk"), lit(cb + 1, 0))), set("seg_word", ref("seg_shifted"))),
        new Stmt.If(ref("seg_loaded"), List.of(set("phase", ref("U_RUN"))),
            List.of(set("seg_chunk", bin(ref("seg_chunk"), "+", lit(cb + 1, 1)))))};
    // Every stage reads its constants from the entry register, so it may change only once the
    // segment's last neuron has left the pipeline: the loader waits for it to drain.
    arms.add(arm(State.U_SEG, when(not(ref("u_busy_q")), segmentLoad)));
    if (shape.poisson()) {
      poissonArms(arms, startNeurons, segmentLoad);
    }
    // Issue stops at a segment boundary: the next neuron needs the next entry in seg_word.
    Stmt run = new Stmt.If(eq(ref("neuron"), ref("last_neuron")),
        List.of(set("phase", ref("U_DRAIN"))),
        List.of(set("neuron", bin(ref("neuron"), "+", lit(nb, 1))),
            when(eq(ref("neuron"), ref("c_last")), set("seg", bin(ref("seg"), "+", lit(eb, 1))),
                set("seg_chunk", lit(cb + 1, 0)), set("phase", ref("U_SEG")))));
    // No neuron is issued while out_ready is low (the board's spike FIFO is nearly full) or, in
    // the SPRAM layout, while f1 reads the second of two live entries.
    arms.add(arm(State.U_RUN, when(ref("issue"), run)));
    arms.add(arm(State.U_DRAIN, when(not(ref("u_busy")), set("q_index", lit(kb + 1, 0)),
        set("phase", ref("D_QUEUE")))));
    arms.add(arm(State.D_QUEUE, new Stmt.If(eq(ref("q_index"), ref("q_count")),
        List.of(set("phase", ref("D_DRAIN"))), List.of(set("phase", ref("D_ROW"))))));
    // SPRAM layout: the row is read from the pair memory, whose read data y may still need.
    arms.add(arm(State.D_ROW, spram() ? when(ref("row_read"), set("phase", ref("D_PTR")))
        : set("phase", ref("D_PTR"))));
    // The row's last synapse address is registered so that D_SYN compares registers only (the
    // increment's carry chain is then off the controller's path). The row word is block RAM
    // read data, which arrives late in the cycle: it only goes into registers here, and D_SYN
    // ends an empty row (one cycle more per empty row), so no enable or state decision waits
    // for it (deciding the next state from it here was the HX8K board design's critical path).
    arms.add(arm(State.D_PTR, set("ptr", ref("row_start")),
        set("ptr_last", bin(ref("row_end"), "-", lit(sb, 1))),
        set("row_empty", eq(ref("row_start"), ref("row_end"))), set("phase", ref("D_SYN"))));
    Stmt[] next = {set("ptr", ref("ptr_next")),
        when(eq(ref("ptr"), ref("ptr_last")), set("q_index", ref("q_next")),
            set("phase", ref("D_QUEUE")))};
    // SPRAM layout: a synapse's pair word is read only when y can take it.
    arms.add(arm(State.D_SYN, new Stmt.If(ref("row_empty"),
        List.of(set("q_index", ref("q_next")), set("phase", ref("D_QUEUE"))),
        spram() ? List.of(when(ref("x_issue"), next)) : List.of(next))));
    Expr inFlight = spram() ? or(ref("y_valid"), or(ref("h_valid"), ref("a_valid")))
        : or(or(ref("d1_valid"), ref("dr_valid")), or(ref("d2_valid"), ref("d3_valid")));
    arms.add(arm(State.D_DRAIN, when(not(inFlight), set("phase", ref("FINISH")))));
    List<Stmt> finish = new ArrayList<>(List.of(set("q_count", lit(kb + 1, 0)),
        set("wb_n", lit(nb, 0)),
        set("step_count", bin(ref("step_count"), "+", lit(32, 1))),
        set("slot", cond(eq(ref("slot"), lit(lb, shape.ringSlots() - 1)), lit(lb, 0),
            bin(ref("slot"), "+", lit(lb, 1)))),
        set("phase", ref("IDLE"))));
    if (shape.poisson()) {
      finish.addAll(PoissonGenerator.finish());
    }
    arms.add(new Stmt.Arm(ref(State.FINISH.name()), finish));

    List<Stmt> running = new ArrayList<>(loadStatements);
    running.add(when(and(ref("step_start"), ref("busy")), set("overrun", lit(1, 1))));
    if (spram()) {
      running.add(when(not(ref("f_stall")), set("f0_valid", ref("issue")),
          set("f1_valid", ref("f0_valid"))));
      running.add(set("f1_half", ref("f_stall")));
      running.add(set(u(1, "valid"), ref("f_go")));
      running.add(new Stmt.If(ref("x_issue"), List.of(set("y_valid", lit(1, 1)),
          set("y_odd", bit("ptr", 0))), List.of(when(ref("y_go"), set("y_valid", lit(1, 0))))));
      running.add(new Stmt.If(ref("y_go"), List.of(set("h_valid", lit(1, 1))),
          List.of(when(ref("h_go"), set("h_valid", lit(1, 0))))));
      running.add(set("h_first", ref("y_go")));
      running.add(new Stmt.If(ref("h_go"), List.of(set("a_valid", lit(1, 1))),
          List.of(when(ref("a_done"), set("a_valid", lit(1, 0))))));
      running.add(set("a_second", and(ref("a_first"), ref("a_hit"))));
    } else {
      running.add(set(u(1, "valid"), ref("issue")));
    }
    for (int k = 2; k <= WRITE_STAGE; k++) {
      running.add(set(u(k, "valid"), ref(u(k - 1, "valid"))));
    }
    if (!spram()) {
      running.add(set("d1_valid", and(inState(State.D_SYN), not(ref("row_empty")))));
      running.add(set("dr_valid", ref("d1_valid")));
      running.add(set("d2_valid", ref("dr_valid")));
      running.add(set("d3_valid", ref("d2_valid")));
      running.add(set("fw1_valid", ref("d3_valid")));
    }
    running.add(set("u_busy_q", or(ref("u_busy"), ref("issue"))));
    running.add(when(ref(u(WRITE_STAGE, "valid")), set("wb_n", bin(ref("wb_n"), "+",
        lit(nb, 1)))));
    running.add(when(ref("out_valid"), set("q_count", bin(ref("q_count"), "+",
        lit(kb + 1, 1)))));
    running.add(new Stmt.Case(ref("phase"), arms, List.of(set("phase", ref("IDLE")))));

    List<Stmt> reset = new ArrayList<>(List.of(set("phase", ref("CLEAR")),
        set("clear_addr", lit(cab, 0)), set("slot", lit(lb, 0)), set("neuron", lit(nb, 0)),
        set("last_neuron", ref("LAST_NEURON")), set("q_count", lit(kb + 1, 0)),
        set("q_index", lit(kb + 1, 0)), set("step_count", lit(32, 0)),
        set("overrun", lit(1, 0)), set("u_busy_q", lit(1, 0)), set("wb_n", lit(nb, 0))));
    for (int k = 1; k <= WRITE_STAGE; k++) {
      reset.add(set(u(k, "valid"), lit(1, 0)));
    }
    if (spram()) {
      reset.addAll(List.of(set("f0_valid", lit(1, 0)), set("f1_valid", lit(1, 0)),
          set("f1_half", lit(1, 0)),
          set("y_valid", lit(1, 0)), set("h_valid", lit(1, 0)), set("h_first", lit(1, 0)),
          set("a_valid", lit(1, 0)), set("a_second", lit(1, 0))));
    } else {
      reset.addAll(List.of(set("d1_valid", lit(1, 0)), set("dr_valid", lit(1, 0)),
          set("d2_valid", lit(1, 0)), set("d3_valid", lit(1, 0)), set("fw1_valid", lit(1, 0))));
    }
    if (shape.poisson()) {
      reset.addAll(PoissonGenerator.reset());
    }
    items.add(new Item.Always("clk", List.of(new Stmt.If(ref("rst"), reset, running))));
  }

  private static Stmt.Arm arm(State s, Stmt... body) {
    return new Stmt.Arm(ref(s.name()), List.of(body));
  }
}
