package snnc.ir.expand;

/**
 * The counter-based random number generator behind every random choice of the IR (connections,
 * weights, delays, per-neuron parameters). A generator is keyed by {@code (seed, stream, index)} —
 * for a projection the index is the post neuron (or, for {@code fixed_number_post}, the pre neuron),
 * for a parameter it is the neuron — so the numbers for one neuron never depend on any other neuron
 * and a slice of a projection can be expanded on its own.
 *
 * <p>Definition (all arithmetic on 64-bit two's complement, {@code >>>} logical shift):
 *
 * <pre>
 * mix64(z)  = z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9; z ^= z >>> 27; z *= 0x94d049bb133111eb;
 *             return z ^ (z >>> 31)                               (SplitMix64's finaliser)
 * G         = 0x9e3779b97f4a7c15                                  (golden-ratio Weyl increment)
 * key       = mix64(mix64(mix64(seed) + stream * G) + index * G)
 * next64(c) = mix64(key + c * G)  for c = 1, 2, 3, ...            (the c-th draw)
 * nextDouble = (next64 >>> 11) * 2^-53                            (uniform on [0, 1))
 * nextInt(n) = bits = next64 >>> 1, v = bits mod n, redrawn while bits - v + (n - 1) overflows
 * </pre>
 *
 * That is a SplitMix64 sequence per key; it is not a cryptographic generator, only a reproducible
 * and well-mixed one. Instances are mutable and not thread-safe; {@link #reset} re-keys one in place
 * so hot loops need not allocate.
 */
public final class CounterRng {

  /** Stream of connection choices keyed by post neuron. */
  public static final long STREAM_CONNECT = 1;
  /** Stream of per-synapse weights keyed by post neuron. */
  public static final long STREAM_WEIGHT = 2;
  /** Stream of per-synapse delays keyed by post neuron. */
  public static final long STREAM_DELAY = 3;
  /** Stream of per-neuron parameter values keyed by neuron. */
  public static final long STREAM_PARAM = 4;
  /** Stream of {@code fixed_number_post} choices keyed by pre neuron. */
  public static final long STREAM_CONNECT_POST = 5;

  static final long GAMMA = 0x9e3779b97f4a7c15L;

  private long key;
  private long counter;

  private CounterRng(long key) {
    this.key = key;
  }

  /** A generator positioned before the first draw of {@code (seed, stream, index)}. */
  public static CounterRng of(long seed, long stream, long index) {
    return new CounterRng(key(seed, stream, index));
  }

  /** Re-keys this generator to {@code (seed, stream, index)} and rewinds it. */
  public CounterRng reset(long seed, long stream, long index) {
    this.key = key(seed, stream, index);
    this.counter = 0;
    return this;
  }

  static long key(long seed, long stream, long index) {
    return mix64(mix64(mix64(seed) + stream * GAMMA) + index * GAMMA);
  }

  /** SplitMix64's output function (Stafford's variant 13). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public long next64() {
    counter++;
    return mix64(key + counter * GAMMA);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (next64() >>> 11) * 0x1.0p-53;
  }

  /** Uniform on {0, …, bound − 1} without modulo bias; {@code bound} must be positive. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long n = bound;
    long bits;
    long value;
    do {
      bits = next64() >>> 1;
      value = bits % n;
    } while (bits - value + (n - 1) < 0);
    return (int) value;
  }
}
