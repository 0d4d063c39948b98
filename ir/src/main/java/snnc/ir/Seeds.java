package snnc.ir;

import java.nio.charset.StandardCharsets;

/**
 * Derives the seed of one random choice (a projection's expansion, a population parameter's draws)
 * from the network seed and a stable name, so that adding or reordering statements never changes
 * the seeds of the others.
 *
 * <p>{@code derive(base, name) = splitMix64(base XOR fnv1a64(utf8(name)))}, where {@code fnv1a64}
 * is the 64-bit FNV-1a hash (offset basis 0xcbf29ce484222325, prime 0x100000001b3) and
 * {@code splitMix64} is the SplitMix64 finaliser (xor-shift 30, multiply 0xbf58476d1ce4e5b9,
 * xor-shift 27, multiply 0x94d049bb133111eb, xor-shift 31). Other implementations (the C runtime,
 * Python tools) can reproduce it from this description.
 */
public final class Seeds {

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Seeds() {}

  /** The seed for {@code name} (e.g. a projection name, or {@code exc.v_thresh}) under {@code base}. */
  public static long derive(long base, String name) {
    return splitMix64(base ^ fnv1a64(name));
  }

  /** The 64-bit FNV-1a hash of the UTF-8 bytes of {@code text}. */
  public static long fnv1a64(String text) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** The SplitMix64 finaliser: a bijective 64-bit mix with good avalanche. */
  public static long splitMix64(long x) {
    long z = x;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
