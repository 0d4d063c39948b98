package snnc.mapper.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import snnc.mapper.partition.Slice;

/**
 * Routing keys per slice: {@code key[s]} with {@code mask[s]} covers a contiguous, aligned block of
 * 2^k keys (k = bits for the slice's cell or cell×stage numbering); cell i of the slice sends
 * {@code key + (i − lo)}. Keys are hierarchical, like sPyNNaker's [population | core | neuron] keys,
 * with one level more: the slices of one population (and, separately, its delay extensions) sit in
 * one aligned block, and inside it the slices that share a <em>route class</em> (identical multicast
 * trees, i.e. the same source chip and the same target cores) form one aligned sub-block. A router
 * then needs one entry for a whole route class, and one for a whole population where the classes'
 * routes agree; the unused keys of padding are never sent, so they match anything harmlessly.
 */
public record KeyAllocation(long[] key, long[] mask) {

  /** The number of keys in slice {@code s}'s block. */
  public long blockSize(int s) {
    return (~mask[s] & 0xffffffffL) + 1;
  }

  /** Keys with every population's slices in one block in slice order (no route classes). */
  public static KeyAllocation allocate(List<Slice> slices) throws KeySpaceException {
    return allocate(slices, new int[slices.size()]);
  }

  /**
   * Allocates keys for {@code slices}; slices of one population and kind with the same
   * {@code routeClass} share an aligned sub-block (classes in ascending order within a size, so
   * classes numbered by place stay near in key space). Throws when 2^32 keys are not enough.
   */
  public static KeyAllocation allocate(List<Slice> slices, int[] routeClass)
      throws KeySpaceException {
    Map<String, List<Slice>> groups = new LinkedHashMap<>();
    for (Slice s : slices) {
      groups.computeIfAbsent(s.population().name() + "/" + s.kind(), g -> new ArrayList<>()).add(s);
    }
    long[] key = new long[slices.size()];
    long[] mask = new long[slices.size()];
    List<List<Slice>> ordered = new ArrayList<>(groups.values());
    long[] groupSize = new long[ordered.size()];
    long[] sliceSize = new long[ordered.size()];
    List<List<List<Slice>>> classesOf = new ArrayList<>();
    for (int g = 0; g < ordered.size(); g++) {
      long per = 1;
      TreeMap<Integer, List<Slice>> byClass = new TreeMap<>();
      for (Slice s : ordered.get(g)) {
        per = Math.max(per, ceilPow2(s.keyCount()));
        byClass.computeIfAbsent(routeClass[s.id()], c -> new ArrayList<>()).add(s);
      }
      // Largest sub-blocks first, so each is aligned without gaps; ties in class order.
      List<List<Slice>> classes = new ArrayList<>(byClass.values());
      classes.sort((a, b) -> Long.compare(ceilPow2(b.size()), ceilPow2(a.size())));
      long slots = 0;
      for (List<Slice> c : classes) {
        slots += ceilPow2(c.size());
      }
      classesOf.add(classes);
      sliceSize[g] = per;
      groupSize[g] = ceilPow2(slots) * per;
    }
    // Largest groups first keeps alignment padding small; ties in first-slice order.
    Integer[] idx = new Integer[ordered.size()];
    for (int g = 0; g < idx.length; g++) {
      idx[g] = g;
    }
    Arrays.sort(idx, (a, b) -> groupSize[a] != groupSize[b]
        ? Long.compare(groupSize[b], groupSize[a]) : Integer.compare(a, b));
    long cursor = 0;
    for (int g : idx) {
      cursor = (cursor + groupSize[g] - 1) / groupSize[g] * groupSize[g];
      if (cursor + groupSize[g] > (1L << 32)) {
        throw new KeySpaceException(cursor + groupSize[g]);
      }
      long slot = 0;
      for (List<Slice> c : classesOf.get(g)) {
        for (int i = 0; i < c.size(); i++) {
          int s = c.get(i).id();
          key[s] = cursor + (slot + i) * sliceSize[g];
          mask[s] = ~(sliceSize[g] - 1) & 0xffffffffL;
        }
        slot += ceilPow2(c.size());
      }
      cursor += groupSize[g];
    }
    return new KeyAllocation(key, mask);
  }

  static long ceilPow2(long n) {
    long p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }

  /** More keys are needed than 32 bits hold. */
  public static final class KeySpaceException extends Exception {
    public KeySpaceException(long needed) {
      super("the slices need " + needed + " routing keys, 32-bit keys offer " + (1L << 32));
    }
  }
}
