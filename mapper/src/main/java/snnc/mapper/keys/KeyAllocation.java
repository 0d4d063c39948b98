package snnc.mapper.keys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.mapper.partition.Slice;

/**
 * Routing keys per slice: {@code key[s]} with {@code mask[s]} covers a contiguous, aligned block of
 * 2^k keys (k = bits for the slice's cell or cell×stage numbering); cell i of the slice sends
 * {@code key + (i − lo)}. Slices of one population (and, separately, its delay extensions) sit in
 * one aligned block in slice order, like sPyNNaker's [population | core | neuron] keys, so a router
 * can cover a whole population with one entry when its slices go the same way.
 */
public record KeyAllocation(long[] key, long[] mask) {

  /** The first key of slice {@code s}'s block and its size. */
  public long blockSize(int s) {
    return (~mask[s] & 0xffffffffL) + 1;
  }

  /** Allocates keys for {@code slices}; throws when 2^32 keys are not enough (a diagnostic). */
  public static KeyAllocation allocate(List<Slice> slices) throws KeySpaceException {
    Map<String, List<Slice>> groups = new LinkedHashMap<>();
    for (Slice s : slices) {
      groups.computeIfAbsent(s.population().name() + "/" + s.kind(), g -> new ArrayList<>()).add(s);
    }
    long[] key = new long[slices.size()];
    long[] mask = new long[slices.size()];
    // Largest groups first keeps alignment padding small; ties in first-slice order.
    List<List<Slice>> ordered = new ArrayList<>(groups.values());
    long[] groupSize = new long[ordered.size()];
    long[] sliceSize = new long[ordered.size()];
    for (int g = 0; g < ordered.size(); g++) {
      long per = 1;
      for (Slice s : ordered.get(g)) {
        per = Math.max(per, ceilPow2(s.keyCount()));
      }
      sliceSize[g] = per;
      groupSize[g] = ceilPow2(ordered.get(g).size()) * per;
    }
    Integer[] idx = new Integer[ordered.size()];
    for (int g = 0; g < idx.length; g++) {
      idx[g] = g;
    }
    java.util.Arrays.sort(idx, (a, b) -> groupSize[a] != groupSize[b]
        ? Long.compare(groupSize[b], groupSize[a]) : Integer.compare(a, b));
    long cursor = 0;
    for (int g : idx) {
      cursor = (cursor + groupSize[g] - 1) / groupSize[g] * groupSize[g];
      if (cursor + groupSize[g] > (1L << 32)) {
        throw new KeySpaceException(cursor + groupSize[g]);
      }
      List<Slice> group = ordered.get(g);
      for (int i = 0; i < group.size(); i++) {
        int s = group.get(i).id();
        key[s] = cursor + i * sliceSize[g];
        mask[s] = ~(sliceSize[g] - 1) & 0xffffffffL;
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
