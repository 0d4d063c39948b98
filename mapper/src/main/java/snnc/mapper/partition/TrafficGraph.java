package snnc.mapper.partition;

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
    this(slices, builderOf(edges));
  }

  private static Builder builderOf(List<long[]> edges) {
    Builder b = new Builder();
    for (long[] e : edges) {
      b.add((int) e[0], (int) e[1], e[2]);
    }
    return b;
  }

  private TrafficGraph(int slices, Builder b) {
    this.slices = slices;
    // Directed: grouped by source, sorted by target, duplicates summed.
    Csr out = Csr.of(slices, b.from, b.to, b.weight, b.size, false);
    outStart = out.start;
    outTarget = out.other;
    outWeight = out.weight;
    // Undirected adjacency: both directions of each pair summed, by merging each node's sorted
    // out-row with its in-row (the transpose, sorted by source because it is filled in row order).
    int[] inStart = new int[slices + 1];
    for (int v = 0; v < slices; v++) {
      for (int k = outStart[v]; k < outStart[v + 1]; k++) {
        if (outTarget[k] != v) {
          inStart[outTarget[k] + 1]++;
        }
      }
    }
    for (int v = 0; v < slices; v++) {
      inStart[v + 1] += inStart[v];
    }
    int[] inSource = new int[outTarget.length];
    long[] inWeight = new long[outTarget.length];
    int[] fill = Arrays.copyOf(inStart, slices);
    for (int v = 0; v < slices; v++) {
      for (int k = outStart[v]; k < outStart[v + 1]; k++) {
        if (outTarget[k] == v) {
          continue; // self-loops stay out of the adjacency
        }
        int at = fill[outTarget[k]]++;
        inSource[at] = v;
        inWeight[at] = outWeight[k];
      }
    }
    adjStart = new int[slices + 1];
    int[] other = new int[2 * outTarget.length];
    long[] weight = new long[2 * outTarget.length];
    int n = 0;
    for (int v = 0; v < slices; v++) {
      adjStart[v] = n;
      int i = outStart[v];
      int j = inStart[v];
      while (i < outStart[v + 1] || j < inStart[v + 1]) {
        if (i < outStart[v + 1] && outTarget[i] == v) {
          i++; // the self-loop
          continue;
        }
        int a = i < outStart[v + 1] ? outTarget[i] : Integer.MAX_VALUE;
        int y = j < inStart[v + 1] ? inSource[j] : Integer.MAX_VALUE;
        other[n] = Math.min(a, y);
        weight[n] = (a <= y ? outWeight[i++] : 0) + (y <= a ? inWeight[j++] : 0);
        n++;
      }
    }
    adjStart[slices] = n;
    adjOther = Arrays.copyOf(other, n);
    adjWeight = Arrays.copyOf(weight, n);
  }

  /**
   * Collects edges in primitive arrays (16 bytes per edge), so that graphs with tens of millions of
   * slice pairs build without an object per edge.
   */
  public static final class Builder {
    private int[] from;
    private int[] to;
    private long[] weight;
    private int size;

    public Builder() {
      this(16);
    }

    /** A builder with room for {@code capacity} edges before it grows. */
    public Builder(int capacity) {
      from = new int[Math.max(1, capacity)];
      to = new int[Math.max(1, capacity)];
      weight = new long[Math.max(1, capacity)];
    }

    /** Adds traffic {@code weight} from slice {@code a} to slice {@code b}. */
    public Builder add(int a, int b, long w) {
      if (size == from.length) {
        int c = (int) Math.min(Integer.MAX_VALUE - 8, (long) size * 2);
        if (c <= size) {
          throw new IllegalStateException("traffic graph exceeds " + size + " edges");
        }
        from = Arrays.copyOf(from, c);
        to = Arrays.copyOf(to, c);
        weight = Arrays.copyOf(weight, c);
      }
      from[size] = a;
      to[size] = b;
      weight[size] = w;
      size++;
      return this;
    }

    public TrafficGraph build(int slices) {
      return new TrafficGraph(slices, this);
    }
  }

  /** Compressed rows: per node, the other ends sorted ascending with summed weights. */
  private record Csr(int[] start, int[] other, long[] weight) {

    static Csr of(int nodes, int[] from, int[] to, long[] w, int count, boolean bothWays) {
      int[] degree = new int[nodes + 1];
      for (int k = 0; k < count; k++) {
        if (w[k] > 0) {
          degree[from[k] + 1]++;
          if (bothWays) {
            degree[to[k] + 1]++;
          }
        }
      }
      for (int s = 0; s < nodes; s++) {
        degree[s + 1] += degree[s];
      }
      int total = degree[nodes];
      // Entries as (other << 32 | index into w), sorted per row, so equal others sit together.
      long[] keys = new long[total];
      int[] fill = Arrays.copyOf(degree, nodes);
      for (int k = 0; k < count; k++) {
        if (w[k] > 0) {
          keys[fill[from[k]]++] = ((long) to[k] << 32) | k;
          if (bothWays) {
            keys[fill[to[k]]++] = ((long) from[k] << 32) | k;
          }
        }
      }
      int[] start = new int[nodes + 1];
      int[] other = new int[total];
      long[] weight = new long[total];
      int n = 0;
      for (int s = 0; s < nodes; s++) {
        if (!ascending(keys, degree[s], degree[s + 1])) {
          Arrays.sort(keys, degree[s], degree[s + 1]);
        }
        start[s] = n;
        for (int k = degree[s]; k < degree[s + 1]; k++) {
          int o = (int) (keys[k] >>> 32);
          long x = w[(int) keys[k]];
          if (n > start[s] && other[n - 1] == o) {
            weight[n - 1] += x;
          } else {
            other[n] = o;
            weight[n] = x;
            n++;
          }
        }
      }
      start[nodes] = n;
      return new Csr(start, Arrays.copyOf(other, n), Arrays.copyOf(weight, n));
    }

    /** Edges added row by row in target order (as the partitioner does) need no sorting. */
    private static boolean ascending(long[] keys, int from, int to) {
      for (int k = from + 1; k < to; k++) {
        if (keys[k] < keys[k - 1]) {
          return false;
        }
      }
      return true;
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
    int k = Arrays.binarySearch(adjOther, adjStart[a], adjStart[a + 1], b);
    return k >= 0 ? adjWeight[k] : 0;
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
