package snnc.mapper.place;

import snnc.mapper.partition.PartitionedNetwork;

/**
 * Where every slice runs: {@code chipOf[s]} and {@code coreOf[s]} (physical core number on the
 * chip; monitor cores come first). {@code objective} is Σ traffic × hops, {@code bound} a valid lower
 * bound on it ({@code == objective} when proven optimal), {@code baselineObjective} the scan-order
 * placement's objective (-1 when that does not fit).
 */
public record Placement(PartitionedNetwork partitioned, int[] chipOf, int[] coreOf, long objective,
    long bound, boolean proven, long baselineObjective, Statistics statistics) {

  /** How the placement was found. */
  public record Statistics(String method, long greedyObjective, long localSearchObjective,
      long windows, long windowsImproved, long cpNodes, boolean timeCapped) {}

  public int chipsUsed() {
    return (int) java.util.Arrays.stream(chipOf).distinct().count();
  }
}
