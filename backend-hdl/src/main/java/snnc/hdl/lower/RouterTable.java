package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The layout of a system router's loadable table memory: one block-RAM memory of
 * {@link #depth()} words that holds everything of the mapping the router needs, so the system's
 * Verilog depends only on this layout and the core class, and one build serves every mapping of
 * that size. Three regions, each scanned from its start until an entry matches or an entry
 * marked last has been compared:
 *
 * <ul>
 *   <li><b>route</b> ({@link #routeEntries} words from address 0): the mapper's routing table,
 *       key/mask → destination cores (one bit per core instance), first match wins;
 *   <li><b>send</b> ({@link #sendEntries} words per core): a core's neuron slices, highest local
 *       base first; the first with {@code base ≤ neuron} gives the global key
 *       {@code key + neuron − base} (the key a core's spike carries through the router);
 *   <li><b>port</b> ({@link #portEntries} words per core): the key blocks the router delivers to
 *       a core (its master population table, in SpiNNaker's terms), key/mask → local row key
 *       {@code base + (key & ~mask)}.
 * </ul>
 *
 * <p>A word is {@code {last, key[keyBits], mask[keyBits], data[dataBits]}}, most significant
 * first; {@code data} is the route bits, the local neuron base or the local row-key base.
 * Capacities are powers of two; {@link #of} gives the smallest that holds a system, with floors
 * under {@link CoreLowering.Sizing#CLASS} so that co-simulation builds are shared.
 *
 * @param cores core instances (route bits): the mapping's cores, then under
 *     {@link CoreLowering.Sizing#CLASS} spare instances up to a power of two, switched off by the
 *     router's config word ({@link SystemImage#coresOff})
 * @param keyBits width of the global keys
 * @param neuronBits the core's neuron index width
 * @param rowKeyBits the core's local row-key width
 * @param routeEntries capacity of the route region
 * @param sendEntries capacity of each core's send region
 * @param portEntries capacity of each core's port region
 */
public record RouterTable(int cores, int keyBits, int neuronBits, int rowKeyBits,
    int routeEntries, int sendEntries, int portEntries) {

  /** Class floors: enough for the test suite's and the examples' mappings to share builds. */
  static final int CLASS_ROUTE_ENTRIES = 16;
  static final int CLASS_SEND_ENTRIES = 4;
  static final int CLASS_PORT_ENTRIES = 8;

  /** The smallest layout (powers of two, with class floors under {@code sizing}). */
  static RouterTable of(int cores, int keyBits, CoreShape shape, int routes, int maxSlices,
      int maxBlocks, CoreLowering.Sizing sizing) {
    boolean cls = sizing == CoreLowering.Sizing.CLASS;
    return new RouterTable(cls ? pow2(cores) : cores, keyBits, shape.neuronBits(), shape.preBits(),
        pow2(Math.max(cls ? CLASS_ROUTE_ENTRIES : 1, routes)),
        pow2(Math.max(cls ? CLASS_SEND_ENTRIES : 1, maxSlices)),
        pow2(Math.max(cls ? CLASS_PORT_ENTRIES : 1, maxBlocks)));
  }

  private static int pow2(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /** Width of the data field: route bits, neuron base or row-key base. */
  public int dataBits() {
    return Math.max(cores, Math.max(neuronBits, rowKeyBits));
  }

  /** Width of a table word. */
  public int width() {
    return 1 + 2 * keyBits + dataBits();
  }

  /** Words in use by the layout (the memory is {@code 2^addressBits} deep). */
  public int depth() {
    return routeEntries + cores * (sendEntries + portEntries);
  }

  /** Width of a table address. */
  public int addressBits() {
    return CoreShape.bitsFor(depth() - 1);
  }

  /** First address of core {@code core}'s send region. */
  public int sendBase(int core) {
    return routeEntries + core * sendEntries;
  }

  /** First address of core {@code core}'s port region. */
  public int portBase(int core) {
    return routeEntries + cores * sendEntries + core * portEntries;
  }

  /** log2 of {@link #portEntries} (the port region's address is {@code base + (core << it)}). */
  public int portShift() {
    return Integer.numberOfTrailingZeros(portEntries);
  }

  /** log2 of {@link #sendEntries}. */
  public int sendShift() {
    return Integer.numberOfTrailingZeros(sendEntries);
  }

  /** Block RAMs of 256 × 16 bits (iCE40 SB_RAM40_4K) the memory takes at least. */
  public int blockRams() {
    int wide = (width() + 15) / 16;
    int deep = Math.max(1, (1 << addressBits()) / 256);
    return wide * deep;
  }

  /** A short name for module and cache names. */
  public String className() {
    return "c" + cores + "_k" + keyBits + "_r" + routeEntries + "s" + sendEntries + "p"
        + portEntries;
  }

  /** One word: {@code {last, key, mask, data}}. */
  BigInteger word(boolean last, long key, long mask, long data) {
    BigInteger keys = BigInteger.ONE.shiftLeft(keyBits).subtract(BigInteger.ONE);
    BigInteger w = last ? BigInteger.ONE : BigInteger.ZERO;
    w = w.shiftLeft(keyBits).or(BigInteger.valueOf(key).and(keys));
    w = w.shiftLeft(keyBits).or(BigInteger.valueOf(mask).and(keys));
    return w.shiftLeft(dataBits()).or(BigInteger.valueOf(data));
  }

  /** A last entry no key matches ({@code (k & 0) != 1}): an empty region. */
  private BigInteger empty() {
    return word(true, 1, 0, 0);
  }

  /**
   * The memory's contents for {@code image} (addresses {@code 0 .. depth() − 1}; the unused
   * words of each region are zero and never read, the scan stops at the last entry). Throws
   * {@link IllegalStateException} when a region overflows its capacity (a lowering bug: the
   * layout was sized from the same image).
   */
  public List<BigInteger> words(SystemImage image) {
    BigInteger[] mem = new BigInteger[depth()];
    java.util.Arrays.fill(mem, BigInteger.ZERO);
    List<SystemImage.RouteEntry> routes = image.table().stream()
        .filter(e -> (e.key() >>> keyBits) == 0).toList(); // no key of the system is larger
    fill(mem, 0, routeEntries, "route", routes.size(), k -> {
      SystemImage.RouteEntry e = routes.get(k);
      long bits = 0;
      for (int c : e.cores()) {
        bits |= 1L << c;
      }
      return word(k == routes.size() - 1, e.key(), e.mask(), bits);
    });
    for (int i = 0; i < cores; i++) {
      // Spare instances (off) get empty regions.
      SystemImage.CoreInstance c = i < image.cores().size() ? image.cores().get(i) : null;
      List<SystemImage.SliceKeys> send = new ArrayList<>(c == null ? List.of() : c.neurons());
      send.sort(Comparator.comparingInt(SystemImage.SliceKeys::localBase).reversed());
      fill(mem, sendBase(i), sendEntries, "send", send.size(), k -> word(
          k == send.size() - 1, send.get(k).key(), 0, send.get(k).localBase()));
      List<SystemImage.SliceKeys> port = c == null ? List.of() : c.incoming();
      fill(mem, portBase(i), portEntries, "port", port.size(), k -> word(
          k == port.size() - 1, port.get(k).key(), port.get(k).mask(),
          port.get(k).localBase()));
    }
    return List.of(mem);
  }

  private void fill(BigInteger[] mem, int base, int capacity, String region, int used,
      java.util.function.IntFunction<BigInteger> entry) {
    if (used > capacity) {
      throw new IllegalStateException(region + " region of " + capacity + " entries, " + used
          + " needed");
    }
    if (used == 0) {
      mem[base] = empty();
    }
    for (int k = 0; k < used; k++) {
      mem[base + k] = entry.apply(k);
    }
  }

  /**
   * Router cycles for one key, as {@code SystemGenerator}'s router takes them: the pick, then
   * each scan (one cycle to issue the first read plus one per entry compared), the step to the
   * next destination and one offer cycle per destination.
   */
  public static long scanCycles(int position) {
    return position + 2;
  }
}
