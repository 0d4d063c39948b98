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

  /**
   * One multicast tree per slice (index = slice id), to the cores of every target slice. Slices of
   * one population and kind with the same target cores share one tree, as sPyNNaker's application
   * router does: it first joins their source chips (from the chip holding most of them), then every
   * target chip, and each slice's packets follow it outwards from the slice's chip. Away from the
   * source chips every slice of the group then has the same route, so their keys (one aligned
   * population block) need one router entry; the cost is a few extra hops between source chips.
   */
  public static List<RouteTree> trees(Placement placement) {
    var partitioned = placement.partitioned();
    Machine m = partitioned.target().machine();
    TrafficGraph g = partitioned.traffic();
    int n = partitioned.slices().size();
    Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
    List<TreeMap<Integer, Long>> targets = new ArrayList<>();
    java.util.Set<snnc.ir.PopulationId> recurrent = new java.util.HashSet<>();
    for (var p : partitioned.network().projections()) {
      if (p.pre().equals(p.post())) {
        recurrent.add(p.pre());
      }
    }
    // Cores per chip gathered in a flat array (the traffic graph of a million neurons has 16 M
    // edges; boxed map updates per edge took seconds), then copied into a map of the chips touched.
    long[] coresOf = new long[m.chips()];
    int[] touched = new int[m.chips()];
    for (Slice slice : partitioned.slices()) {
      int s = slice.id();
      int nTouched = 0;
      if (slice.kind() == Slice.Kind.NEURONS && recurrent.contains(slice.population())) {
        // The traffic graph leaves out a slice's packets to itself (they cost no hops), but the
        // synapses between its own cells need them delivered to its own core.
        touched[nTouched++] = placement.chipOf()[s];
        coresOf[placement.chipOf()[s]] = 1L << placement.coreOf()[s];
      }
      for (int k = g.outStart(s); k < g.outEnd(s); k++) {
        int t = g.outTarget(k);
        int chip = placement.chipOf()[t];
        if (coresOf[chip] == 0) {
          touched[nTouched++] = chip;
        }
        coresOf[chip] |= 1L << placement.coreOf()[t];
      }
      TreeMap<Integer, Long> targetCores = new TreeMap<>();
      for (int i = 0; i < nTouched; i++) {
        targetCores.put(touched[i], coresOf[touched[i]]);
        coresOf[touched[i]] = 0;
      }
      targets.add(targetCores);
      groups.computeIfAbsent(List.of(slice.population().name(), slice.kind()),
          k -> new ArrayList<>()).add(s);
    }
    RouteTree[] trees = new RouteTree[n];
    // Expected packets/s per directed link so far: among equally short ways, the least loaded.
    double[] load = new double[m.chips() * m.directions()];
    for (List<Integer> group : groups.values()) {
      double rate = 0;
      for (int s : group) {
        rate += partitioned.slices().get(s).rateHz() * partitioned.slices().get(s).size();
      }
      TreeMap<Integer, Integer> perChip = new TreeMap<>();
      TreeMap<Integer, Long> union = new TreeMap<>();
      for (int s : group) {
        perChip.merge(placement.chipOf()[s], 1, Integer::sum);
        targets.get(s).forEach((c, bits) -> union.merge(c, bits, (a, b) -> a | b));
      }
      if (perChip.size() == 1) {
        for (int s : group) {
          trees[s] = tree(m, s, perChip.firstKey(), targets.get(s), load);
          addLoad(m, trees[s], partitioned.slices().get(s), load);
        }
        continue;
      }
      int root = perChip.firstKey();
      for (Map.Entry<Integer, Integer> e : perChip.entrySet()) {
        if (e.getValue() > perChip.get(root)) {
          root = e.getKey();
        }
      }
      // Source chips first (as targets without cores), then every chip a slice sends to.
      RouteTree shared = grow(m, tree(m, -1, root, zeroCores(perChip.keySet()), load), union,
          load);
      for (int s : group) {
        trees[s] = orient(m, shared, s, placement.chipOf()[s], targets.get(s));
        addLoad(m, trees[s], partitioned.slices().get(s), load);
      }
    }
    return List.of(trees);
  }

  private static void addLoad(Machine m, RouteTree tree, Slice slice, double[] load) {
    double rate = slice.rateHz() * slice.size();
    for (int i = 0; i < tree.size(); i++) {
      for (int d = 0; d < m.directions(); d++) {
        if ((tree.outLinks()[i] & (1 << d)) != 0) {
          load[tree.chips()[i] * m.directions() + d] += rate;
        }
      }
    }
  }

  private static Map<Integer, Long> zeroCores(java.util.Set<Integer> chips) {
    TreeMap<Integer, Long> m = new TreeMap<>();
    for (int c : chips) {
      m.put(c, 0L);
    }
    return m;
  }

  /** {@code base} extended, NER-style, to every chip of {@code targetCores}, with their cores. */
  private static RouteTree grow(Machine m, RouteTree base, Map<Integer, Long> targetCores,
      double[] load) {
    Map<Integer, int[]> nodes = new LinkedHashMap<>();
    for (int i = 0; i < base.size(); i++) {
      nodes.put(base.chips()[i], new int[] {base.inLink()[i], base.outLinks()[i]});
    }
    join(m, base.sourceChip(), nodes, targetCores.keySet(), load);
    return build(base.slice(), base.sourceChip(), nodes, targetCores);
  }

  /**
   * Slice {@code slice}'s tree inside the undirected tree {@code t}: re-rooted at its chip (packets
   * flow outwards from there) and pruned to the branches that lead to its own target chips, which
   * get its own cores.
   */
  private static RouteTree orient(Machine m, RouteTree t, int slice, int chip,
      Map<Integer, Long> targetCores) {
    Map<Integer, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < t.size(); i++) {
      index.put(t.chips()[i], i);
    }
    // Undirected adjacency: per node, {neighbour chip, direction towards it}.
    List<List<int[]>> adj = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      adj.add(new ArrayList<>());
    }
    for (int i = 0; i < t.size(); i++) {
      for (int d = 0; d < m.directions(); d++) {
        if ((t.outLinks()[i] & (1 << d)) != 0) {
          int child = m.neighbour(t.chips()[i], d);
          adj.get(i).add(new int[] {child, d});
          adj.get(index.get(child)).add(new int[] {t.chips()[i], back(m, child, d,
              t.chips()[i])});
        }
      }
    }
    // Breadth first from the slice's chip: parent and arrival direction of every node.
    int[] parent = new int[t.size()];
    int[] arrival = new int[t.size()];
    List<Integer> queue = new ArrayList<>(List.of(chip));
    Map<Integer, Integer> seen = new java.util.HashMap<>(Map.of(chip, 0));
    parent[index.get(chip)] = -1;
    arrival[index.get(chip)] = -1;
    for (int q = 0; q < queue.size(); q++) {
      int c = queue.get(q);
      for (int[] e : adj.get(index.get(c))) {
        if (!seen.containsKey(e[0])) {
          seen.put(e[0], q);
          parent[index.get(e[0])] = c;
          arrival[index.get(e[0])] = e[1];
          queue.add(e[0]);
        }
      }
    }
    // Keep a node if its subtree holds one of the slice's targets (leaves first).
    boolean[] keep = new boolean[t.size()];
    for (int q = queue.size() - 1; q >= 0; q--) {
      int c = queue.get(q);
      int i = index.get(c);
      keep[i] |= targetCores.containsKey(c) || q == 0;
      if (keep[i] && parent[i] >= 0) {
        keep[index.get(parent[i])] = true;
      }
    }
    Map<Integer, int[]> nodes = new LinkedHashMap<>();
    for (int c : queue) {
      int i = index.get(c);
      if (keep[i]) {
        nodes.put(c, new int[] {arrival[i], 0});
        if (parent[i] >= 0) {
          nodes.get(parent[i])[1] |= 1 << arrival[i];
        }
      }
    }
    return build(slice, chip, nodes, targetCores);
  }

  /** The direction from {@code child} back to {@code parent}, which it reached going {@code d}. */
  private static int back(Machine m, int child, int d, int parent) {
    if (m.neighbour(child, m.opposite(d)) == parent) {
      return m.opposite(d);
    }
    for (int e = 0; e < m.directions(); e++) {
      if (m.neighbour(child, e) == parent) {
        return e;
      }
    }
    throw new IllegalStateException("route-ner: link " + d + " of a tree has no way back");
  }

  /**
   * Route classes: slices whose trees are identical (same source chip, links and cores everywhere)
   * get the same number, so their keys can share one router entry. Classes are numbered by source
   * chip, then by first slice, so classes from the same or nearby chips get near numbers.
   */
  public static int[] routeClasses(List<RouteTree> trees) {
    Integer[] order = bySourceChip(trees);
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

  /** Slice indices ordered by source chip, then by index: the numbering order of the classes. */
  private static Integer[] bySourceChip(List<RouteTree> trees) {
    Integer[] order = new Integer[trees.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> trees.get(a).sourceChip() != trees.get(b).sourceChip()
        ? Integer.compare(trees.get(a).sourceChip(), trees.get(b).sourceChip())
        : Integer.compare(a, b));
    return order;
  }

  /**
   * Reach classes: slices from one chip whose trees visit the same chips (they may still deliver to
   * different cores) get the same number, numbered like {@link #routeClasses}. Every route class lies
   * in one reach class. Slices that reach the same chips leave every chip on the same links, so
   * giving them neighbouring keys lets routers where only the links matter cover them together.
   */
  public static int[] reachClasses(List<RouteTree> trees) {
    Integer[] order = bySourceChip(trees);
    Map<java.nio.IntBuffer, Integer> classes = new java.util.HashMap<>();
    int[] reachClass = new int[trees.size()];
    for (int s : order) {
      RouteTree t = trees.get(s);
      int[] chips = new int[t.size() + 1];
      System.arraycopy(t.chips(), 0, chips, 1, t.size());
      Arrays.sort(chips, 1, chips.length);
      chips[0] = t.sourceChip();
      // IntBuffer compares and hashes by content: the key is (source chip, sorted chips).
      reachClass[s] = classes.computeIfAbsent(java.nio.IntBuffer.wrap(chips),
          k -> classes.size());
    }
    return reachClass;
  }

  /**
   * Source ranks: per slice, the position of its chip among the source chips of its population and
   * kind, in depth-first preorder of the union of their trees (from the chip holding most of them,
   * links in direction order). Seen from any chip of that tree, the source chips behind one of its
   * links then form at most two runs of consecutive ranks, so key blocks laid out in rank order give
   * the slices that arrive the same way (and so leave the same way) neighbouring keys.
   */
  public static int[] sourceRanks(List<RouteTree> trees, List<Slice> slices, Machine m) {
    Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
    for (Slice s : slices) {
      groups.computeIfAbsent(List.of(s.population().name(), s.kind()), k -> new ArrayList<>())
          .add(s.id());
    }
    int[] rank = new int[slices.size()];
    // Undirected links of a group's trees: per chip, the directions it uses (bit set); a flat
    // array, cleared after each group (a million-neuron network has thousands of 200-chip trees).
    int[] links = new int[m.chips()];
    for (List<Integer> group : groups.values()) {
      TreeMap<Integer, Integer> perChip = new TreeMap<>();
      List<Integer> touched = new ArrayList<>();
      for (int s : group) {
        RouteTree t = trees.get(s);
        perChip.merge(t.sourceChip(), 1, Integer::sum);
        for (int i = 0; i < t.size(); i++) {
          int c = t.chips()[i];
          for (int d = 0; d < m.directions(); d++) {
            if ((t.outLinks()[i] & (1 << d)) != 0 && (links[c] & (1 << d)) == 0) {
              int child = m.neighbour(c, d);
              if (links[c] == 0) {
                touched.add(c);
              }
              links[c] |= 1 << d;
              if (links[child] == 0) {
                touched.add(child);
              }
              links[child] |= 1 << back(m, child, d, c);
            }
          }
        }
      }
      int root = perChip.firstKey();
      for (Map.Entry<Integer, Integer> e : perChip.entrySet()) {
        if (e.getValue() > perChip.get(root)) {
          root = e.getKey();
        }
      }
      Map<Integer, Integer> order = new java.util.HashMap<>();
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>(List.of(root));
      while (!stack.isEmpty()) {
        int c = stack.pop();
        if (!seen.add(c)) {
          continue;
        }
        if (perChip.containsKey(c)) {
          order.put(c, order.size());
        }
        int l = links[c];
        for (int d = m.directions() - 1; d >= 0; d--) {
          if ((l & (1 << d)) != 0 && !seen.contains(m.neighbour(c, d))) {
            stack.push(m.neighbour(c, d));
          }
        }
      }
      for (int s : group) {
        // Source chips the trees do not join (slices that send nowhere) come last, in slice order.
        int c = trees.get(s).sourceChip();
        if (!order.containsKey(c)) {
          order.put(c, order.size());
        }
      }
      for (int s : group) {
        rank[s] = order.get(trees.get(s).sourceChip());
      }
      for (int c : touched) {
        links[c] = 0;
      }
    }
    return rank;
  }

  /** The tree from {@code source} to every chip of {@code targetCores} (chip → core bits). */
  public static RouteTree tree(Machine m, int slice, int source, Map<Integer, Long> targetCores) {
    return tree(m, slice, source, targetCores, new double[m.chips() * m.directions()]);
  }

  /** Like {@link #tree}, choosing among equally short ways the link least loaded in {@code load}. */
  static RouteTree tree(Machine m, int slice, int source, Map<Integer, Long> targetCores,
      double[] load) {
    Map<Integer, int[]> nodes = new LinkedHashMap<>(); // chip -> {inLink, outLinks}
    nodes.put(source, new int[] {-1, 0});
    join(m, source, nodes, targetCores.keySet(), load);
    return build(slice, source, nodes, targetCores);
  }

  /**
   * Joins each target (by distance from the source) to the nearest node, NER-style: straight on
   * where that is shortest (no entry needed), else the least loaded shortest direction.
   */
  private static void join(Machine m, int source, Map<Integer, int[]> nodes,
      java.util.Set<Integer> targetChips, double[] load) {
    Integer[] targets = targetChips.toArray(new Integer[0]);
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
          if (step < 0) {
            for (int d = 0; d < m.directions(); d++) {
              int n = m.neighbour(cur, d);
              if (n >= 0 && m.distance(n, t) == dist - 1 && (step < 0
                  || load[cur * m.directions() + d] < load[cur * m.directions() + step])) {
                step = d;
              }
            }
          }
          int next = m.neighbour(cur, step);
          nodes.get(cur)[1] |= 1 << step;
          nodes.put(next, new int[] {step, 0});
          prevDir = step;
          cur = next;
        }
      }
    }
  }

  private static RouteTree build(int slice, int source, Map<Integer, int[]> nodes,
      Map<Integer, Long> cores) {
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
