package snnc.mapper.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Directed traffic between slices in compressed sparse rows: {@code weight} is the expected number of
 * packets per second from a slice to a target core (spikes of the source cells that connect to it),
 * rounded to a whole number, at least 1 for any real connection. The placer's objective is the sum of
 * weight × hops; the undirected view sums both directions.
 */
public final class TrafficGraph {

  private final int slices;
  private final int[] outStart;
  private final int[] outTarget;
  private final long[] outWeight;
  private final int[] adjStart;
  private final int[] adjOther;
  private final long[] adjWeight;

  /**
   * Builds the graph from edges; duplicates are summed. A self-loop (a slice feeding its own
   * neurons) stays in the out-lists, so routing delivers those spikes back to the slice's core,
   * but not in the undirected adjacency, which only placement uses (it costs no hop).
   */
  public TrafficGraph(int slices, List<long[]> edges) {
    this.slices = slices;
    long[][] sorted = edges.stream().filter(e -> e[2] > 0).toArray(long[][]::new);
    Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<long[]> merged = new ArrayList<>();
    for (long[] e : sorted) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last[0] == e[0] && last[1] == e[1]) {
        last[2] += e[2];
      } else {
        merged.add(e.clone());
      }
    }
    outStart = new int[slices + 1];
    outTarget = new int[merged.size()];
    outWeight = new long[merged.size()];
    for (int k = 0; k < merged.size(); k++) {
      outStart[(int) merged.get(k)[0] + 1]++;
      outTarget[k] = (int) merged.get(k)[1];
      outWeight[k] = merged.get(k)[2];
    }
    for (int s = 0; s < slices; s++) {
      outStart[s + 1] += outStart[s];
    }
    // Undirected adjacency: both directions of each pair summed.
    List<long[]> und = new ArrayList<>();
    for (long[] e : merged) {
      if (e[0] == e[1]) {
        continue;
      }
      und.add(new long[] {e[0], e[1], e[2]});
      und.add(new long[] {e[1], e[0], e[2]});
    }
    und.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<long[]> undMerged = new ArrayList<>();
    for (long[] e : und) {
      long[] last = undMerged.isEmpty() ? null : undMerged.get(undMerged.size() - 1);
      if (last != null && last[0] == e[0] && last[1] == e[1]) {
        last[2] += e[2];
      } else {
        undMerged.add(e);
      }
    }
    adjStart = new int[slices + 1];
    adjOther = new int[undMerged.size()];
    adjWeight = new long[undMerged.size()];
    for (int k = 0; k < undMerged.size(); k++) {
      adjStart[(int) undMerged.get(k)[0] + 1]++;
      adjOther[k] = (int) undMerged.get(k)[1];
      adjWeight[k] = undMerged.get(k)[2];
    }
    for (int s = 0; s < slices; s++) {
      adjStart[s + 1] += adjStart[s];
    }
  }

  public int slices() {
    return slices;
  }

  public int edgeCount() {
    return outTarget.length;
  }

  public int outStart(int s) {
    return outStart[s];
  }

  public int outEnd(int s) {
    return outStart[s + 1];
  }

  public int outTarget(int k) {
    return outTarget[k];
  }

  public long outWeight(int k) {
    return outWeight[k];
  }

  public int adjStart(int s) {
    return adjStart[s];
  }

  public int adjEnd(int s) {
    return adjStart[s + 1];
  }

  public int adjOther(int k) {
    return adjOther[k];
  }

  public long adjWeight(int k) {
    return adjWeight[k];
  }

  /** The undirected weight between two slices (0 when unconnected). */
  public long weightBetween(int a, int b) {
    for (int k = adjStart[a]; k < adjStart[a + 1]; k++) {
      if (adjOther[k] == b) {
        return adjWeight[k];
      }
    }
    return 0;
  }

  /** Sum of the undirected weights at slice {@code s}. */
  public long totalWeight(int s) {
    long w = 0;
    for (int k = adjStart[s]; k < adjStart[s + 1]; k++) {
      w += adjWeight[k];
    }
    return w;
  }
}
