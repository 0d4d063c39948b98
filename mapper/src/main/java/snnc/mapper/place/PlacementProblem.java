package snnc.mapper.place;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import snnc.mapper.partition.PartitionedNetwork;
import snnc.mapper.partition.Slice;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.target.Machine;
import snnc.mapper.target.Target;

/**
 * Placement as a plain assignment problem: put every slice on a chip so that no chip holds more
 * slices than it has application cores, nor more synaptic bytes than its shared memory, minimising
 * the sum over traffic edges of weight × hops. Placers work on {@code int[] chipOf}; cores within a
 * chip do not change the objective and are numbered afterwards.
 */
public final class PlacementProblem {

  private final Machine machine;
  private final TrafficGraph traffic;
  private final int slices;
  private final int coresPerChip;
  private final long memoryPerChip;
  private final long[] memory;
  /** Per slice, its chip when pinned by the model, else -1. */
  private final int[] pinned;
  /** Per slice, neighbours by descending undirected weight (ties by id). */
  private final int[][] neighbours;
  private final long[][] neighbourWeights;
  /** Per slice, its population-and-kind group (slices of a group share key blocks). */
  private final int[] group;
  /** Chips placers may use (a region of the machine); pinned chips are always allowed. */
  private final boolean[] allowed;

  public PlacementProblem(PartitionedNetwork partitioned, int[] pinned) {
    this(partitioned.target().machine(), partitioned.traffic(),
        partitioned.target().chip().applicationCores(),
        partitioned.target().core().synapticMemoryBytes() > 0 ? 0
            : partitioned.target().chip().sharedMemoryBytes(),
        partitioned.slices().stream().mapToLong(s -> s.resources().synapticBytes()).toArray(),
        pinned, groups(partitioned.slices()));
  }

  /** Per slice, a number shared by the slices of one population and kind. */
  private static int[] groups(List<Slice> slices) {
    Map<String, Integer> ids = new HashMap<>();
    int[] group = new int[slices.size()];
    for (Slice s : slices) {
      group[s.id()] = ids.computeIfAbsent(s.population().name() + "/" + s.kind(),
          k -> ids.size());
    }
    return group;
  }

  /** A problem from parts (for tests and benchmarks); {@code memoryPerChip} 0 = unlimited. */
  public PlacementProblem(Machine machine, TrafficGraph traffic, int coresPerChip,
      long memoryPerChip, long[] memory, int[] pinned) {
    this(machine, traffic, coresPerChip, memoryPerChip, memory, pinned, null);
  }

  /**
   * A problem from parts; {@code memoryPerChip} 0 = unlimited; {@code group} numbers the slices of
   * one population and kind alike (null: every slice its own group).
   */
  public PlacementProblem(Machine machine, TrafficGraph traffic, int coresPerChip,
      long memoryPerChip, long[] memory, int[] pinned, int[] group) {
    this.machine = machine;
    this.traffic = traffic;
    this.slices = traffic.slices();
    this.coresPerChip = coresPerChip;
    this.memoryPerChip = memoryPerChip;
    this.memory = memoryPerChip > 0 ? memory.clone() : new long[slices];
    this.pinned = pinned == null ? filled(slices, -1) : pinned.clone();
    this.group = group == null ? java.util.stream.IntStream.range(0, slices).toArray()
        : group.clone();
    this.neighbours = new int[slices][];
    this.neighbourWeights = new long[slices][];
    for (int s = 0; s < slices; s++) {
      int a = traffic.adjStart(s);
      int n = traffic.adjEnd(s) - a;
      Integer[] idx = new Integer[n];
      for (int k = 0; k < n; k++) {
        idx[k] = a + k;
      }
      Arrays.sort(idx, (p, q) -> traffic.adjWeight(p) != traffic.adjWeight(q)
          ? Long.compare(traffic.adjWeight(q), traffic.adjWeight(p))
          : Integer.compare(traffic.adjOther(p), traffic.adjOther(q)));
      neighbours[s] = new int[n];
      neighbourWeights[s] = new long[n];
      for (int k = 0; k < n; k++) {
        neighbours[s][k] = traffic.adjOther(idx[k]);
        neighbourWeights[s][k] = traffic.adjWeight(idx[k]);
      }
    }
    this.allowed = new boolean[machine.chips()];
    Arrays.fill(allowed, true);
  }

  private PlacementProblem(PlacementProblem p, boolean[] allowed) {
    this.machine = p.machine;
    this.traffic = p.traffic;
    this.slices = p.slices;
    this.coresPerChip = p.coresPerChip;
    this.memoryPerChip = p.memoryPerChip;
    this.memory = p.memory;
    this.pinned = p.pinned;
    this.group = p.group;
    this.neighbours = p.neighbours;
    this.neighbourWeights = p.neighbourWeights;
    this.allowed = allowed;
  }

  /**
   * The same problem with placers limited to {@code chips} (and the chips of pinned slices): the
   * objective, bound and feasibility are unchanged, only the chips placers may choose shrink.
   */
  public PlacementProblem restrictedTo(int[] chips) {
    boolean[] a = new boolean[machine.chips()];
    for (int c : chips) {
      a[c] = true;
    }
    for (int p : pinned) {
      if (p >= 0) {
        a[p] = true;
      }
    }
    return new PlacementProblem(this, a);
  }

  /** Whether placers may put slices on {@code chip}. */
  public boolean allowed(int chip) {
    return allowed[chip];
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  public Machine machine() {
    return machine;
  }

  public TrafficGraph traffic() {
    return traffic;
  }

  public int slices() {
    return slices;
  }

  public int chips() {
    return machine.chips();
  }

  public int coresPerChip() {
    return coresPerChip;
  }

  /** Shared memory per chip, or 0 when slices do not share chip memory. */
  public long memoryPerChip() {
    return memoryPerChip;
  }

  public long memory(int slice) {
    return memory[slice];
  }

  public int pinned(int slice) {
    return pinned[slice];
  }

  /** The population-and-kind group of {@code slice}. */
  public int group(int slice) {
    return group[slice];
  }

  public int[] neighbours(int slice) {
    return neighbours[slice];
  }

  public long[] neighbourWeights(int slice) {
    return neighbourWeights[slice];
  }

  /** Σ over directed edges of weight × hops. */
  public long objective(int[] chipOf) {
    long cost = 0;
    for (int s = 0; s < slices; s++) {
      for (int k = traffic.outStart(s); k < traffic.outEnd(s); k++) {
        cost += traffic.outWeight(k) * machine.distance(chipOf[s], chipOf[traffic.outTarget(k)]);
      }
    }
    return cost;
  }

  /** Cost of the edges at {@code s} if it sat on {@code chip}, others where {@code chipOf} says. */
  public long incidentCost(int s, int chip, int[] chipOf) {
    long cost = 0;
    int[] nb = neighbours[s];
    long[] w = neighbourWeights[s];
    for (int k = 0; k < nb.length; k++) {
      cost += w[k] * machine.distance(chip, chipOf[nb[k]]);
    }
    return cost;
  }

  /** Like {@link #incidentCost} but counting only neighbours already placed (chip ≥ 0). */
  public long incidentCostPlaced(int s, int chip, int[] chipOf) {
    long cost = 0;
    int[] nb = neighbours[s];
    long[] w = neighbourWeights[s];
    for (int k = 0; k < nb.length; k++) {
      if (chipOf[nb[k]] >= 0) {
        cost += w[k] * machine.distance(chip, chipOf[nb[k]]);
      }
    }
    return cost;
  }

  /** Whether {@code chipOf} respects every chip's cores and memory and every pin. */
  public boolean feasible(int[] chipOf) {
    int[] used = new int[chips()];
    long[] mem = new long[chips()];
    for (int s = 0; s < slices; s++) {
      if (chipOf[s] < 0 || chipOf[s] >= chips()) {
        return false;
      }
      if (pinned[s] >= 0 && chipOf[s] != pinned[s]) {
        return false;
      }
      used[chipOf[s]]++;
      mem[chipOf[s]] += memory[s];
    }
    for (int c = 0; c < chips(); c++) {
      if (used[c] > coresPerChip || (memoryPerChip > 0 && mem[c] > memoryPerChip)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A valid lower bound on the objective: at most {@code cores − 1} neighbours share a slice's chip,
   * so at each slice all but its heaviest {@code cores − 1} edges cost at least one hop; each edge is
   * seen from both ends, hence the halving.
   */
  public long lowerBound() {
    long twice = 0;
    int k = coresPerChip - 1;
    for (int s = 0; s < slices; s++) {
      long[] w = neighbourWeights[s];
      for (int i = k; i < w.length; i++) {
        twice += w[i];
      }
    }
    return (twice + 1) / 2;
  }
}
