package snnc.mapper.tables;

/**
 * One router entry: packets whose key matches {@code key} on the bits of {@code mask} go to
 * {@code route} (bits 0–5 links in the target's direction order, bits 6 and up cores). Keys, masks
 * and routes are unsigned 32-bit values held in longs.
 */
public record RoutingEntry(long key, long mask, long route) {

  public RoutingEntry {
    if ((key & ~mask) != 0) {
      throw new IllegalArgumentException(String.format("key %08x has bits outside mask %08x", key,
          mask));
    }
  }

  /** Bit of core {@code core} in a route word. */
  public static long coreBit(int core) {
    return 1L << (6 + core);
  }

  public boolean matches(long k) {
    return (k & mask) == key;
  }

  /** Whether some key matches both this entry and the block {@code (k, m)}. */
  public boolean intersects(long k, long m) {
    return ((key ^ k) & mask & m) == 0;
  }

  /** Whether every key of the block {@code (k, m)} matches this entry. */
  public boolean covers(long k, long m) {
    return (mask & ~m) == 0 && intersects(k, m);
  }

  /** Number of don't-care bits in 32 (how general the entry is). */
  public int generality() {
    return 32 - Long.bitCount(mask & 0xffffffffL);
  }
}
