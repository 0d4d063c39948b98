package snnc.hdl.lower;

import static snnc.hdl.lower.Expr.and;
import static snnc.hdl.lower.Expr.bin;
import static snnc.hdl.lower.Expr.bit;
import static snnc.hdl.lower.Expr.cat;
import static snnc.hdl.lower.Expr.cond;
import static snnc.hdl.lower.Expr.eq;
import static snnc.hdl.lower.Expr.lit;
import static snnc.hdl.lower.Expr.not;
import static snnc.hdl.lower.Expr.ref;
import static snnc.hdl.lower.Expr.slice;
import static snnc.hdl.lower.Stmt.set;
import static snnc.hdl.lower.Stmt.when;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The on-chip Poisson generator that both core templates carry (docs/numerics.md, "Spike
 * sources"; docs/fpga.md, "The compact core"): source k of an entry fires at step n iff
 * start ≤ n &lt; end and (r &gt;&gt; 32) &lt; threshold, r = mix(mix(a_k) + (n+1)·G),
 * a_k = base + k·G, mix being SplitMix64's finaliser.
 *
 * <p>Every 64-bit sum is built from 32-bit adders, so no carry chain is longer than 32 bits (a
 * 64-bit chain alone is about 19 ns on an iCE40 UP5K and 8.5 ns on an HX8K): the accumulator
 * {@code p_prod} adds its two halves side by side and carries from the low half into the high half
 * one cycle later ({@code p_carry}); the increments of a_k and of (n+1)·G add their halves in two
 * different cycles. A product by a mix constant is shift-and-add over the constant's non-adjacent
 * form ({@link #windowDigits}): one term ±(multiplicand {@code p_zs} &lt;&lt; 0 or 1) or none per
 * 2-bit window, the multiplicand shifting left by two per cycle, the term's control read a cycle
 * ahead from a table by the cycle count; a zero window holds the accumulator (and its pending
 * carry), a negative term's +1 is the low half's carry-in, and a constant whose last window is
 * negative takes one more cycle for that carry ({@link #windows}). The accumulator is only
 * cleared or added to, so nothing but its adder drives it: the first mix's input a_k is
 * xorshifted from {@code p_a} directly, and the seed sum r + (n+1)·G is three more accumulator
 * cycles (add r, add (n+1)·G, add the pending carry). The threshold test and the step window are
 * registered before the spike is queued.
 *
 * <p>The generator adds its registers, wires and FSM arms to a core generator's items; the core
 * provides the states ({@link #STATES}, by name), the parameter-table loader and the spike queue.
 */
final class PoissonGenerator extends ItemBuilder {

  /** The generator's FSM states, in the order the cores declare them. */
  static final List<String> STATES = List.of("P_NEXT", "P_SEG", "P_INIT", "P_X1", "P_M1",
      "P_X2", "P_M2", "P_X3", "P_SEED", "P_FIRE");
  /** The state in which a firing source's key is written into the spike queue. */
  static final String FIRE_STATE = "P_FIRE";
  /** SplitMix64's odd increment G and the two multipliers of its finaliser (docs/numerics.md). */
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  static final long MIX_C1 = 0xBF58476D1CE4E5B9L;
  static final long MIX_C2 = 0x94D049BB133111EBL;
  /** Constant bits the shift-add multiplier consumes per cycle. */
  static final int MUL_RADIX_BITS = 2;
  /** Cycles of one product by a 64-bit mix constant. */
  static final int MUL_CYCLES = 64 / MUL_RADIX_BITS;
  /** Cycles of the seed sum r + (n+1)G: add r, add (n+1)G, add the pending carry. */
  static final int SEED_CYCLES = 3;
  /** Cycles per source and step: two rounds of 3 + 2 products, the seed sum, the queueing. */
  static final int CYCLES_PER_SOURCE = 2 * (3 + windows(MIX_C1) + windows(MIX_C2))
      + SEED_CYCLES + 1;

  private static final int HALF = 32;

  private final CoreShape shape;
  private final Function<String, Expr> inState;
  private final int countBits = CoreShape.bitsFor(
      Math.max(windows(MIX_C1), windows(MIX_C2)) - 1);

  /**
   * A generator for a core of {@code shape} that adds to {@code items} and tests its FSM state
   * with {@code inState} (state name to a 1-bit expression).
   */
  PoissonGenerator(CoreShape shape, List<Item> items, Function<String, Expr> inState) {
    super(items);
    this.shape = shape;
    this.inState = inState;
    // Every core declares every generator state (its inState rejects a state it does not have).
    STATES.forEach(inState::apply);
  }

  /** Declares the generator's registers and its combinational datapath. */
  void datapath() {
    int kb = shape.preBits();
    comment("Poisson generator (docs/numerics.md, \"Spike sources\"): source k of an entry fires "
        + "at step n iff start <= n < end and (r >> 32) < threshold, r = mix(mix(base + kG) + "
        + "(n+1)G), mix being SplitMix64's finaliser; each product by a mix constant is "
        + "shift-and-add, " + MUL_RADIX_BITS + " constant bits per cycle, modulo 2^64. No carry "
        + "chain is longer than " + HALF + " bits: the accumulator carries from its low half "
        + "into its high half a cycle later, a_k and (n+1)G add their halves in two cycles.");
    for (WordLayout.Field f : shape.poissonSource().fields()) {
      items.add(new Item.Wire("p_" + f.name(), f.width(), false,
          slice("seg_word", f.hi(), f.lo())));
    }
    reg("p_neuron_key", kb);
    reg("p_a", 64);
    reg("p_a_carry", 1);
    reg("p_zs", 64);
    reg("p_prod", 64);
    reg("p_carry", 1);
    reg("p_nz", 1);
    reg("p_sel", 1);
    reg("p_neg", 1);
    reg("p_count", countBits);
    reg("p_round", 1);
    reg("p_window", 1);
    reg("p_below", 1);
    reg("step_g", 64);
    reg("step_g_carry", 1);
    reg("poisson_first", shape.segmentBits());
    reg("poisson_end", shape.segmentBits() + 1);
    comment("The xorshifts of the finaliser: of a_k (the first mix's input), else of the "
        + "accumulator, which is only ever cleared or added to (no load multiplexer after its "
        + "adder).");
    wire("p_xs30a", 64, bin(ref("p_a"), "^", bin(ref("p_a"), ">>", new Expr.Int(30))));
    for (int s : new int[] {30, 27, 31}) {
      wire("p_xs" + s, 64, bin(ref("p_prod"), "^", bin(ref("p_prod"), ">>", new Expr.Int(s))));
    }
    comment("This cycle's term of the product, +-(p_zs << p_sel) (registered control, read a "
        + "cycle ahead from the constant's table); a zero term (p_nz = 0) holds the accumulator "
        + "and its pending carry instead, so the term is one LUT level.");
    wire("p_term", 64, bin(cond(ref("p_sel"), cat(slice("p_zs", 62, 0), lit(1, 0)), ref("p_zs")),
        "^", new Expr.Rep(64, ref("p_neg"))));
    comment("Accumulator: the low half's carry enters the high half the next cycle.");
    wire("p_lo_sum", HALF + 1, bin(bin(cat(lit(1, 0), slice("p_prod", HALF - 1, 0)), "+",
        cat(lit(1, 0), slice("p_term", HALF - 1, 0))), "+", cat(lit(HALF, 0), ref("p_neg"))));
    wire("p_hi_sum", HALF, bin(bin(slice("p_prod", 63, HALF), "+", slice("p_term", 63, HALF)),
        "+", cat(lit(HALF - 1, 0), ref("p_carry"))));
    comment("The constants' tables, entry c the term of cycle c + 1 (the control is registered).");
    for (String f : List.of("nz", "sel", "neg")) {
      wire("p_" + f + "_rom", 64, cond(inState.apply("P_M2"), lit(64, table(MIX_C2, f, 1)),
          lit(64, table(MIX_C1, f, 1))));
      wire("p_" + f + "_at", 64, bin(ref("p_" + f + "_rom"), ">>", ref("p_count")));
      wire("p_" + f + "_at_unused", 63, slice("p_" + f + "_at", 63, 1));
    }
    wire("p_mul_done", 1, cond(inState.apply("P_M2"),
        eq(ref("p_count"), lit(countBits, windows(MIX_C2) - 1)),
        eq(ref("p_count"), lit(countBits, windows(MIX_C1) - 1))));
    comment("a_(k+1) = a_k + G and (n+2)G = (n+1)G + G, a half per cycle.");
    wire("p_a_lo_next", HALF + 1, bin(cat(lit(1, 0), slice("p_a", HALF - 1, 0)), "+",
        lit(HALF + 1, GOLDEN_GAMMA & 0xFFFF_FFFFL)));
    wire("p_a_hi_next", HALF, bin(bin(slice("p_a", 63, HALF), "+",
        lit(HALF, GOLDEN_GAMMA >>> HALF)), "+", cat(lit(HALF - 1, 0), ref("p_a_carry"))));
    wire("step_g_lo_next", HALF + 1, bin(cat(lit(1, 0), slice("step_g", HALF - 1, 0)), "+",
        lit(HALF + 1, GOLDEN_GAMMA & 0xFFFF_FFFFL)));
    wire("step_g_hi_next", HALF, bin(bin(slice("step_g", 63, HALF), "+",
        lit(HALF, GOLDEN_GAMMA >>> HALF)), "+", cat(lit(HALF - 1, 0), ref("step_g_carry"))));
    comment("Registered tests: the step window once per entry, the threshold once per source.");
    wire("p_in_window", 1, and(bin(ref("step_count"), ">=", ref("p_start")),
        bin(ref("step_count"), "<", ref("p_end"))));
    wire("p_below_next", 1, bin(cat(lit(1, 0), slice("p_xs31", 63, HALF)), "<",
        ref("p_threshold")));
    wire("p_fire", 1, and(inState.apply(FIRE_STATE), and(ref("p_window"), ref("p_below"))));
  }

  /**
   * The FSM arms of the P_* states. {@code startNeurons} follows the last entry;
   * {@code segmentLoad} is P_SEG's body (the parameter-table loader, moving on to P_INIT);
   * {@code onFire} is added to P_FIRE (a core that counts queued keys there).
   */
  List<Stmt.Arm> arms(List<Stmt> startNeurons, List<Stmt> segmentLoad, List<Stmt> onFire) {
    int kb = shape.preBits();
    int eb = shape.segmentBits();
    int cb = shape.chunkBits();
    List<Stmt.Arm> arms = new ArrayList<>();
    arms.add(arm("P_NEXT", new Stmt.If(eq(cat(lit(1, 0), ref("seg")), ref("poisson_end")),
        startNeurons, List.of(set("seg_chunk", lit(cb + 1, 0)), set("phase", ref("P_SEG"))))));
    arms.add(new Stmt.Arm(ref("P_SEG"), segmentLoad));
    arms.add(arm("P_INIT", set("p_neuron_key", ref("p_first")), set("p_a", ref("p_base")),
        set("p_round", lit(1, 0)),
        set("p_window", ref("p_in_window")), set("phase", ref("P_X1"))));
    Stmt[] startProduct = {set("p_prod", lit(64, 0)), set("p_carry", lit(1, 0)),
        set("p_count", lit(countBits, 0))};
    Stmt[] accumulate = {when(ref("p_nz"),
            set("p_prod", cat(ref("p_hi_sum"), slice("p_lo_sum", HALF - 1, 0))),
            set("p_carry", bit("p_lo_sum", HALF))),
        set("p_zs", cat(slice("p_zs", 61, 0), lit(2, 0))),
        set("p_count", bin(ref("p_count"), "+", lit(countBits, 1)))};
    Stmt[] nextTerm = {set("p_nz", bit("p_nz_at", 0)), set("p_sel", bit("p_sel_at", 0)),
        set("p_neg", bit("p_neg_at", 0))};
    // The first round also steps a_k to a_(k+1), low half in P_X1, high half in P_X2.
    arms.add(arm("P_X1", concat(concat(startProduct, firstTerm(MIX_C1)),
        set("p_zs", cond(ref("p_round"), ref("p_xs30"), ref("p_xs30a"))),
        when(not(ref("p_round")), set("p_a", cat(slice("p_a", 63, HALF),
            slice("p_a_lo_next", HALF - 1, 0))), set("p_a_carry", bit("p_a_lo_next", HALF))),
        set("phase", ref("P_M1")))));
    arms.add(arm("P_M1", concat(concat(accumulate, nextTerm),
        when(ref("p_mul_done"), set("phase", ref("P_X2"))))));
    arms.add(arm("P_X2", concat(concat(startProduct, firstTerm(MIX_C2)),
        set("p_zs", ref("p_xs27")),
        when(not(ref("p_round")), set("p_a", cat(ref("p_a_hi_next"), slice("p_a", HALF - 1, 0)))),
        set("phase", ref("P_M2")))));
    arms.add(arm("P_M2", concat(concat(accumulate, nextTerm),
        when(ref("p_mul_done"), set("phase", ref("P_X3"))))));
    // The seed sum r + (n+1)G: the cleared accumulator adds r, then (n+1)G, then only the
    // pending carry (p_zs cleared, so the term is 0).
    arms.add(arm("P_X3", new Stmt.If(not(ref("p_round")),
        List.of(set("p_zs", ref("p_xs31")), set("p_prod", lit(64, 0)),
            set("p_carry", lit(1, 0)), set("p_count", lit(countBits, 0)),
            set("p_nz", lit(1, 1)), set("p_sel", lit(1, 0)), set("p_neg", lit(1, 0)),
            set("phase", ref("P_SEED"))),
        List.of(set("p_below", ref("p_below_next")), set("phase", ref(FIRE_STATE))))));
    arms.add(arm("P_SEED", concat(accumulate, set("p_zs", cond(eq(ref("p_count"),
            lit(countBits, 0)), ref("step_g"), lit(64, 0))),
        when(eq(ref("p_count"), lit(countBits, SEED_CYCLES - 1)), set("p_round", lit(1, 1)),
            set("phase", ref("P_X1"))))));
    List<Stmt> fire = new ArrayList<>(onFire);
    fire.add(new Stmt.If(eq(ref("p_neuron_key"), ref("p_last")),
        List.of(set("seg", bin(ref("seg"), "+", lit(eb, 1))), set("phase", ref("P_NEXT"))),
        List.of(set("p_neuron_key", bin(ref("p_neuron_key"), "+", lit(kb, 1))),
            set("p_round", lit(1, 0)), set("phase", ref("P_X1")))));
    arms.add(new Stmt.Arm(ref(FIRE_STATE), fire));
    return arms;
  }

  /**
   * The statements that enter the generator once per step (from IDLE, or after the STDP
   * arrivals): the high half of (n+1)G, whose low half FINISH stepped, then the first entry.
   */
  static List<Stmt> startStep() {
    return List.of(set("step_g", cat(ref("step_g_hi_next"), slice("step_g", HALF - 1, 0))),
        set("seg", ref("poisson_first")), set("phase", ref("P_NEXT")));
  }

  /** FINISH's part: the low half of (n+2)G (the high half follows at the next step's start). */
  static List<Stmt> finish() {
    return List.of(set("step_g", cat(slice("step_g", 63, HALF),
            slice("step_g_lo_next", HALF - 1, 0))),
        set("step_g_carry", bit("step_g_lo_next", HALF)));
  }

  /**
   * The reset values: the configured entries and (0+1)G with its high half still to add (as
   * every step's start adds it).
   */
  static List<Stmt> reset() {
    return List.of(set("poisson_first", ref("POISSON_FIRST")),
        set("poisson_end", ref("POISSON_END")),
        set("step_g", lit(64, GOLDEN_GAMMA & 0xFFFF_FFFFL)), set("step_g_carry", lit(1, 0)));
  }

  /** A core's readiness for a system key: not while a Poisson spike owns the queue's port. */
  Expr queueFree() {
    return not(inState.apply(FIRE_STATE));
  }

  /** The control of window 0 of constant {@code c}, loaded when its product starts. */
  private static Stmt[] firstTerm(long c) {
    int[] d = windowDigits(c);
    return new Stmt[] {set("p_nz", lit(1, d[0] != 0 ? 1 : 0)),
        set("p_sel", lit(1, d[0] == 2 || d[0] == -2 ? 1 : 0)), set("p_neg", lit(1, d[0] < 0 ? 1 : 0))};
  }

  /**
   * The non-adjacent form of {@code c} (digits -1, 0, 1, no two adjacent digits non-zero) as one
   * term per 2-bit window: window j holds ±1 (digit at bit 2j), ±2 (at bit 2j + 1) or 0, so a
   * cycle adds at most one shifted copy of the multiplicand. The digit at bit 64 is dropped
   * (products are modulo 2^64).
   */
  static int[] windowDigits(long c) {
    int[] digit = new int[66];
    java.math.BigInteger k = new java.math.BigInteger(Long.toUnsignedString(c));
    for (int i = 0; k.signum() != 0; i++) {
      int d = 0;
      if (k.testBit(0)) {
        d = 2 - k.mod(java.math.BigInteger.valueOf(4)).intValue();
        k = k.subtract(java.math.BigInteger.valueOf(d));
      }
      digit[i] = d;
      k = k.shiftRight(1);
    }
    int[] windows = new int[MUL_CYCLES];
    for (int j = 0; j < MUL_CYCLES; j++) {
      windows[j] = digit[2 * j] != 0 ? digit[2 * j] : 2 * digit[2 * j + 1];
    }
    return windows;
  }

  /**
   * Cycles of the product by {@code c}: one per window, and one more when the last window
   * subtracts (its +1 carries out of the low half into the high half a cycle later).
   */
  static int windows(long c) {
    return MUL_CYCLES + (windowDigits(c)[MUL_CYCLES - 1] < 0 ? 1 : 0);
  }

  /**
   * A table of control bit {@code field} (nz, sel or neg) of the product by {@code c}: bit i is
   * the bit of window i + {@code offset}; the extra last cycle of {@link #windows} adds the
   * pending carry (nz with a term of 0: the multiplicand has been shifted out by then).
   */
  static long table(long c, String field, int offset) {
    int[] d = windowDigits(c);
    long bits = 0;
    for (int i = 0; i + offset < windows(c); i++) {
      int w = i + offset < MUL_CYCLES ? d[i + offset] : 1;
      boolean on = switch (field) {
        case "nz" -> w != 0;
        case "sel" -> w == 2 || w == -2;
        case "neg" -> w < 0;
        default -> throw new IllegalArgumentException(field);
      };
      bits |= on ? 1L << i : 0;
    }
    return bits;
  }

  private static Stmt[] concat(Stmt[] head, Stmt... tail) {
    Stmt[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static Stmt.Arm arm(String state, Stmt... body) {
    return new Stmt.Arm(ref(state), List.of(body));
  }



}
