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
 * with more levels: the slices of one population (and, separately, its delay extensions) sit in one
 * aligned block; inside it one equal, aligned sub-block per <em>source rank</em> (the place of the
 * slice's chip along the population's tree, so neighbouring chips get neighbouring keys); inside
 * that, nested aligned blocks per class level, e.g. slices whose trees reach the same chips, then
 * slices with identical trees (a <em>route class</em>: same chip, same target cores). A router then
 * needs one entry for a whole class, and one for a run of them or a whole population where their
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
    return allocate(slices, new int[slices.size()], List.of(routeClass));
  }

  /**
   * Allocates keys in levels: a population and kind's block holds one equal, aligned sub-block per
   * source rank (ranks 0, 1, … in order, so consecutive ranks get neighbouring keys); inside one,
   * slices are grouped by {@code classLevels.get(0)}, each group by {@code classLevels.get(1)} and so
   * on, every group an aligned block (largest first, then in ascending class number), slices of the
   * last level's group consecutive in slice order. Each level's classes must nest in the previous
   * level's. Equal rank sub-blocks cost unused keys but keep every run of consecutive ranks a union
   * of few aligned blocks, which a router covers with few entries. Throws when 2^32 keys are not
   * enough.
   */
  public static KeyAllocation allocate(List<Slice> slices, int[] sourceRank,
      List<int[]> classLevels) throws KeySpaceException {
    Map<String, List<Slice>> groups = new LinkedHashMap<>();
    for (Slice s : slices) {
      groups.computeIfAbsent(s.population().name() + "/" + s.kind(), g -> new ArrayList<>()).add(s);
    }
    long[] key = new long[slices.size()];
    long[] mask = new long[slices.size()];
    List<List<Slice>> ordered = new ArrayList<>(groups.values());
    long[] groupSize = new long[ordered.size()];
    long[] sliceSize = new long[ordered.size()];
    long[] rankSlots = new long[ordered.size()];
    List<TreeMap<Integer, Node>> ranksOf = new ArrayList<>();
    for (int g = 0; g < ordered.size(); g++) {
      long per = 1;
      TreeMap<Integer, List<Slice>> byRank = new TreeMap<>();
      for (Slice s : ordered.get(g)) {
        per = Math.max(per, ceilPow2(s.keyCount()));
        byRank.computeIfAbsent(sourceRank[s.id()], r -> new ArrayList<>()).add(s);
      }
      TreeMap<Integer, Node> ranks = new TreeMap<>();
      long widest = 1;
      for (Map.Entry<Integer, List<Slice>> e : byRank.entrySet()) {
        Node n = Node.of(e.getValue(), classLevels, 0);
        widest = Math.max(widest, n.slots);
        ranks.put(e.getKey(), n);
      }
      ranksOf.add(ranks);
      sliceSize[g] = per;
      rankSlots[g] = widest;
      groupSize[g] = ceilPow2(byRank.lastKey() + 1L) * widest * per;
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
      long per = sliceSize[g];
      for (Map.Entry<Integer, Node> e : ranksOf.get(g).entrySet()) {
        e.getValue().lay(cursor + e.getKey() * rankSlots[g] * per, per, key, mask);
      }
      cursor += groupSize[g];
    }
    return new KeyAllocation(key, mask);
  }

  /**
   * One group of a level: its sub-groups (largest first, then by class number), or at the last
   * level its slices; {@code slots} is its size in slices, a power of two.
   */
  private record Node(List<Node> children, List<Slice> slices, long slots) {

    static Node of(List<Slice> slices, List<int[]> levels, int level) {
      if (level == levels.size()) {
        return new Node(List.of(), slices, ceilPow2(slices.size()));
      }
      TreeMap<Integer, List<Slice>> byClass = new TreeMap<>();
      for (Slice s : slices) {
        byClass.computeIfAbsent(levels.get(level)[s.id()], c -> new ArrayList<>()).add(s);
      }
      List<Node> children = new ArrayList<>();
      for (List<Slice> c : byClass.values()) {
        children.add(of(c, levels, level + 1));
      }
      // Largest sub-blocks first, so each is aligned without gaps; ties in class order.
      children.sort((a, b) -> Long.compare(b.slots, a.slots));
      long slots = 0;
      for (Node c : children) {
        slots += c.slots;
      }
      return new Node(children, List.of(), ceilPow2(slots));
    }

    void lay(long base, long per, long[] key, long[] mask) {
      for (int i = 0; i < slices.size(); i++) {
        key[slices.get(i).id()] = base + i * per;
        mask[slices.get(i).id()] = ~(per - 1) & 0xffffffffL;
      }
      long at = base;
      for (Node c : children) {
        c.lay(at, per, key, mask);
        at += c.slots * per;
      }
    }
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
