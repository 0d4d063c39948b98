package snnc.mapper.target;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine graph of a target: chips (router nodes) with (x, y) coordinates, indexed in scan order
 * (x, then y), and directed links named per link set ({@code E, NE, N, W, SW, S} on SpiNNaker,
 * {@code E, N, W, S} on a 2-D mesh NoC). Hop distances are shortest paths over the real links,
 * computed once by BFS; a packet that arrives on link {@code d} and is not routed leaves on
 * {@link #opposite(int) opposite(d)} (default routing).
 */
public final class Machine {

  /** Link sets: names and (dx, dy) of each direction; opposite directions are half a turn away. */
  public enum LinkSet {
    HEX(new String[] {"E", "NE", "N", "W", "SW", "S"},
        new int[][] {{1, 0}, {1, 1}, {0, 1}, {-1, 0}, {-1, -1}, {0, -1}}),
    MESH4(new String[] {"E", "N", "W", "S"}, new int[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}});

    final String[] names;
    final int[][] deltas;

    LinkSet(String[] names, int[][] deltas) {
      this.names = names;
      this.deltas = deltas;
    }

    public int directions() {
      return names.length;
    }

    public String name(int direction) {
      return names[direction];
    }
  }

  private final int[] xs;
  private final int[] ys;
  private final int width;
  private final int height;
  private final boolean wrap;
  private final LinkSet linkSet;
  private final int[][] links;
  private final short[] distance;
  private final Map<Long, Integer> byCoordinate = new HashMap<>();

  private Machine(int[][] coordinates, int width, int height, boolean wrap, LinkSet linkSet) {
    int[][] sorted = coordinates.clone();
    Arrays.sort(sorted, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
        : Integer.compare(a[1], b[1]));
    int n = sorted.length;
    this.xs = new int[n];
    this.ys = new int[n];
    this.width = width;
    this.height = height;
    this.wrap = wrap;
    this.linkSet = linkSet;
    for (int i = 0; i < n; i++) {
      xs[i] = sorted[i][0];
      ys[i] = sorted[i][1];
      if (byCoordinate.put(key(xs[i], ys[i]), i) != null) {
        throw new IllegalArgumentException("chip (" + xs[i] + ", " + ys[i] + ") listed twice");
      }
    }
    int dirs = linkSet.directions();
    this.links = new int[n][dirs];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dirs; d++) {
        int x = xs[i] + linkSet.deltas[d][0];
        int y = ys[i] + linkSet.deltas[d][1];
        if (wrap) {
          x = Math.floorMod(x, width);
          y = Math.floorMod(y, height);
        }
        Integer j = byCoordinate.get(key(x, y));
        links[i][d] = j == null || j == i ? -1 : j;
      }
    }
    this.distance = new short[n * n];
    Arrays.fill(distance, Short.MAX_VALUE);
    int[] queue = new int[n];
    for (int s = 0; s < n; s++) {
      int head = 0;
      int tail = 0;
      queue[tail++] = s;
      distance[s * n + s] = 0;
      while (head < tail) {
        int c = queue[head++];
        short dc = distance[s * n + c];
        for (int next : links[c]) {
          if (next >= 0 && distance[s * n + next] == Short.MAX_VALUE) {
            distance[s * n + next] = (short) (dc + 1);
            queue[tail++] = next;
          }
        }
      }
      if (tail != n) {
        throw new IllegalArgumentException("the chips are not all connected: chip ("
            + xs[s] + ", " + xs[s] + ") reaches " + tail + " of " + n);
      }
    }
  }

  private static long key(int x, int y) {
    return ((long) x << 32) ^ (y & 0xffffffffL);
  }

  /** A machine with the given chips; with {@code wrap}, links wrap around a width × height torus. */
  public static Machine of(List<int[]> coordinates, int width, int height, boolean wrap,
      LinkSet linkSet) {
    return new Machine(coordinates.toArray(new int[0][]), width, height, wrap, linkSet);
  }

  public int chips() {
    return xs.length;
  }

  public int x(int chip) {
    return xs[chip];
  }

  public int y(int chip) {
    return ys[chip];
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public boolean wraps() {
    return wrap;
  }

  public LinkSet linkSet() {
    return linkSet;
  }

  public int directions() {
    return linkSet.directions();
  }

  /** The chip reached over link {@code direction}, or -1 when there is no such link. */
  public int neighbour(int chip, int direction) {
    return links[chip][direction];
  }

  public int opposite(int direction) {
    return (direction + linkSet.directions() / 2) % linkSet.directions();
  }

  /** Shortest-path hops between two chips. */
  public int distance(int a, int b) {
    return distance[a * xs.length + b];
  }

  /** The chip at (x, y), or -1. */
  public int chipAt(int x, int y) {
    Integer c = byCoordinate.get(key(x, y));
    return c == null ? -1 : c;
  }

  /** Chips in breadth-first order from {@code start}, ties by chip index (deterministic). */
  public int[] bfsOrder(int start) {
    int n = xs.length;
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    seen[start] = true;
    int k = 0;
    while (!queue.isEmpty()) {
      int c = queue.poll();
      order[k++] = c;
      for (int next : links[c]) {
        if (next >= 0 && !seen[next]) {
          seen[next] = true;
          queue.add(next);
        }
      }
    }
    return order;
  }

  /** The chip with the smallest eccentricity (ties: lowest index): a good centre to grow from. */
  public int centre() {
    int n = xs.length;
    int best = 0;
    int bestEcc = Integer.MAX_VALUE;
    long bestSum = Long.MAX_VALUE;
    for (int a = 0; a < n; a++) {
      int ecc = 0;
      long sum = 0;
      for (int b = 0; b < n; b++) {
        ecc = Math.max(ecc, distance(a, b));
        sum += distance(a, b);
      }
      if (ecc < bestEcc || (ecc == bestEcc && sum < bestSum)) {
        best = a;
        bestEcc = ecc;
        bestSum = sum;
      }
    }
    return best;
  }

  /** Whether every chip looks the same (a full torus), so one chip may be fixed to break symmetry. */
  public boolean isVertexTransitive() {
    return wrap && xs.length == width * height;
  }

  public String chipName(int chip) {
    return "(" + xs[chip] + ", " + ys[chip] + ")";
  }
}
