package snnc.mapper.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import snnc.ir.model.CellType;
import snnc.mapper.target.CoreCapacity;
import snnc.mapper.target.ResourceModel;
import snnc.mapper.target.Target;

/**
 * What the placer moves as one piece: groups of slices ("units") in slice order. Three shapes:
 *
 * <ul>
 *   <li>{@link #singletons}: every slice on a core of its own (the default);
 *   <li>{@link #sharedCores}: small slices of several populations share a core when the network has
 *       more slices than the machine has cores. Consecutive neuron slices of one cell type (so one
 *       program; any cell types, sources included, where the core {@code sharesCellTypes}) fill a
 *       core while every capacity holds: neurons, sources and cells in all, local memory (the
 *       per-core overhead counted once), the core's synaptic memory, and the chip's shared memory. Consecutive slices
 *       are usually neighbours in the network (a chain's layers), so packing also keeps traffic on
 *       the core. Delay extensions and pinned slices keep a core of their own;
 *   <li>{@link #chipClusters}: for very large traffic graphs, consecutive slices that fill one chip
 *       (its application cores and shared memory) are placed together, so the placer sees chips, not
 *       tens of thousands of densely connected slices; every slice still has its own core.
 * </ul>
 *
 * Keys, routes and tables stay per slice; a placement of units gives each member slice its unit's
 * chip (and, for shared cores, its core).
 */
public record PlacementUnits(int[] unitOf, List<int[]> members, boolean wholeChip) {

  public PlacementUnits {
    members = List.copyOf(members);
  }

  public int units() {
    return members.size();
  }

  /** Whether every unit is one slice on one core (placement needs no contraction). */
  public boolean trivial() {
    return !wholeChip && members.size() == unitOf.length;
  }

  /** Every slice alone. */
  public static PlacementUnits singletons(int slices) {
    int[] unitOf = new int[slices];
    List<int[]> members = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      unitOf[s] = s;
      members.add(new int[] {s});
    }
    return new PlacementUnits(unitOf, members, false);
  }

  /** Packs small slices onto shared cores (see the type's description); pinned[s] ≥ 0 = pinned. */
  public static PlacementUnits sharedCores(PartitionedNetwork p, int[] pinned) {
    Target target = p.target();
    CoreCapacity core = target.core();
    ResourceModel model = target.resources();
    long overhead = model.coreOverheadBytes();
    long chipMemory = core.synapticMemoryBytes() > 0 ? 0 : target.chip().sharedMemoryBytes();
    List<Slice> slices = p.slices();
    int[] unitOf = new int[slices.size()];
    List<int[]> members = new ArrayList<>();
    int open = -1;
    CellType openType = null;
    int neurons = 0;
    int sources = 0;
    long local = 0;
    long synaptic = 0;
    List<Integer> current = new ArrayList<>();
    for (Slice s : slices) {
      CellType type = p.network().population(s.population()).orElseThrow().cellType();
      boolean packable = s.kind() == Slice.Kind.NEURONS && (pinned == null || pinned[s.id()] < 0);
      int addNeurons = type.isSource() ? 0 : s.size();
      int addSources = type.isSource() ? s.size() : 0;
      boolean fits = packable && open >= 0 && openType != null
          && (type == openType || core.sharesCellTypes())
          && neurons + addNeurons <= core.maxNeurons() && sources + addSources <= core.maxSources()
          && (core.maxCells() == 0 || neurons + sources + s.size() <= core.maxCells())
          && local + s.resources().localBytes() - overhead <= core.localMemoryBytes()
          && (core.synapticMemoryBytes() == 0
              || synaptic + s.resources().synapticBytes() <= core.synapticMemoryBytes())
          && (chipMemory == 0 || synaptic + s.resources().synapticBytes() <= chipMemory);
      if (fits) {
        current.add(s.id());
        neurons += addNeurons;
        sources += addSources;
        local += s.resources().localBytes() - overhead;
        synaptic += s.resources().synapticBytes();
        unitOf[s.id()] = open;
        continue;
      }
      if (open >= 0) {
        members.set(open, current.stream().mapToInt(Integer::intValue).toArray());
      }
      open = members.size();
      members.add(null);
      current = new ArrayList<>(List.of(s.id()));
      unitOf[s.id()] = open;
      openType = packable ? type : null;
      neurons = addNeurons;
      sources = addSources;
      local = s.resources().localBytes();
      synaptic = s.resources().synapticBytes();
      if (!packable) {
        members.set(open, new int[] {s.id()});
        open = -1;
      }
    }
    if (open >= 0) {
      members.set(open, current.stream().mapToInt(Integer::intValue).toArray());
    }
    return new PlacementUnits(unitOf, members, false);
  }

  /** Consecutive slices grouped by chip capacity (cores and shared memory); pinned ones alone. */
  public static PlacementUnits chipClusters(PartitionedNetwork p, int[] pinned) {
    Target target = p.target();
    int cores = target.chip().applicationCores();
    long chipMemory = target.core().synapticMemoryBytes() > 0 ? 0
        : target.chip().sharedMemoryBytes();
    List<Slice> slices = p.slices();
    int[] unitOf = new int[slices.size()];
    List<int[]> members = new ArrayList<>();
    int[] current = new int[cores];
    int count = 0;
    long memory = 0;
    for (Slice s : slices) {
      long m = s.resources().synapticBytes();
      boolean alone = pinned != null && pinned[s.id()] >= 0;
      if (count > 0 && (alone || count == cores || (chipMemory > 0 && memory + m > chipMemory))) {
        members.add(Arrays.copyOf(current, count));
        count = 0;
        memory = 0;
      }
      unitOf[s.id()] = members.size();
      current[count++] = s.id();
      memory += m;
      if (alone) {
        members.add(Arrays.copyOf(current, count));
        count = 0;
        memory = 0;
      }
    }
    if (count > 0) {
      members.add(Arrays.copyOf(current, count));
    }
    return new PlacementUnits(unitOf, members, true);
  }

  /** The traffic between units: slice edges summed, edges inside a unit dropped (they cost 0). */
  public TrafficGraph contract(TrafficGraph g) {
    TrafficGraph.Builder b = new TrafficGraph.Builder();
    for (int s = 0; s < g.slices(); s++) {
      for (int k = g.outStart(s); k < g.outEnd(s); k++) {
        int a = unitOf[s];
        int z = unitOf[g.outTarget(k)];
        if (a != z) {
          b.add(a, z, g.outWeight(k));
        }
      }
    }
    return b.build(units());
  }
}
