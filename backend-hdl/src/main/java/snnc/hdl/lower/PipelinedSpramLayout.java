package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The UP5K arrangement of the pipelined core ({@link PipelinedCoreGenerator.Layout#SPRAM},
 * docs/fpga.md "The pipelined core on the UP5K"): synapse pairs and, above them, the rows in one
 * single-port memory of {@link CoreGenerator#PAIR_BITS}-bit words (three SB_SPRAM256KA side by
 * side), both delay rings in the fourth at {inh, slot, neuron}, and in block RAM the parameter
 * table, the neuron state, the spike queue and the live-entry bits (2 × ringSlots per neuron).
 * This class says whether an image fits (naming each resource that overflows) and estimates
 * block RAM, so a design that cannot fit fails before synthesis.
 */
public final class PipelinedSpramLayout {

  /** SB_SPRAM256KA blocks: three for the pair memory, one for both rings. */
  public static final int SPRAMS = CoreGenerator.PAIR_BITS / 16 + 1;
  /** Address bits of one SB_SPRAM256KA (16k words of 16 bits). */
  public static final int SPRAM_ADDRESS_BITS = PipelinedCoreGenerator.PAIR_ADDRESS_BITS;

  private PipelinedSpramLayout() {}

  /** Why a core of {@code shape} cannot be built in this layout, empty when it can. */
  public static List<String> shapeProblems(CoreShape shape) {
    List<String> why = new ArrayList<>();
    if (shape.stdp()) {
      why.add("STDP: the pipelined core has no STDP unit");
    }
    if (!shape.profile().name().equals("compact")) {
      why.add("profile " + shape.profile().name() + ": the SPRAM layout is built for the compact "
          + "profile's 16-bit ring entries and 8-bit weights");
    } else if (shape.synapses().width() > CoreGenerator.PAIR_SLOT_BITS) {
      why.add("synapse word: " + shape.synapses().width() + " bits; a pair word holds two of at "
          + "most " + CoreGenerator.PAIR_SLOT_BITS);
    }
    int ringBits = 1 + shape.slotBits() + shape.neuronBits();
    if (ringBits > SPRAM_ADDRESS_BITS) {
      why.add(String.format(Locale.ROOT, "SPRAM: the delay rings need 2 receptors x %d slots x "
          + "%,d neurons = %,d entries; one SPRAM block holds %,d", 1 << shape.slotBits(),
          1 << shape.neuronBits(), 1L << ringBits, 1 << SPRAM_ADDRESS_BITS));
    }
    if (shape.preBits() >= SPRAM_ADDRESS_BITS || shape.synapseBits() > SPRAM_ADDRESS_BITS + 1) {
      why.add(String.format(Locale.ROOT, "SPRAM: %,d keys' rows and a %d-bit synapse address "
          + "do not fit %,d pair words", 1L << shape.preBits(), shape.synapseBits(),
          1 << SPRAM_ADDRESS_BITS));
    }
    return why;
  }

  /**
   * An upper bound on this core's clock cycles per timestep for {@code image} (docs/fpga.md,
   * "The pipelined core on the UP5K"), the counterpart of
   * {@link CoreGenerator#worstCaseCyclesPerStep}: every key fires (host keys accepted one per
   * cycle first) and every synapse is delivered onto a live entry. Start and finish 2; update:
   * per segment the entry load (chunks + 1) once the previous segment's neurons have left the
   * pipeline (at most {@code WRITE_STAGE} + 5: f0, f1 with a stall, stages 1 to
   * {@code WRITE_STAGE}, the registered empty test), per neuron 2 (one
   * stall cycle when both its ring entries are live), then the pipeline drains
   * ({@code WRITE_STAGE} + 3); delivery per key: queue 1, row read 1 plus at most 2 waiting for
   * y to pass its synapse on, pointers 1, and 1 for an empty row; per synapse 2 (a live entry is
   * a read and a write of the single-port ring); the final queue test and the x/y/h/a drain 5.
   * Networks with on-chip Poisson sources are not counted (the UP5K board design refuses them).
   */
  public static long worstCaseCyclesPerStep(CoreImage image) {
    if (image.shape().poisson()) {
      throw new IllegalArgumentException("the bound leaves out on-chip Poisson sources");
    }
    long keys = image.rows().size();
    long chunks = image.shape().entryChunks();
    return 2 + keys + (chunks + 1 + PipelinedCoreGenerator.WRITE_STAGE + 5) * image.segments()
        + 2L * image.neurons()
        + PipelinedCoreGenerator.WRITE_STAGE + 3 + 6 * keys + 2L * image.synapses().size() + 5;
  }

  /** Synapses the pair memory holds beside the rows of 2^keyBits keys. */
  public static long maxSynapses(CoreShape shape) {
    return 2L * ((1L << SPRAM_ADDRESS_BITS) - (1L << Math.min(shape.preBits(),
        SPRAM_ADDRESS_BITS)));
  }

  /**
   * Why {@code image} does not fit this layout with {@code blockRamBudget} block RAMs for the
   * core: one sentence per overflowing resource, empty when it fits.
   */
  public static List<String> problems(CoreImage image, int blockRamBudget) {
    CoreShape shape = image.shape();
    List<String> why = shapeProblems(shape);
    long synapses = image.synapses().size();
    if (synapses > maxSynapses(shape)) {
      why.add(String.format(Locale.ROOT, "SPRAM: %,d synapses; the pair memory holds %,d beside "
          + "the rows of %,d keys", synapses, maxSynapses(shape), 1L << shape.preBits()));
    }
    int brams = blockRams(shape);
    if (brams > blockRamBudget) {
      why.add("block RAM: the core needs " + brams + " SB_RAM40_4K (" + blockRamParts(shape)
          + "); " + blockRamBudget + " are left");
    }
    return why;
  }

  /**
   * SB_RAM40_4K blocks of the core's block-RAM memories (parameter table, state, live-entry
   * bits, spike queue), each in its cheapest organisation ({@link SpramLayout#blockRams}).
   */
  public static int blockRams(CoreShape shape) {
    int n = 0;
    for (int[] m : memories(shape)) {
      n += SpramLayout.blocks(m[0], m[1]);
    }
    return n;
  }

  private static String blockRamParts(CoreShape shape) {
    String[] names = {"parameter table", "state", "live-entry bits", "spike queue"};
    List<String> parts = new ArrayList<>();
    List<int[]> ms = memories(shape);
    for (int k = 0; k < ms.size(); k++) {
      parts.add(names[k] + " " + SpramLayout.blocks(ms.get(k)[0], ms.get(k)[1]));
    }
    return String.join(", ", parts);
  }

  private static List<int[]> memories(CoreShape shape) {
    return List.of(
        new int[] {CoreShape.CHUNK_BITS, 1 << shape.paramAddressBits()},
        new int[] {shape.state().width(), 1 << shape.neuronBits()},
        new int[] {2 * shape.ringSlots(), 1 << shape.neuronBits()},
        new int[] {shape.preBits(), 1 << shape.preBits()});
  }

  /** The synapse words packed two per pair word (as {@link SpramLayout#pairWords}). */
  public static List<BigInteger> pairWords(List<BigInteger> synapses) {
    return SpramLayout.pairWords(synapses);
  }

  /**
   * The co-simulation class of this layout: the UP5K's capacity (1,024 neurons and keys, 32k
   * synapse addresses, 8 ring slots, 16 table entries), with the Poisson generator when
   * {@code poisson}; one Verilated build serves every network that fits it ({@link #widen}).
   */
  public static CoreShape cosimClass(boolean poisson) {
    return new CoreShape(snnc.ir.numerics.NumericsProfile.COMPACT, 10, 10, 15, 8,
        CoreShape.DEFAULT_SEGMENT_BITS, poisson, CoreShape.Plasticity.NONE);
  }

  /**
   * {@code image} re-encoded for the wider class {@code target} (same profile, no STDP, every
   * width at least the image's): each field keeps its value, so the network computes the same.
   * The fields that widen are all unsigned indices (targets, delays, row bounds, segment ends,
   * Poisson keys); the signed ones depend only on the profile.
   */
  public static CoreImage widen(CoreImage image, CoreShape target) {
    CoreShape from = image.shape();
    if (!from.profile().equals(target.profile()) || from.stdp() || target.stdp()
        || target.neuronBits() < from.neuronBits() || target.preBits() < from.preBits()
        || target.synapseBits() < from.synapseBits() || target.ringSlots() < from.ringSlots()
        || target.segmentBits() < from.segmentBits() || (from.poisson() && !target.poisson())) {
      throw new IllegalArgumentException("class " + target.className() + " does not hold "
          + from.className());
    }
    int fromStride = 1 << from.chunkBits();
    List<BigInteger> entries = new ArrayList<>();
    int count = image.segments() + image.poissonSources();
    for (int e = 0; e < count; e++) {
      BigInteger entry = BigInteger.ZERO;
      for (int c = from.entryChunks() - 1; c >= 0; c--) {
        entry = entry.shiftLeft(CoreShape.CHUNK_BITS).or(image.constants().get(e * fromStride
            + c));
      }
      entries.add(e < image.segments() ? repack(entry, from.constants(), target.constants())
          : repack(entry, from.poissonSource(), target.poissonSource()));
    }
    List<BigInteger> rows = image.rows().stream()
        .map(w -> repack(w, from.rows(), target.rows())).toList();
    List<BigInteger> synapses = image.synapses().stream()
        .map(w -> repack(w, from.synapses(), target.synapses())).toList();
    return new CoreImage(image.model(), target, image.populations(),
        CoreLowering.chunks(target, entries), image.state(), rows, synapses, image.neurons(),
        image.maxDelaySteps(), image.segments(), image.poissonSources(), List.of(), List.of(),
        List.of(), List.of());
  }

  /** Moves every field of {@code word} from layout {@code a} to layout {@code b}. */
  private static BigInteger repack(BigInteger word, WordLayout a, WordLayout b) {
    BigInteger out = BigInteger.ZERO;
    for (WordLayout.Field f : a.fields()) {
      BigInteger v = word.shiftRight(f.lo()).and(Expr.mask(f.width()));
      WordLayout.Field g = b.field(f.name());
      if (g.width() < f.width()) {
        throw new IllegalArgumentException("field " + f.name() + " narrows");
      }
      out = out.or(v.shiftLeft(g.lo()));
    }
    return out;
  }
}
