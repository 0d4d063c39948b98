package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of a system router's two loadable block-RAM memories, which hold everything of the
 * mapping the router needs, so the system's Verilog depends only on this layout and the core
 * class, and one build serves every mapping of that size. The router looks a key up in both, one
 * read each, pipelined, so it takes one key per clock:
 *
 * <ul>
 *   <li><b>decode</b> ({@link #decodeDepth()} words of {@code {valid, key[keyBits],
 *       block[blockBits]}}): first the <b>send</b> region, one word per core instance and local
 *       neuron at {@code (core << neuronBits) + neuron} (the neuron's global key and its slice's
 *       key block), then the <b>key index</b> from {@link #indexBase()}, one word per granule of
 *       {@code 2^granuleBits} keys at {@code indexBase + (key >> granuleBits)} (the key block
 *       that holds the granule, if any; the key field is unused). The mapper's key blocks are
 *       aligned powers of two, so with the granule no larger than the smallest block every
 *       granule lies inside one block or outside all of them: the index is exact, and a host key
 *       needs one read like a core's neuron.
 *   <li><b>blocks</b> ({@link #blockEntries} words of {@code {route[cores], width[widthBits],
 *       base[cores − 1], …, base[0]}}, each base {@code rowKeyBits} wide): per key block, the
 *       cores it is delivered to and each one's local row key base; a key {@code k} of the block
 *       reaches core {@code c} as row key {@code base[c] + (k mod 2^width)} (SpiNNaker's master
 *       population table, one column per core).
 * </ul>
 *
 * <p>The blocks' routes are computed at lowering time from the mapper's key/mask table, first
 * match wins, as the router applied it entry by entry before; the mapper routes every key of a
 * block alike ({@code SystemLowering} checks it), so one route per block is the same function.
 * Capacities are powers of two; {@link #of} gives the smallest that holds a system, with floors
 * under {@link CoreLowering.Sizing#CLASS} so that co-simulation builds are shared. The index has
 * one word per granule of the keys in use (the key span over the smallest block; under
 * {@code CLASS} one per key, at least {@value #CLASS_INDEX_BITS} bits' worth).
 *
 * @param cores core instances (route bits): the mapping's cores, then under
 *     {@link CoreLowering.Sizing#CLASS} spare instances up to a power of two, switched off by the
 *     router's config word ({@link SystemImage#coresOff})
 * @param keyBits width of the global keys
 * @param neuronBits the core's neuron index width
 * @param rowKeyBits the core's local row-key width
 * @param blockEntries capacity of the block memory (key blocks: every slice's, sources too)
 * @param granuleBits log2 of the keys one index word covers
 * @param indexBits log2 of the index's words
 */
public record RouterTable(int cores, int keyBits, int neuronBits, int rowKeyBits,
    int blockEntries, int granuleBits, int indexBits) {

  /** Class floors: enough for the test suite's and the examples' mappings to share builds. */
  static final int CLASS_BLOCK_ENTRIES = 16;
  static final int CLASS_INDEX_BITS = 10;

  /**
   * Router cycles from a key's pick to its offer to the destination cores (the pipeline's
   * stages: decode read, block read, offer register); a key is picked every cycle.
   */
  public static final int LATENCY = 3;

  /**
   * The smallest layout (powers of two, with class floors under {@code sizing}) for the key
   * blocks {@code blocks} (every slice's {key, mask}, sources included).
   */
  static RouterTable of(int cores, int keyBits, CoreShape shape,
      List<SystemImage.SliceKeys> blocks, CoreLowering.Sizing sizing) {
    boolean cls = sizing == CoreLowering.Sizing.CLASS;
    long span = 1;
    int smallest = keyBits;
    for (SystemImage.SliceKeys b : blocks) {
      span = Math.max(span, b.key() + blockSize(b));
      smallest = Math.min(smallest, Long.numberOfTrailingZeros(blockSize(b)));
    }
    int granule = cls ? 0 : smallest;
    int index = CoreShape.bitsFor((span - 1) >>> granule);
    if (cls) {
      index = Math.max(CLASS_INDEX_BITS, index);
    }
    return new RouterTable(cls ? pow2(cores) : cores, keyBits, shape.neuronBits(),
        shape.preBits(), pow2(Math.max(cls ? CLASS_BLOCK_ENTRIES : 1, blocks.size())), granule,
        index);
  }

  private static long blockSize(SystemImage.SliceKeys b) {
    return (~b.mask() & 0xffffffffL) + 1;
  }

  private static int pow2(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** Width of a block number (the block memory's address). */
  public int blockBits() {
    return CoreShape.bitsFor(blockEntries - 1);
  }

  /** Width of the key offset inside a block that reaches a core (its row keys hold it). */
  public int offsetBits() {
    return Math.min(keyBits, rowKeyBits);
  }

  /** Width of a decode word: {@code {valid, key, block}}. */
  public int decodeWidth() {
    return 1 + keyBits + blockBits();
  }

  /**
   * Width of a block's offset width field (0 .. {@link #offsetBits}: log2 of the block's keys,
   * at most the offset's width); a width, not a mask, keeps a one-core block word in 16 bits.
   */
  public int widthBits() {
    return CoreShape.bitsFor(offsetBits());
  }

  /** Width of a block word: {@code {route, width, bases}}. */
  public int blockWidth() {
    return cores + widthBits() + cores * rowKeyBits;
  }

  /** The widest word the load port writes into the router: a memory word or the config word. */
  public int loadWidth() {
    return Math.max(Math.max(decodeWidth(), blockWidth()), cores);
  }

  /** First address of the key index (the send region's words come before it). */
  public int indexBase() {
    return cores << neuronBits;
  }

  /** Words in use in the decode memory (it is {@code 2^decodeAddressBits} deep). */
  public int decodeDepth() {
    return indexBase() + (1 << indexBits);
  }

  /** Width of a decode memory address. */
  public int decodeAddressBits() {
    return CoreShape.bitsFor(decodeDepth() - 1);
  }

  /** Width of the widest router memory address (the load port's {@code ld_addr} holds it). */
  public int addressBits() {
    return Math.max(decodeAddressBits(), blockBits());
  }

  /** Key bits the index reads ({@code key[granuleBits + indexedBits − 1 : granuleBits]}). */
  public int indexedBits() {
    return Math.max(0, Math.min(keyBits, granuleBits + indexBits) - granuleBits);
  }

  /** Block RAMs of 256 × 16 bits (iCE40 SB_RAM40_4K) the two memories take at least. */
  public int blockRams() {
    return blockRams(decodeWidth(), 1 << decodeAddressBits())
        + blockRams(blockWidth(), 1 << blockBits());
  }

  private static int blockRams(int width, int depth) {
    return (width + 15) / 16 * Math.max(1, depth / 256);
  }

  /** A short name for module and cache names. */
  public String className() {
    return "c" + cores + "_k" + keyBits + "_b" + blockEntries + "g" + granuleBits + "i"
        + indexBits;
  }

  /**
   * The key blocks of {@code image} in block-number order (by key): every core's neuron slices
   * and every source slice.
   */
  public static List<SystemImage.SliceKeys> blocks(SystemImage image) {
    List<SystemImage.SliceKeys> all = new ArrayList<>(image.sources());
    for (SystemImage.CoreInstance c : image.cores()) {
      all.addAll(c.neurons());
    }
    all.sort(Comparator.comparingLong(SystemImage.SliceKeys::key));
    return all;
  }

  /**
   * The decode memory's contents for {@code image} (addresses {@code 0 .. decodeDepth() − 1};
   * neurons no slice holds and granules outside every block are zero: not valid). Throws
   * {@link IllegalStateException} when the image does not fit the layout (a lowering bug: the
   * layout was sized from the same image).
   */
  public List<BigInteger> decodeWords(SystemImage image) {
    BigInteger[] mem = new BigInteger[decodeDepth()];
    Arrays.fill(mem, BigInteger.ZERO);
    List<SystemImage.SliceKeys> blocks = blocks(image);
    Map<Integer, Integer> blockOf = blockNumbers(blocks);
    for (SystemImage.CoreInstance c : image.cores()) {
      for (SystemImage.SliceKeys s : c.neurons()) {
        for (int cell = 0; cell < s.size(); cell++) {
          int neuron = s.localBase() + cell;
          if (neuron >= 1 << neuronBits) {
            throw new IllegalStateException("neuron " + neuron + " of " + c.name() + " beyond "
                + (1 << neuronBits));
          }
          mem[(c.index() << neuronBits) + neuron] = decodeWord(s.key() + cell,
              blockOf.get(s.slice()));
        }
      }
    }
    for (SystemImage.SliceKeys b : blocks) {
      long first = b.key() >>> granuleBits;
      long last = (b.key() + blockSize(b) - 1) >>> granuleBits;
      if (last >= 1L << indexBits) {
        throw new IllegalStateException("key block " + b.key() + " beyond the index of "
            + (1 << indexBits) + " granules");
      }
      for (long g = first; g <= last; g++) {
        mem[indexBase() + (int) g] = decodeWord(0, blockOf.get(b.slice()));
      }
    }
    return List.of(mem);
  }

  /**
   * The block memory's contents for {@code image} (addresses {@code 0 .. blockEntries − 1}):
   * block b's destination cores (those whose incoming key blocks hold it) and their row-key
   * bases. Throws {@link IllegalStateException} when the image does not fit the layout.
   */
  public List<BigInteger> blockWords(SystemImage image) {
    List<SystemImage.SliceKeys> blocks = blocks(image);
    if (blocks.size() > blockEntries) {
      throw new IllegalStateException("block memory of " + blockEntries + " words, "
          + blocks.size() + " needed");
    }
    BigInteger[] mem = new BigInteger[blockEntries];
    Arrays.fill(mem, BigInteger.ZERO);
    for (int b = 0; b < blocks.size(); b++) {
      SystemImage.SliceKeys block = blocks.get(b);
      BigInteger route = BigInteger.ZERO;
      BigInteger bases = BigInteger.ZERO;
      for (SystemImage.CoreInstance c : image.cores()) {
        for (SystemImage.SliceKeys in : c.incoming()) {
          if (in.slice() == block.slice()) {
            route = route.setBit(c.index());
            bases = bases.or(BigInteger.valueOf(in.localBase())
                .shiftLeft(c.index() * rowKeyBits));
          }
        }
      }
      int width = Math.min(offsetBits(), Long.numberOfTrailingZeros(blockSize(block)));
      mem[b] = route.shiftLeft(widthBits()).or(BigInteger.valueOf(width))
          .shiftLeft(cores * rowKeyBits)
          .or(bases);
    }
    return List.of(mem);
  }

  private static Map<Integer, Integer> blockNumbers(List<SystemImage.SliceKeys> blocks) {
    Map<Integer, Integer> out = new HashMap<>();
    for (int b = 0; b < blocks.size(); b++) {
      out.put(blocks.get(b).slice(), b);
    }
    return out;
  }

  /** One decode word: {@code {1, key, block}}. */
  private BigInteger decodeWord(long key, int block) {
    BigInteger keys = BigInteger.ONE.shiftLeft(keyBits).subtract(BigInteger.ONE);
    return BigInteger.ONE.shiftLeft(keyBits).or(BigInteger.valueOf(key).and(keys))
        .shiftLeft(blockBits()).or(BigInteger.valueOf(block));
  }
}
