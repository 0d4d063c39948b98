package snnc.mapper.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Table compression in the manner of ordered covering (Mundy et al., 2016): entries with the same
 * route are merged into one more general entry (the bits on which they agree), placed after every
 * entry at least as specific, but only when every key block that reaches the chip is still routed
 * exactly as before — including blocks that rely on default routing, which must still match nothing
 * or, when that saves entries, get an explicit entry sending them straight on as default routing
 * would. A merge that would capture another block is split on its highest free bit and the halves
 * tried (largest first); the merge saving most entries is taken. Merging stops as soon as the table fits {@code limit}, or runs to a fixed point
 * when {@code full}.
 */
public final class OrderedCovering {

  private OrderedCovering() {}

  /** Compresses {@code table}; the result may still exceed {@code limit} (caller reports it). */
  public static ChipTable compress(ChipTable table, int limit, boolean full) {
    if (!full && table.size() <= limit) {
      return table;
    }
    List<RoutingEntry> entries = new ArrayList<>(table.entries());
    entries.sort(Comparator.comparingInt(RoutingEntry::generality)
        .thenComparingLong(RoutingEntry::key));
    boolean changed = true;
    while (changed && (full || entries.size() > limit)) {
      changed = false;
      TreeMap<Long, List<RoutingEntry>> byRoute = new TreeMap<>();
      for (RoutingEntry e : entries) {
        byRoute.computeIfAbsent(e.route(), r -> new ArrayList<>()).add(e);
      }
      List<Long> routes = new ArrayList<>(byRoute.keySet());
      routes.sort((a, b) -> byRoute.get(a).size() != byRoute.get(b).size()
          ? Integer.compare(byRoute.get(b).size(), byRoute.get(a).size()) : Long.compare(a, b));
      for (long route : routes) {
        List<RoutingEntry> group = new ArrayList<>();
        for (RoutingEntry e : entries) {
          if (e.route() == route) {
            group.add(e);
          }
        }
        if (group.size() < 2) {
          continue;
        }
        Merge merged = bestMerge(entries, group, table.blocks());
        if (merged != null) {
          apply(entries, merged);
          changed = true;
          if (!full && entries.size() <= limit) {
            break;
          }
        }
      }
    }
    return new ChipTable(table.chip(), entries, table.blocks(), table.entriesBeforeCompression());
  }

  /**
   * A merge: the entries replaced by their generalisation, and explicit entries for default-routed
   * blocks it would otherwise capture (each routed as default routing would, straight on).
   */
  private record Merge(List<RoutingEntry> group, List<RoutingEntry> pinned) {
    int saving() {
      return group.size() - 1 - pinned.size();
    }
  }

  /** The merge of a subset of {@code group} that saves most entries and keeps the table correct. */
  private static Merge bestMerge(List<RoutingEntry> entries, List<RoutingEntry> group,
      List<long[]> blocks) {
    if (group.size() < 2) {
      return null;
    }
    RoutingEntry m = merge(group);
    Merge whole = valid(entries, group, m, blocks);
    if (whole != null && whole.pinned().isEmpty()) {
      return whole;
    }
    long free = 0xffffffffL & ~m.mask();
    long specific = 0;
    for (RoutingEntry e : group) {
      specific |= e.mask();
    }
    long split = free & specific;
    if (split == 0) {
      return whole;
    }
    long bit = Long.highestOneBit(split);
    List<RoutingEntry> zero = new ArrayList<>();
    List<RoutingEntry> one = new ArrayList<>();
    for (RoutingEntry e : group) {
      // Entries that do not care about the bit cannot join either half.
      if ((e.mask() & bit) != 0) {
        ((e.key() & bit) == 0 ? zero : one).add(e);
      }
    }
    Merge best = whole;
    List<RoutingEntry> first = zero.size() >= one.size() ? zero : one;
    List<RoutingEntry> second = first == zero ? one : zero;
    for (List<RoutingEntry> half : List.of(first, second)) {
      if (best != null && best.saving() >= half.size() - 1) {
        continue; // this half cannot save more
      }
      Merge h = bestMerge(entries, half, blocks);
      if (h != null && (best == null || h.saving() > best.saving())) {
        best = h;
      }
    }
    return best;
  }

  static RoutingEntry merge(List<RoutingEntry> group) {
    long mask = 0xffffffffL;
    long k0 = group.get(0).key();
    for (RoutingEntry e : group) {
      mask &= e.mask() & ~(e.key() ^ k0);
    }
    return new RoutingEntry(k0 & mask, mask, group.get(0).route());
  }

  /**
   * Whether replacing {@code group} by {@code m} keeps every block's route: the merge, with explicit
   * straight-on entries for the default-routed blocks {@code m} would capture (a block's element 3,
   * when present and ≥ 0, is the route that default routing gives it), or null when it does not or
   * when those entries would eat the whole saving.
   */
  private static Merge valid(List<RoutingEntry> entries, List<RoutingEntry> group,
      RoutingEntry m, List<long[]> blocks) {
    List<RoutingEntry> trial = without(entries, group);
    insert(trial, m);
    List<RoutingEntry> pinned = new ArrayList<>();
    for (long[] b : blocks) {
      if (m.intersects(b[0], b[1]) && !routesLike(trial, b)) {
        if (b[2] != -1 || b.length < 4 || b[3] < 0) {
          return null;
        }
        pinned.add(new RoutingEntry(b[0], b[1], b[3]));
        if (pinned.size() >= group.size() - 1) {
          return null;
        }
      }
    }
    if (pinned.isEmpty()) {
      return new Merge(group, pinned);
    }
    for (RoutingEntry p : pinned) {
      insert(trial, p);
    }
    // The explicit entries are key blocks of their own slices, so they capture nothing else; check.
    for (long[] b : blocks) {
      if (m.intersects(b[0], b[1]) && !routesLike(trial, b)) {
        return null;
      }
    }
    return new Merge(group, pinned);
  }

  /** Whether block {@code b} gets its route from {@code table}, or its default route explicitly. */
  private static boolean routesLike(List<RoutingEntry> table, long[] b) {
    return routesAs(table, 0, b[0], b[1], b[2])
        || b[2] == -1 && b.length > 3 && b[3] >= 0 && routesAs(table, 0, b[0], b[1], b[3]);
  }

  private static void apply(List<RoutingEntry> entries, Merge merge) {
    RoutingEntry m = merge(merge.group());
    List<RoutingEntry> rest = without(entries, merge.group());
    entries.clear();
    entries.addAll(rest);
    insert(entries, m);
    for (RoutingEntry p : merge.pinned()) {
      insert(entries, p);
    }
  }

  /**
   * {@code entries} without every entry equal to one of {@code group}, in order: what
   * {@code removeAll} gives, in linear time instead of entries × group comparisons (which took
   * seconds per table when thousands of entries share a route).
   */
  private static List<RoutingEntry> without(List<RoutingEntry> entries,
      List<RoutingEntry> group) {
    Set<RoutingEntry> drop = new HashSet<>(group);
    List<RoutingEntry> rest = new ArrayList<>(entries.size());
    for (RoutingEntry e : entries) {
      if (!drop.contains(e)) {
        rest.add(e);
      }
    }
    return rest;
  }

  /** Inserts after every entry at most as general (ordered covering's ordering). */
  private static void insert(List<RoutingEntry> entries, RoutingEntry m) {
    int pos = 0;
    while (pos < entries.size() && entries.get(pos).generality() <= m.generality()) {
      pos++;
    }
    entries.add(pos, m);
  }

  /**
   * Whether every key of block {@code (key, mask)} gets {@code expected} from {@code table} read
   * from index {@code from} (-1: matches no entry). Blocks partly matched are split on a bit.
   */
  public static boolean routesAs(List<RoutingEntry> table, int from, long key, long mask,
      long expected) {
    for (int i = from; i < table.size(); i++) {
      RoutingEntry e = table.get(i);
      if (!e.intersects(key, mask)) {
        continue;
      }
      if (e.covers(key, mask)) {
        return e.route() == expected;
      }
      long bit = Long.lowestOneBit(e.mask() & ~mask & 0xffffffffL);
      return routesAs(table, i, key, mask | bit, expected)
          && routesAs(table, i, key | bit, mask | bit, expected);
    }
    return expected == -1;
  }
}
