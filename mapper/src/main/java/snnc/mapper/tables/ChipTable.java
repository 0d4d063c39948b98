package snnc.mapper.tables;

import java.util.List;

/**
 * The routing table of one chip, in priority order (first match wins), and the key blocks that reach
 * the chip: {@code blocks} holds {key, mask, expected route} per slice whose tree visits the chip,
 * with expected route -1 where the chip relies on default routing (no entry may match those keys,
 * unless a fourth element gives the route default routing takes — straight on — and the entry
 * gives exactly that route).
 */
public record ChipTable(int chip, List<RoutingEntry> entries, List<long[]> blocks,
    int entriesBeforeCompression) {

  public ChipTable {
    entries = List.copyOf(entries);
    blocks = List.copyOf(blocks);
  }

  public int size() {
    return entries.size();
  }

  /** The route the table gives key {@code k}: the first matching entry's, or -1 (default). */
  public long lookup(long k) {
    for (RoutingEntry e : entries) {
      if (e.matches(k)) {
        return e.route();
      }
    }
    return -1;
  }
}
