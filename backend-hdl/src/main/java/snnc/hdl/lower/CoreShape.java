package snnc.hdl.lower;

import snnc.ir.numerics.NumericsProfile;

/**
 * The size class of one generated core: its numerics profile and the capacities its memories are
 * built for. Everything the network adds beyond this (constants, synapses, the neuron count) is
 * memory data, so one Verilated model serves every network of the class.
 *
 * @param profile the fixed-point profile the datapath implements
 * @param neuronBits neuron index width: at most 2^neuronBits neurons
 * @param preBits spike key width: neurons and host-driven sources together at most 2^preBits
 * @param synapseBits synapse table address width: fewer than 2^synapseBits synapses
 * @param ringSlots delay-ring slots per neuron and receptor: delays 1 … ringSlots − 1 steps
 */
public record CoreShape(NumericsProfile profile, int neuronBits, int preBits, int synapseBits,
    int ringSlots) {

  /** Largest weight shift the shift fields hold (4 bits: both profiles need at most 15). */
  public static final int SHIFT_BITS = 4;

  public CoreShape {
    if (neuronBits < 1 || preBits < neuronBits || synapseBits < 1 || ringSlots < 2) {
      throw new IllegalArgumentException("bad core shape: neurons " + neuronBits + " bits, keys "
          + preBits + " bits, synapses " + synapseBits + " bits, " + ringSlots + " ring slots");
    }
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

  /** Per-neuron constants: thresholds, factors, propagators, refractory period, shifts, model. */
  public WordLayout constants() {
    int v = voltageBits();
    int d = profile.decay().bits();
    int c = profile.coefficient().bits();
    return new WordLayout().add("v_rest", v).add("v_reset", v).add("v_thresh", v)
        .add("offset", v).add("pm", d).add("pe", d).add("pi", d).add("p21e", c).add("p21i", c)
        .add("refrac", profile.refractoryBits()).add("shift_e", SHIFT_BITS)
        .add("shift_i", SHIFT_BITS).add("delta", 1);
  }

  /** Per-neuron state: v, Ie, Ii (a magnitude) and the refractory down-counter. */
  public WordLayout state() {
    return new WordLayout().add("v", voltageBits()).add("ie", currentBits())
        .add("ii", currentBits()).add("cnt", profile.refractoryBits());
  }

  /** Per spike key: the synapse row [start, end). */
  public WordLayout rows() {
    return new WordLayout().add("start", synapseBits).add("end", synapseBits);
  }

  /** Per synapse: target neuron, receptor (1 = inhibitory), delay in steps, raw weight word. */
  public WordLayout synapses() {
    return new WordLayout().add("target", neuronBits).add("inh", 1).add("delay", slotBits())
        .add("weight", profile.weightBits());
  }

  /** The load port's memory selectors. */
  public enum Target {
    CONSTANTS, STATE, ROWS, SYNAPSES, CONFIG
  }

  /** Width of the load port's address: the deepest loadable memory. */
  public int loadAddressBits() {
    return Math.max(preBits, Math.max(neuronBits, synapseBits));
  }

  /** A short name of the class, used in module and cache names. */
  public String className() {
    return profile.name().replace('.', '_') + "_n" + neuronBits + "_k" + preBits + "_s"
        + synapseBits + "_d" + ringSlots;
  }

  /** Bits needed to hold {@code max} (at least one). */
  public static int bitsFor(long max) {
    return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
  }
}
