package snnc.mapper.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import snnc.mapper.route.RouteTree;
import snnc.mapper.route.Routing;
import snnc.mapper.target.Machine;

/**
 * Per-chip tables from the multicast trees: one entry per (tree, chip) except where default routing
 * does the job — not the source, no local cores, and the packet leaves on the one link straight
 * ahead of where it came in. Slices without listeners get no entries, and their keys must stay unmatched at their own chip.
 */
public final class TableBuilder {

  private TableBuilder() {}

  /** Uncompressed tables for every chip of the machine (empty where nothing passes). */
  public static List<ChipTable> build(Routing routing) {
    Machine m = routing.placement().partitioned().target().machine();
    List<List<RoutingEntry>> entries = new ArrayList<>();
    List<List<long[]>> blocks = new ArrayList<>();
    for (int c = 0; c < m.chips(); c++) {
      entries.add(new ArrayList<>());
      blocks.add(new ArrayList<>());
    }
    for (RouteTree t : routing.trees()) {
      long key = routing.keys().key()[t.slice()];
      long mask = routing.keys().mask()[t.slice()];
      for (int i = 0; i < t.size(); i++) {
        int chip = t.chips()[i];
        long route = t.outLinks()[i] | (t.cores()[i] << 6);
        boolean straight = t.inLink()[i] >= 0 && t.cores()[i] == 0
            && t.outLinks()[i] == (1 << t.inLink()[i]);
        if (route == 0) {
          // Nobody listens: no entry, and compression must not capture these keys either.
          blocks.get(chip).add(new long[] {key, mask, -1});
          continue;
        }
        if (straight) {
          // Default routing sends it straight on; compression may say so explicitly instead.
          blocks.get(chip).add(new long[] {key, mask, -1, 1L << t.inLink()[i]});
        } else {
          entries.get(chip).add(new RoutingEntry(key, mask, route));
          blocks.get(chip).add(new long[] {key, mask, route});
        }
      }
    }
    List<ChipTable> tables = new ArrayList<>();
    for (int c = 0; c < m.chips(); c++) {
      List<RoutingEntry> e = entries.get(c);
      e.sort(Comparator.comparingLong(RoutingEntry::key));
      blocks.get(c).sort(Comparator.comparingLong(b -> b[0]));
      tables.add(new ChipTable(c, e, blocks.get(c), e.size()));
    }
    return tables;
  }
}
