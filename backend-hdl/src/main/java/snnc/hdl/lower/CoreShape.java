package snnc.hdl.lower;

import snnc.ir.numerics.NumericsProfile;

/**
 * The size class of one generated core: its numerics profile and the capacities its memories are
 * built for. Everything the network adds beyond this (constants, synapses, the neuron count) is
 * memory data, so one Verilated model serves every network of the class.
 *
 * <p>Neuron constants are not stored per neuron: the parameter table holds one entry per
 * <em>segment</em>, a run of consecutive neurons with identical constants (a homogeneous
 * population is one segment), followed by one entry per on-chip SpikeSourcePoisson population.
 * An entry is {@link #entryChunks()} words of {@link #CHUNK_BITS} bits, so the table is as narrow
 * as one iCE40 block RAM and the core copies the current entry into registers once per segment.
 *
 * @param profile the fixed-point profile the datapath implements
 * @param neuronBits neuron index width: at most 2^neuronBits neurons
 * @param preBits spike key width: neurons and sources together at most 2^preBits
 * @param synapseBits synapse table address width: fewer than 2^synapseBits synapses
 * @param ringSlots delay-ring slots per neuron and receptor: delays 1 … ringSlots − 1 steps
 * @param segmentBits parameter-table index width: neuron segments and Poisson populations
 *     together at most 2^segmentBits
 * @param poisson whether the core has the on-chip SpikeSourcePoisson generator
 * @param plasticity the STDP unit's capacities, {@link Plasticity#NONE} for a core without
 */
public record CoreShape(NumericsProfile profile, int neuronBits, int preBits, int synapseBits,
    int ringSlots, int segmentBits, boolean poisson, Plasticity plasticity) {

  /**
   * Capacities of the on-chip STDP unit (pair rule, additive weight dependence).
   *
   * @param ruleBits STDP rule index width: at most 2^ruleBits rules (one per plastic projection)
   * @param lutBits decay-table index width: traces untouched for 2^lutBits steps or more read 0
   * @param stampBits width of the step stamps of traces: runs of fewer than 2^stampBits steps
   * @param historyBits spike-history bits per key: plastic delays 1 … historyBits steps
   */
  public record Plasticity(int ruleBits, int lutBits, int stampBits, int historyBits) {
    /** No STDP unit. */
    public static final Plasticity NONE = new Plasticity(0, 0, 0, 0);

    public boolean enabled() {
      return historyBits > 0;
    }
  }

  /** Largest weight shift the shift fields hold (4 bits: both profiles need at most 15). */
  public static final int SHIFT_BITS = 4;
  /** Width of one parameter-table word: the narrowest iCE40 block RAM organisation (256 × 16). */
  public static final int CHUNK_BITS = 16;
  /** Parameter-table index width of {@link #CoreShape(NumericsProfile, int, int, int, int)}. */
  public static final int DEFAULT_SEGMENT_BITS = 4;

  public CoreShape {
    if (plasticity.enabled() && (plasticity.ruleBits() < 1 || plasticity.lutBits() < 1
        || plasticity.stampBits() < 1)) {
      throw new IllegalArgumentException("bad STDP unit: " + plasticity);
    }
    if (neuronBits < 1 || preBits < neuronBits || synapseBits < 1 || ringSlots < 2
        || segmentBits < 1) {
      throw new IllegalArgumentException("bad core shape: neurons " + neuronBits + " bits, keys "
          + preBits + " bits, synapses " + synapseBits + " bits, " + ringSlots
          + " ring slots, " + segmentBits + " segment bits");
    }
  }

  /** A core without the Poisson generator and a parameter table of 16 entries. */
  public CoreShape(NumericsProfile profile, int neuronBits, int preBits, int synapseBits,
      int ringSlots) {
    this(profile, neuronBits, preBits, synapseBits, ringSlots, DEFAULT_SEGMENT_BITS, false,
        Plasticity.NONE);
  }

  public boolean stdp() {
    return plasticity.enabled();
  }

  public int slotBits() {
    return bitsFor(ringSlots - 1);
  }

  public int voltageBits() {
    return profile.voltage().bits();
  }

  public int currentBits() {
    return profile.current().bits();
  }

  public int ringBits() {
    return profile.ringBits();
  }

  /** Width of the shared multiplier's operands and product (signed state × unsigned factor). */
  public int productBits() {
    int a = Math.max(profile.voltage().bits(), profile.current().bits());
    int b = Math.max(profile.decay().bits(), profile.coefficient().bits());
    return a + b;
  }

  /** Width of the exact sums before saturation: wide enough for every term docs/numerics.md adds. */
  public int sumBits() {
    return Math.max(productBits(), ringBits() + (1 << SHIFT_BITS)) + 2;
  }

  /**
   * A neuron segment's parameter-table entry: thresholds, factors, propagators, refractory
   * period, shifts, model, and the index of the segment's last neuron.
   */
  public WordLayout constants() {
    int v = voltageBits();
    int d = profile.decay().bits();
    int c = profile.coefficient().bits();
    WordLayout w = new WordLayout().add("v_rest", v).add("v_reset", v).add("v_thresh", v)
        .add("offset", v).add("pm", d).add("pe", d).add("pi", d).add("p21e", c).add("p21i", c)
        .add("refrac", profile.refractoryBits()).add("shift_e", SHIFT_BITS)
        .add("shift_i", SHIFT_BITS).add("delta", 1).add("last", neuronBits);
    if (stdp()) {
      // The post trace of the segment's neurons decays with this rule's τ− table.
      w.add("post_rule", plasticity.ruleBits()).add("post_plastic", 1);
    }
    return w;
  }

  /**
   * A Poisson run's parameter-table entry (docs/numerics.md, "Spike sources"): the first and
   * last spike key of consecutive sources with equal parameters, the mix input of the first one
   * (mix(seed + fnv1a64(name)) + (i + 1)·G), the per-step threshold in [0, 2^32] and the active
   * window [start, end) in steps.
   */
  public WordLayout poissonSource() {
    return new WordLayout().add("first", preBits).add("last", preBits).add("base", 64)
        .add("threshold", 33).add("start", 32).add("end", 32);
  }

  /** Parameter-table words per entry: the wider of the two entry layouts in 16-bit chunks. */
  public int entryChunks() {
    int w = constants().width();
    if (poisson) {
      w = Math.max(w, poissonSource().width());
    }
    return (w + CHUNK_BITS - 1) / CHUNK_BITS;
  }

  /** Address bits of a chunk within an entry. */
  public int chunkBits() {
    return bitsFor(entryChunks() - 1);
  }

  /** Parameter-table address width: {segment, chunk}. */
  public int paramAddressBits() {
    return segmentBits + chunkBits();
  }

  /** Per-neuron state: v, Ie, Ii (a magnitude) and the refractory down-counter. */
  public WordLayout state() {
    return new WordLayout().add("v", voltageBits()).add("ie", currentBits())
        .add("ii", currentBits()).add("cnt", profile.refractoryBits());
  }

  /**
   * Per spike key: the synapse row [start, end); with STDP, static synapses [start, mid), plastic
   * ones [mid, end), and the key's neuron's incoming plastic synapses at column entries
   * [col_start, col_end).
   */
  public WordLayout rows() {
    WordLayout w = new WordLayout().add("start", synapseBits).add("end", synapseBits);
    if (stdp()) {
      w.add("mid", synapseBits).add("col_start", synapseBits).add("col_end", synapseBits);
    }
    return w;
  }

  /**
   * Per synapse: target neuron, receptor (1 = inhibitory), delay in steps, raw weight word; with
   * STDP also the rule, the pre trace and the step it was last updated (0 for static synapses).
   */
  public WordLayout synapses() {
    WordLayout w = new WordLayout().add("target", neuronBits).add("inh", 1)
        .add("delay", slotBits()).add("weight", profile.weightBits());
    if (stdp()) {
      w.add("rule", plasticity.ruleBits()).add("trace", profile.trace().bits())
          .add("stamp", plasticity.stampBits());
    }
    return w;
  }

  /** STDP: per neuron, the post trace and the step it was last updated. */
  public WordLayout postTraces() {
    return new WordLayout().add("trace", profile.trace().bits())
        .add("stamp", plasticity.stampBits());
  }

  /** STDP: per rule, A+·w_max and A−·w_max (rate format) and the raw weight bounds. */
  public WordLayout rules() {
    return new WordLayout().add("a_plus", profile.stdpRate().bits())
        .add("a_minus", profile.stdpRate().bits()).add("w_min", profile.weightBits())
        .add("w_max", profile.weightBits());
  }

  /** STDP: decay-table address width, {rule, τ− table?, steps}. */
  public int lutAddressBits() {
    return plasticity.ruleBits() + 1 + plasticity.lutBits();
  }

  /**
   * The load port's memory selectors. CONSTANTS is the parameter table (16-bit words at
   * {segment, chunk}); CONFIG address 0 is the last neuron index, 1 the first Poisson entry and
   * 2 the entry after the last one (Poisson cores only). RULES, LUT (decay tables) and COLUMNS
   * (plastic synapse addresses by post neuron) exist in STDP cores only.
   */
  public enum Target {
    CONSTANTS, STATE, ROWS, SYNAPSES, CONFIG, RULES, LUT, COLUMNS
  }

  /** Width of the load port's address: the deepest loadable memory. */
  public int loadAddressBits() {
    int w = Math.max(Math.max(preBits, paramAddressBits()), Math.max(neuronBits, synapseBits));
    return stdp() ? Math.max(w, lutAddressBits()) : w;
  }

  /** A short name of the class, used in module and cache names. */
  public String className() {
    String stdp = stdp() ? "_r" + plasticity.ruleBits() + "l" + plasticity.lutBits() + "t"
        + plasticity.stampBits() + "h" + plasticity.historyBits() : "";
    return profile.name().replace('.', '_') + "_n" + neuronBits + "_k" + preBits + "_s"
        + synapseBits + "_d" + ringSlots + "_c" + segmentBits + (poisson ? "_p" : "") + stdp;
  }

  /** Bits needed to hold {@code max} (at least one). */
  public static int bitsFor(long max) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
  }
}
