package snnc.mapper.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import snnc.mapper.keys.KeyAllocation;
import snnc.mapper.partition.Slice;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.place.Placement;
import snnc.mapper.target.Machine;

/**
 * Shortest-path multicast trees with sharing, in the spirit of NER (Navaridas et al.): target chips
 * in order of distance from the source (ties by index); each is joined to the tree node nearest to
 * it along a shortest path, preferring to keep going the way the path already goes (so routers on
 * the way can rely on default routing), then the lowest direction. Every tree node has one parent,
 * so a packet reaches each target chip once.
 */
public final class MulticastRouter {

  private MulticastRouter() {}

  /** Routes every slice of {@code placement} and records the keys. */
  public static Routing route(Placement placement, KeyAllocation keys) {
    return route(placement, keys, trees(placement));
  }

  /** The routing from trees made by {@link #trees}: adds the keys and the load on every link. */
  public static Routing route(Placement placement, KeyAllocation keys, List<RouteTree> trees) {
    var partitioned = placement.partitioned();
    Machine m = partitioned.target().machine();
    double[] load = new double[m.chips() * m.directions()];
    for (Slice slice : partitioned.slices()) {
      RouteTree tree = trees.get(slice.id());
      double rate = slice.rateHz() * slice.size();
      for (int i = 0; i < tree.size(); i++) {
        for (int d = 0; d < m.directions(); d++) {
          if ((tree.outLinks()[i] & (1 << d)) != 0) {
            load[tree.chips()[i] * m.directions() + d] += rate;
          }
        }
      }
    }
    return new Routing(placement, keys, List.copyOf(trees), load);
  }

  /** One multicast tree per slice (index = slice id), to the cores of every target slice. */
  public static List<RouteTree> trees(Placement placement) {
    var partitioned = placement.partitioned();
    Machine m = partitioned.target().machine();
    TrafficGraph g = partitioned.traffic();
    List<RouteTree> trees = new ArrayList<>();
    for (Slice slice : partitioned.slices()) {
      int s = slice.id();
      TreeMap<Integer, Long> targetCores = new TreeMap<>();
      for (int k = g.outStart(s); k < g.outEnd(s); k++) {
        int t = g.outTarget(k);
        targetCores.merge(placement.chipOf()[t], 1L << placement.coreOf()[t], (a, b) -> a | b);
      }
      trees.add(tree(m, s, placement.chipOf()[s], targetCores));
    }
    return trees;
  }

  /**
   * Route classes: slices whose trees are identical (same source chip, links and cores everywhere)
   * get the same number, so their keys can share one router entry. Classes are numbered by source
   * chip, then by first slice, so classes from the same or nearby chips get near numbers.
   */
  public static int[] routeClasses(List<RouteTree> trees) {
    Integer[] order = new Integer[trees.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> trees.get(a).sourceChip() != trees.get(b).sourceChip()
        ? Integer.compare(trees.get(a).sourceChip(), trees.get(b).sourceChip())
        : Integer.compare(a, b));
    Map<List<Object>, Integer> classes = new java.util.HashMap<>();
    int[] routeClass = new int[trees.size()];
    for (int s : order) {
      RouteTree t = trees.get(s);
      List<Object> shape = List.of(t.sourceChip(), Arrays.toString(t.chips()),
          Arrays.toString(t.inLink()), Arrays.toString(t.outLinks()), Arrays.toString(t.cores()));
      routeClass[s] = classes.computeIfAbsent(shape, k -> classes.size());
    }
    return routeClass;
  }

  /** The tree from {@code source} to every chip of {@code targetCores} (chip → core bits). */
  public static RouteTree tree(Machine m, int slice, int source, Map<Integer, Long> targetCores) {
    Map<Integer, int[]> nodes = new LinkedHashMap<>(); // chip -> {inLink, outLinks}
    Map<Integer, Long> cores = new LinkedHashMap<>();
    nodes.put(source, new int[] {-1, 0});
    Integer[] targets = targetCores.keySet().toArray(new Integer[0]);
    Arrays.sort(targets, (a, b) -> m.distance(source, a) != m.distance(source, b)
        ? Integer.compare(m.distance(source, a), m.distance(source, b)) : Integer.compare(a, b));
    for (int t : targets) {
      if (!nodes.containsKey(t)) {
        int from = source;
        int best = m.distance(source, t);
        for (int c : nodes.keySet()) {
          int d = m.distance(c, t);
          if (d < best) {
            best = d;
            from = c;
          }
        }
        int cur = from;
        int prevDir = nodes.get(from)[0];
        while (cur != t) {
          int dist = m.distance(cur, t);
          int step = -1;
          if (prevDir >= 0) {
            int n = m.neighbour(cur, prevDir);
            if (n >= 0 && m.distance(n, t) == dist - 1) {
              step = prevDir;
            }
          }
          for (int d = 0; step < 0 && d < m.directions(); d++) {
            int n = m.neighbour(cur, d);
            if (n >= 0 && m.distance(n, t) == dist - 1) {
              step = d;
            }
          }
          int next = m.neighbour(cur, step);
          nodes.get(cur)[1] |= 1 << step;
          nodes.put(next, new int[] {step, 0});
          prevDir = step;
          cur = next;
        }
      }
      cores.merge(t, targetCores.get(t), (a, b) -> a | b);
    }
    int n = nodes.size();
    int[] chips = new int[n];
    int[] in = new int[n];
    int[] out = new int[n];
    long[] coreBits = new long[n];
    int i = 0;
    for (Map.Entry<Integer, int[]> e : nodes.entrySet()) {
      chips[i] = e.getKey();
      in[i] = e.getValue()[0];
      out[i] = e.getValue()[1];
      coreBits[i] = cores.getOrDefault(e.getKey(), 0L);
      i++;
    }
    return new RouteTree(slice, source, chips, in, out, coreBits);
  }
}
