package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The UP5K-capacity arrangement of one compact core ({@link CoreGenerator.Layout#SPRAM}): the
 * synapse table as pair words in three SB_SPRAM256KA side by side (two synapses of at most
 * {@link CoreGenerator#PAIR_SLOT_BITS} bits per 48-bit word, 16k words: 32,768 synapses), both
 * delay rings in the fourth ({inh, slot, neuron}, 16k entries of 16 bits), and the parameter
 * table, neuron state, rows and spike queue in block RAM. This class says whether an image fits
 * that arrangement (and if not, which resource overflows), packs its synapse words into pairs,
 * and estimates block RAM so a design that cannot fit fails before synthesis, never in nextpnr.
 */
public final class SpramLayout {

  /** SPRAM blocks of the pair table (48 bits = three 16-bit blocks side by side). */
  public static final int PAIR_SPRAMS = CoreGenerator.PAIR_BITS / 16;
  /** Synapses the pair table holds: 2 × 16k. */
  public static final int MAX_SYNAPSES = 2 << CoreGenerator.RING_SPRAM_ADDRESS_BITS;

  private SpramLayout() {}

  /**
   * Why {@code image} does not fit the SPRAM layout with {@code blockRamBudget} block RAMs left
   * for the core: one sentence per overflowing resource, empty when it fits.
   */
  public static List<String> problems(CoreImage image, int blockRamBudget) {
    CoreShape shape = image.shape();
    List<String> why = new ArrayList<>();
    if (shape.stdp()) {
      why.add("STDP: the SPRAM layout holds static synapses only (plastic synapse words are "
          + "written while the core runs)");
    }
    if (!shape.profile().name().equals("compact")) {
      why.add("profile " + shape.profile().name() + ": the SPRAM layout is built for the compact "
          + "profile's 16-bit ring entries and 8-bit weights");
    } else if (shape.synapses().width() > CoreGenerator.PAIR_SLOT_BITS) {
      why.add("synapse word: " + shape.synapses().width() + " bits (target "
          + shape.neuronBits() + ", receptor 1, delay " + shape.slotBits() + ", weight "
          + shape.profile().weightBits() + "); a pair word holds two of at most "
          + CoreGenerator.PAIR_SLOT_BITS);
    }
    long synapses = image.synapses().size();
    if (synapses > MAX_SYNAPSES) {
      why.add(String.format(Locale.ROOT, "SPRAM: %,d synapses; %d SPRAM blocks of pair words "
          + "hold %,d", synapses, PAIR_SPRAMS, MAX_SYNAPSES));
    }
    int ringBits = CoreGenerator.ringAddressBits(shape, CoreGenerator.Layout.SPRAM);
    if (ringBits > CoreGenerator.RING_SPRAM_ADDRESS_BITS) {
      why.add(String.format(Locale.ROOT, "SPRAM: the delay rings need 2 receptors x %d slots "
          + "(delays up to %d steps) x %,d neurons = %,d entries; one SPRAM block holds %,d",
          1 << shape.slotBits(), image.maxDelaySteps(), 1 << shape.neuronBits(),
          1L << ringBits, 1 << CoreGenerator.RING_SPRAM_ADDRESS_BITS));
    }
    int brams = blockRams(shape, CoreGenerator.Layout.SPRAM, true);
    if (brams > blockRamBudget) {
      why.add("block RAM: the core needs " + brams + " SB_RAM40_4K (" + blockRamParts(shape,
          CoreGenerator.Layout.SPRAM, true) + "); " + blockRamBudget + " are left beside the "
          + "bridge");
    }
    return why;
  }

  /** The synapse words packed two per pair word: synapse 2a low, 2a + 1 high. */
  public static List<BigInteger> pairWords(List<BigInteger> synapses) {
    List<BigInteger> pairs = new ArrayList<>();
    for (int a = 0; a < synapses.size(); a += 2) {
      BigInteger low = synapses.get(a);
      BigInteger high = a + 1 < synapses.size() ? synapses.get(a + 1) : BigInteger.ZERO;
      pairs.add(low.or(high.shiftLeft(CoreGenerator.PAIR_SLOT_BITS)));
    }
    return pairs;
  }

  /**
   * SB_RAM40_4K blocks of the core's block-RAM memories in {@code layout} (the synapse table
   * counted only when {@code synapsesInSpram} is false): each memory takes the cheapest of the
   * 256 × 16, 512 × 8, 1024 × 4 and 2048 × 2 organisations, which is what yosys picks.
   */
  public static int blockRams(CoreShape shape, CoreGenerator.Layout layout,
      boolean synapsesInSpram) {
    int n = 0;
    for (int[] m : memories(shape, layout, synapsesInSpram)) {
      n += blocks(m[0], m[1]);
    }
    return n;
  }

  private static String blockRamParts(CoreShape shape, CoreGenerator.Layout layout,
      boolean synapsesInSpram) {
    String[] names = {"parameter table", "state", "rows", "spike queue", "excitatory ring",
        "inhibitory ring", "synapses", "STDP rules", "STDP decay tables", "STDP columns",
        "spike history", "post traces"};
    List<String> parts = new ArrayList<>();
    List<int[]> ms = memories(shape, layout, synapsesInSpram);
    for (int k = 0; k < ms.size(); k++) {
      parts.add(names[k] + " " + blocks(ms.get(k)[0], ms.get(k)[1]));
    }
    return String.join(", ", parts);
  }

  /** {width, depth} of each block-RAM memory, in the order of {@link #blockRamParts}. */
  private static List<int[]> memories(CoreShape shape, CoreGenerator.Layout layout,
      boolean synapsesInSpram) {
    List<int[]> m = new ArrayList<>();
    m.add(new int[] {CoreShape.CHUNK_BITS, 1 << shape.paramAddressBits()});
    m.add(new int[] {shape.state().width(), 1 << shape.neuronBits()});
    m.add(new int[] {shape.rows().width(), 1 << shape.preBits()});
    m.add(new int[] {shape.preBits(), 1 << shape.preBits()});
    if (layout == CoreGenerator.Layout.DUAL_PORT) {
      int ring = shape.ringSlots() << shape.neuronBits();
      m.add(new int[] {shape.ringBits(), ring});
      m.add(new int[] {shape.ringBits(), ring});
      if (!synapsesInSpram) {
        m.add(new int[] {shape.synapses().width(), 1 << shape.synapseBits()});
      }
      if (shape.stdp() && !synapsesInSpram) {
        // The STDP unit's five memories (only the dual-port core with its synapses in block
        // RAM has it).
        CoreShape.Plasticity pl = shape.plasticity();
        m.add(new int[] {shape.rules().width(), 1 << pl.ruleBits()});
        m.add(new int[] {shape.profile().decay().bits(), 1 << shape.lutAddressBits()});
        m.add(new int[] {shape.synapseBits(), 1 << shape.synapseBits()});
        m.add(new int[] {pl.historyBits(), 1 << shape.preBits()});
        m.add(new int[] {shape.postTraces().width(), 1 << shape.neuronBits()});
      }
    }
    return m;
  }

  /** Blocks of a width × depth memory in its cheapest SB_RAM40_4K organisation. */
  static int blocks(int width, int depth) {
    int best = Integer.MAX_VALUE;
    for (int w = 16, d = 256; w >= 2; w /= 2, d *= 2) {
      best = Math.min(best, ((width + w - 1) / w) * ((depth + d - 1) / d));
    }
    return best;
  }
}
