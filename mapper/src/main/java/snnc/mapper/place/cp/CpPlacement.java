package snnc.mapper.place.cp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jacop.constraints.Count;
import org.jacop.constraints.ElementInteger;
import org.jacop.constraints.In;
import org.jacop.constraints.LinearInt;
import org.jacop.constraints.Reified;
import org.jacop.constraints.XeqC;
import org.jacop.constraints.XlteqY;
import org.jacop.constraints.table.Table;
import org.jacop.core.BooleanVar;
import org.jacop.core.IntDomain;
import org.jacop.core.IntVar;
import org.jacop.core.IntervalDomain;
import org.jacop.core.Store;
import org.jacop.search.DepthFirstSearch;
import org.jacop.search.IndomainMin;
import org.jacop.search.InputOrderSelect;
import org.jacop.search.SelectChoicePoint;
import snnc.mapper.place.PlacementProblem;

/**
 * JaCoP models of placement; JaCoP's types stay in this package. Both models assign chips to slices
 * under core and memory capacities, minimise Σ weight × hops with branch and bound, and stop at a
 * node limit, so results are deterministic.
 *
 * <p>Chips are renumbered by distance from a centre so that "smallest value first" tries central,
 * then nearby chips. The whole model fixes the heaviest slice on a vertex-transitive machine (any
 * solution can be translated there) and orders interchangeable slices (same memory, same weights to
 * every other slice), and starts from the incumbent's cost minus one, so an empty search proves the
 * incumbent optimal.
 */
public final class CpPlacement {

  private CpPlacement() {}

  /** The outcome of the whole model: the best placement, and whether the search finished. */
  public record Exact(int[] chipOf, long objective, boolean proven, long nodes) {}

  /** Solves the whole problem starting from {@code incumbent} (a feasible placement). */
  public static Exact solveWhole(PlacementProblem p, int[] incumbent, long nodeLimit,
      long lowerBound) {
    long incumbentCost = p.objective(incumbent);
    if (incumbentCost <= lowerBound) {
      return new Exact(incumbent.clone(), incumbentCost, true, 0);
    }
    int n = p.slices();
    int chips = p.chips();
    int centre = p.machine().centre();
    int[] order = p.machine().bfsOrder(centre); // value v = chip order[v]
    int[][] dist = new int[chips][chips];
    int maxD = 0;
    for (int a = 0; a < chips; a++) {
      for (int b = 0; b < chips; b++) {
        dist[a][b] = p.machine().distance(order[a], order[b]);
        maxD = Math.max(maxD, dist[a][b]);
      }
    }
    Store store = new Store();
    IntVar[] x = new IntVar[n];
    Integer[] bySize = new Integer[n];
    long[] total = new long[n];
    for (int s = 0; s < n; s++) {
      bySize[s] = s;
      for (long w : p.neighbourWeights(s)) {
        total[s] += w;
      }
    }
    Arrays.sort(bySize, (a, b) -> total[a] != total[b] ? Long.compare(total[b], total[a])
        : Integer.compare(a, b));
    int[] valueOfChip = new int[chips];
    for (int v = 0; v < chips; v++) {
      valueOfChip[order[v]] = v;
    }
    for (int s = 0; s < n; s++) {
      x[s] = p.pinned(s) >= 0 ? new IntVar(store, "x" + s, valueOfChip[p.pinned(s)],
          valueOfChip[p.pinned(s)]) : new IntVar(store, "x" + s, 0, chips - 1);
    }
    boolean anyPinned = Arrays.stream(x).anyMatch(IntVar::singleton);
    // Interchangeable slices: same memory and the same weight to every third slice.
    boolean[] paired = new boolean[n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        if (p.pinned(a) < 0 && p.pinned(b) < 0 && interchangeable(p, a, b)) {
          store.impose(new XlteqY(x[a], x[b]));
          paired[a] = true;
          paired[b] = true;
          break;
        }
      }
    }
    if (p.machine().isVertexTransitive() && !anyPinned && n > 0) {
      // Any solution can be carried by an automorphism onto one with the heaviest slice at the
      // centre (value 0), and then, by one that fixes the centre, onto one where the next slice in
      // search order that is not interchangeable with another sits on the first chip of its orbit.
      store.impose(new XeqC(x[bySize[0]], 0));
      int second = -1;
      for (int i = 1; i < n && second < 0; i++) {
        if (!paired[bySize[i]] && !paired[bySize[0]]) {
          second = bySize[i];
        }
      }
      int[] orbit = stabiliserOrbits(dist, 20_000);
      if (second >= 0 && orbit != null) {
        IntervalDomain reps = new IntervalDomain();
        for (int v = 0; v < chips; v++) {
          if (orbit[v] == v) {
            reps.unionAdapt(v, v);
          }
        }
        store.impose(new In(x[second], reps));
      }
    }
    imposeCapacity(store, p, x, chips, valueOfChip, null, null);
    List<IntVar> costTerms = new ArrayList<>();
    List<Integer> costWeights = new ArrayList<>();
    int[][] distanceTuples = tuples(dist);
    for (int s = 0; s < n; s++) {
      int[] nb = p.neighbours(s);
      long[] w = p.neighbourWeights(s);
      for (int k = 0; k < nb.length; k++) {
        if (nb[k] <= s) {
          continue;
        }
        IntVar d = new IntVar(store, 0, maxD);
        store.impose(new Table(new IntVar[] {x[s], x[nb[k]], d}, distanceTuples));
        costTerms.add(d);
        costWeights.add(Math.toIntExact(w[k]));
      }
    }
    IntVar cost = new IntVar(store, "cost", (int) Math.min(lowerBound, IntDomain.MaxInt),
        (int) Math.min(incumbentCost - 1, IntDomain.MaxInt));
    store.impose(new LinearInt(costTerms.toArray(new IntVar[0]),
        costWeights.stream().mapToInt(Integer::intValue).toArray(), "==", cost));
    IntVar[] vars = new IntVar[n];
    for (int i = 0; i < n; i++) {
      vars[i] = x[bySize[i]];
    }
    DepthFirstSearch<IntVar> search = quiet(new DepthFirstSearch<>());
    search.setNodesOut(nodeLimit);
    SelectChoicePoint<IntVar> select = new InputOrderSelect<>(store, vars, new IndomainMin<>());
    boolean found = store.consistency() && search.labeling(store, select, cost);
    boolean finished = !search.timeOutOccured && search.getNodes() < nodeLimit;
    if (!found) {
      return new Exact(incumbent.clone(), incumbentCost, finished, search.getNodes());
    }
    int[] chipOf = new int[n];
    for (int s = 0; s < n; s++) {
      chipOf[s] = order[x[s].value()];
    }
    long obj = p.objective(chipOf);
    return new Exact(chipOf, obj, finished, search.getNodes());
  }

  /**
   * Orbits of the chips (values) under the automorphisms of the distance matrix that fix value 0:
   * {@code orbit[v]} is the smallest value of v's orbit. Automorphisms are enumerated by
   * backtracking (values in order, each image checked against every earlier distance); null when
   * that takes more than {@code nodeLimit} steps, so callers then break no symmetry.
   */
  static int[] stabiliserOrbits(int[][] dist, long nodeLimit) {
    int m = dist.length;
    int[] orbit = new int[m];
    for (int v = 0; v < m; v++) {
      orbit[v] = v;
    }
    int[] image = new int[m];
    boolean[] used = new boolean[m];
    image[0] = 0;
    used[0] = true;
    long[] nodes = {0};
    return automorphisms(dist, 1, image, used, orbit, nodes, nodeLimit) ? orbit : null;
  }

  private static boolean automorphisms(int[][] dist, int v, int[] image, boolean[] used,
      int[] orbit, long[] nodes, long nodeLimit) {
    int m = dist.length;
    if (v == m) {
      for (int a = 0; a < m; a++) {
        union(orbit, a, image[a]);
      }
      return true;
    }
    for (int c = 0; c < m; c++) {
      if (used[c]) {
        continue;
      }
      if (++nodes[0] > nodeLimit) {
        return false;
      }
      boolean ok = true;
      for (int u = 0; u < v && ok; u++) {
        ok = dist[v][u] == dist[c][image[u]];
      }
      if (ok) {
        image[v] = c;
        used[c] = true;
        boolean done = automorphisms(dist, v + 1, image, used, orbit, nodes, nodeLimit);
        used[c] = false;
        if (!done) {
          return false;
        }
      }
    }
    return true;
  }

  /** Joins the orbits of a and b; each orbit is labelled by its smallest value. */
  private static void union(int[] orbit, int a, int b) {
    int ra = find(orbit, a);
    int rb = find(orbit, b);
    if (ra != rb) {
      orbit[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    for (int v = 0; v < orbit.length; v++) {
      orbit[v] = find(orbit, v);
    }
  }

  private static int find(int[] orbit, int v) {
    while (orbit[v] != v) {
      v = orbit[v];
    }
    return v;
  }

  /** {a, b, dist[a][b]} for every pair of values: a table constraint gives full propagation. */
  private static int[][] tuples(int[][] dist) {
    int m = dist.length;
    int[][] t = new int[m * m][];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        t[a * m + b] = new int[] {a, b, dist[a][b]};
      }
    }
    return t;
  }

  private static boolean interchangeable(PlacementProblem p, int a, int b) {
    if (p.memory(a) != p.memory(b)) {
      return false;
    }
    int[] na = p.neighbours(a);
    int[] nb = p.neighbours(b);
    if (na.length != nb.length) {
      return false;
    }
    for (int k = 0; k < na.length; k++) {
      int o = na[k];
      if (o == b) {
        continue;
      }
      if (p.traffic().weightBetween(b, o) != p.neighbourWeights(a)[k]) {
        return false;
      }
    }
    for (int k = 0; k < nb.length; k++) {
      int o = nb[k];
      if (o != a && p.traffic().weightBetween(a, o) != p.neighbourWeights(b)[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Per value (chip), at most its free cores (and memory) among {@code x}. {@code freeCores} and
   * {@code freeMemory} give what other slices leave; null means the chip is empty.
   */
  private static void imposeCapacity(Store store, PlacementProblem p, IntVar[] x, int values,
      int[] valueOfChip, int[] freeCores, long[] freeMemory) {
    long totalMemory = 0;
    for (int s = 0; s < x.length; s++) {
      totalMemory += p.memory(s);
    }
    for (int v = 0; v < values; v++) {
      int cap = freeCores == null ? p.coresPerChip() : freeCores[v];
      if (cap < x.length) {
        IntVar count = new IntVar(store, 0, Math.max(0, cap));
        store.impose(new Count(x, count, v));
      }
    }
    if (p.memoryPerChip() == 0) {
      return;
    }
    long scale = Math.max(1, (p.memoryPerChip() + 999_999) / 1_000_000);
    for (int v = 0; v < values; v++) {
      long free = freeMemory == null ? p.memoryPerChip() : freeMemory[v];
      if (totalMemory <= free) {
        continue;
      }
      List<IntVar> bs = new ArrayList<>();
      List<Integer> ws = new ArrayList<>();
      for (int s = 0; s < x.length; s++) {
        if (x[s].domain.contains(v) && p.memory(s) > 0) {
          BooleanVar b = new BooleanVar(store);
          store.impose(new Reified(new XeqC(x[s], v), b));
          bs.add(b);
          ws.add((int) ((p.memory(s) + scale - 1) / scale));
        }
      }
      if (!bs.isEmpty()) {
        store.impose(new LinearInt(bs.toArray(new IntVar[0]),
            ws.stream().mapToInt(Integer::intValue).toArray(), "<=", (int) (free / scale)));
      }
    }
  }

  private static <T extends org.jacop.core.Var> DepthFirstSearch<T> quiet(DepthFirstSearch<T> s) {
    s.setPrintInfo(false);
    s.setAssignSolution(true);
    s.getSolutionListener().recordSolutions(false);
    return s;
  }

  /** What one window did: the gain applied (0 when none) and the JaCoP nodes searched. */
  public record WindowResult(long gain, long nodes) {}

  /**
   * Re-places the slices of {@code window} among their current chips and chips within
   * {@code radius} hops, everything else fixed; applies the best placement found if it is strictly
   * better and returns the gain (0 otherwise). Memory is checked exactly in Java before applying.
   *
   * <p>Before JaCoP is called, {@link #filterWindow} prunes the values that cannot be part of a
   * strictly better placement; most windows of a placement that move/swap search has left are
   * settled there (no value left, or the bound reaches the current cost), which costs microseconds
   * where building the JaCoP model costs milliseconds. Only the values kept reach the model.
   */
  public static WindowResult improveWindow(PlacementProblem p, int[] chipOf, int[] window,
      int radius, long nodeLimit, int[] used, long[] memoryUsed) {
    return improveWindow(p, chipOf, window, radius, nodeLimit, used, memoryUsed,
        ENUMERATION_LIMIT);
  }

  /** As above, enumerating in Java up to {@code enumerationLimit} combinations (for tests). */
  static WindowResult improveWindow(PlacementProblem p, int[] chipOf, int[] window, int radius,
      long nodeLimit, int[] used, long[] memoryUsed, long enumerationLimit) {
    int w = window.length;
    var machine = p.machine();
    // Candidate chips: the window's chips and chips within the radius (neighbour rings, so the
    // work is the ball's size, not the machine's).
    int[] mark = new int[p.chips()];
    int[] cand = new int[p.chips()];
    int m = 0;
    for (int s : window) {
      int c = chipOf[s];
      if (mark[c] == 0) {
        mark[c] = 1;
        cand[m++] = c;
      }
    }
    for (int r = 0, from = 0; r < radius; r++) {
      int to = m;
      for (int k = from; k < to; k++) {
        for (int d = 0; d < machine.directions(); d++) {
          int o = machine.neighbour(cand[k], d);
          if (o >= 0 && mark[o] == 0) {
            mark[o] = 1;
            cand[m++] = o;
          }
        }
      }
      from = to;
    }
    // Values numbered by distance from the window's first slice: "smallest first" tries near chips.
    int home = chipOf[window[0]];
    int[] chips = Arrays.stream(Arrays.copyOf(cand, m)).boxed()
        .sorted((a, b) -> machine.distance(home, a) != machine.distance(home, b)
            ? Integer.compare(machine.distance(home, a), machine.distance(home, b))
            : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
    int[] valueOf = new int[p.chips()];
    for (int v = 0; v < m; v++) {
      valueOf[chips[v]] = v;
    }
    boolean[] inWindow = new boolean[p.slices()];
    for (int s : window) {
      inWindow[s] = true;
    }
    int[] freeCores = new int[m];
    long[] freeMem = new long[m];
    for (int v = 0; v < m; v++) {
      freeCores[v] = p.coresPerChip() - used[chips[v]];
      freeMem[v] = p.memoryPerChip() - memoryUsed[chips[v]];
    }
    for (int s : window) {
      int v = valueOf[chipOf[s]];
      freeCores[v]++;
      freeMem[v] += p.memory(s);
    }
    long current = 0;
    long[][] ext = new long[w][m];
    // External weight per chip first, then per candidate chip: chips × values instead of
    // neighbours × values (dense networks have hundreds of neighbours on a few dozen chips).
    long[] onChip = new long[p.chips()];
    int[] touched = new int[p.chips()];
    for (int i = 0; i < w; i++) {
      int s = window[i];
      int[] nb = p.neighbours(s);
      long[] wt = p.neighbourWeights(s);
      int nTouched = 0;
      for (int k = 0; k < nb.length; k++) {
        if (wt[k] == 0) {
          continue; // adds nothing, and would be listed again below
        }
        if (!inWindow[nb[k]]) {
          int c = chipOf[nb[k]];
          if (onChip[c] == 0) {
            touched[nTouched++] = c;
          }
          onChip[c] += wt[k];
          current += wt[k] * machine.distance(chipOf[s], c);
        } else if (nb[k] > s) {
          current += wt[k] * machine.distance(chipOf[s], chipOf[nb[k]]);
        }
      }
      for (int t = 0; t < nTouched; t++) {
        int c = touched[t];
        for (int v = 0; v < m; v++) {
          ext[i][v] += onChip[c] * machine.distance(chips[v], c);
        }
        onChip[c] = 0;
      }
    }
    if (current == 0 || current > IntDomain.MaxInt / 2) {
      return new WindowResult(0, 0);
    }
    long[][] internal = new long[w][w];
    for (int i = 0; i < w; i++) {
      for (int j = i + 1; j < w; j++) {
        internal[i][j] = internal[j][i] = p.traffic().weightBetween(window[i], window[j]);
      }
    }
    int[][] dist = new int[m][m];
    int maxD = 0;
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        dist[a][b] = machine.distance(chips[a], chips[b]);
        maxD = Math.max(maxD, dist[a][b]);
      }
    }
    boolean[][] domain = new boolean[w][m];
    for (int i = 0; i < w; i++) {
      for (int v = 0; v < m; v++) {
        domain[i][v] = freeCores[v] > 0 && p.allowed(chips[v]);
      }
    }
    if (!filterWindow(ext, internal, dist, freeCores, domain, current - 1)) {
      return new WindowResult(0, 0);
    }
    long combinations = 1;
    for (boolean[] d : domain) {
      int size = 0;
      for (boolean b : d) {
        size += b ? 1 : 0;
      }
      combinations = Math.min(Long.MAX_VALUE / 64, combinations * size);
    }
    if (combinations <= enumerationLimit) {
      int[] best = new Enumeration(p, window, ext, internal, dist, freeCores, freeMem, domain)
          .run(current - 1);
      if (best == null) {
        return new WindowResult(0, 0);
      }
      int[] proposal = new int[w];
      for (int i = 0; i < w; i++) {
        proposal[i] = chips[best[i]];
      }
      return new WindowResult(apply(p, chipOf, window, proposal, used, memoryUsed, current), 0);
    }
    Store store = new Store();
    IntVar[] x = new IntVar[w];
    List<IntVar> terms = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    for (int i = 0; i < w; i++) {
      IntervalDomain dom = new IntervalDomain();
      for (int v = 0; v < m; v++) {
        if (domain[i][v]) {
          dom.unionAdapt(v, v);
        }
      }
      x[i] = new IntVar(store, "w" + i, dom);
      int[] e = new int[m];
      for (int v = 0; v < m; v++) {
        e[v] = (int) Math.min(ext[i][v], IntDomain.MaxInt / 4);
      }
      IntVar ei = new IntVar(store, 0, IntDomain.MaxInt / 4);
      store.impose(new ElementInteger(x[i], e, ei, -1));
      terms.add(ei);
      weights.add(1);
    }
    int[][] distanceTuples = tuples(dist);
    for (int i = 0; i < w; i++) {
      for (int j = i + 1; j < w; j++) {
        if (internal[i][j] == 0) {
          continue;
        }
        IntVar d = new IntVar(store, 0, maxD);
        store.impose(new Table(new IntVar[] {x[i], x[j], d}, distanceTuples));
        terms.add(d);
        weights.add((int) Math.min(internal[i][j], IntDomain.MaxInt / 4));
      }
    }
    for (int v = 0; v < m; v++) {
      if (freeCores[v] < w) {
        IntVar count = new IntVar(store, 0, Math.max(0, freeCores[v]));
        store.impose(new Count(x, count, v));
      }
    }
    IntVar cost = new IntVar(store, "cost", 0, (int) current - 1);
    store.impose(new LinearInt(terms.toArray(new IntVar[0]),
        weights.stream().mapToInt(Integer::intValue).toArray(), "==", cost));
    if (!store.consistency()) {
      return new WindowResult(0, 0);
    }
    DepthFirstSearch<IntVar> search = quiet(new DepthFirstSearch<>());
    search.setNodesOut(nodeLimit);
    boolean found = search.labeling(store, new InputOrderSelect<>(store, x, new IndomainMin<>()),
        cost);
    long nodes = search.getNodes();
    if (!found) {
      return new WindowResult(0, nodes);
    }
    int[] proposal = new int[w];
    for (int i = 0; i < w; i++) {
      proposal[i] = chips[x[i].value()];
    }
    if (p.memoryPerChip() > 0) {
      long[] mem = freeMem.clone();
      for (int i = 0; i < w; i++) {
        int v = valueOf[proposal[i]];
        mem[v] -= p.memory(window[i]);
        if (mem[v] < 0) {
          return new WindowResult(0, nodes);
        }
      }
    }
    return new WindowResult(apply(p, chipOf, window, proposal, used, memoryUsed, current),
        nodes);
  }

  /** Moves the window's slices to {@code proposal}; returns the gain. */
  private static long apply(PlacementProblem p, int[] chipOf, int[] window, int[] proposal,
      int[] used, long[] memoryUsed, long current) {
    int w = window.length;
    for (int i = 0; i < w; i++) {
      used[chipOf[window[i]]]--;
      memoryUsed[chipOf[window[i]]] -= p.memory(window[i]);
    }
    for (int i = 0; i < w; i++) {
      chipOf[window[i]] = proposal[i];
      used[proposal[i]]++;
      memoryUsed[proposal[i]] += p.memory(window[i]);
    }
    long after = 0;
    boolean[] inWindow = new boolean[p.slices()];
    for (int s : window) {
      inWindow[s] = true;
    }
    for (int s : window) {
      int[] nb = p.neighbours(s);
      long[] wt = p.neighbourWeights(s);
      for (int k = 0; k < nb.length; k++) {
        if (!inWindow[nb[k]] || nb[k] > s) {
          after += wt[k] * p.machine().distance(chipOf[s], chipOf[nb[k]]);
        }
      }
    }
    return current - after;
  }

  /**
   * Windows whose filtered domains leave at most this many combinations are searched exhaustively
   * in Java (exact, with the cost bound and capacities checked as values are assigned): after
   * {@link #filterWindow} most windows have a handful of values per slice, and building the JaCoP
   * model would cost far more than trying them all.
   */
  static final long ENUMERATION_LIMIT = 4_096;

  /**
   * Exhaustive branch and bound over small window domains: slices in window order, values in
   * increasing order (near chips first, as in the JaCoP model), a partial assignment cut when its
   * cost plus the cheapest external cost of the slices still unassigned cannot beat the best so
   * far. Free cores and shared memory are checked exactly. The result is an optimal placement of
   * the window among the domains, or null when none costs at most the limit.
   */
  private static final class Enumeration {
    private final long[][] ext;
    private final long[][] internal;
    private final int[][] dist;
    private final int[] freeCores;
    private final long[] freeMem;
    private final long[] memory;
    private final int[][] values;
    private final long[] restBound;
    private final int[] x;
    private int[] best;
    private long bestCost;

    Enumeration(PlacementProblem p, int[] window, long[][] ext, long[][] internal, int[][] dist,
        int[] freeCores, long[] freeMem, boolean[][] domain) {
      int w = window.length;
      this.ext = ext;
      this.internal = internal;
      this.dist = dist;
      this.freeCores = freeCores.clone();
      this.freeMem = p.memoryPerChip() > 0 ? freeMem.clone() : null;
      this.memory = new long[w];
      this.values = new int[w][];
      this.restBound = new long[w + 1];
      this.x = new int[w];
      long[] cheapest = new long[w];
      for (int i = 0; i < w; i++) {
        memory[i] = p.memory(window[i]);
        int n = 0;
        int[] vs = new int[dist.length];
        cheapest[i] = Long.MAX_VALUE;
        for (int v = 0; v < dist.length; v++) {
          if (domain[i][v]) {
            vs[n++] = v;
            cheapest[i] = Math.min(cheapest[i], ext[i][v]);
          }
        }
        values[i] = Arrays.copyOf(vs, n);
      }
      for (int i = w - 1; i >= 0; i--) {
        restBound[i] = restBound[i + 1] + cheapest[i];
      }
    }

    int[] run(long limit) {
      bestCost = limit + 1;
      best = null;
      assign(0, 0);
      return best;
    }

    private void assign(int i, long cost) {
      if (i == x.length) {
        best = x.clone();
        bestCost = cost;
        return;
      }
      for (int v : values[i]) {
        if (freeCores[v] == 0 || freeMem != null && freeMem[v] < memory[i]) {
          continue;
        }
        long c = cost + ext[i][v];
        for (int j = 0; j < i; j++) {
          c += internal[i][j] * dist[v][x[j]];
        }
        if (c + restBound[i + 1] >= bestCost) {
          continue;
        }
        x[i] = v;
        freeCores[v]--;
        if (freeMem != null) {
          freeMem[v] -= memory[i];
        }
        assign(i + 1, c);
        freeCores[v]++;
        if (freeMem != null) {
          freeMem[v] += memory[i];
        }
      }
    }
  }

  /**
   * Removes from {@code domain[i]} every value that no window placement of cost at most
   * {@code limit} can give slice i; false when a domain empties or the bound exceeds the limit (no
   * such placement exists). The cost is Σ ext[i][x_i] + Σ_{i<j} internal[i][j]·dist[x_i][x_j];
   * twice it is Σ_i c_i(x_i) with c_i(v) = 2·ext[i][v] + Σ_{j≠i} internal[i][j]·dist[v][x_j], and
   * dist[v][x_j] is at least the distance from v to the nearest value left for j. So with
   * b_i(v) that lower estimate and LB = Σ_i min b_i, a value with LB − min b_i + b_i(v) > 2·limit
   * is impossible; removing it can raise the others' estimates, so this repeats to a fixed point.
   * Also fails when more slices are left with a single value than that chip has free cores.
   */
  static boolean filterWindow(long[][] ext, long[][] internal, int[][] dist, int[] freeCores,
      boolean[][] domain, long limit) {
    int w = ext.length;
    int m = dist.length;
    long[][] estimate = new long[w][m];
    long[] best = new long[w];
    int[][] nearest = new int[w][m];
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int j = 0; j < w; j++) {
        for (int v = 0; v < m; v++) {
          int near = Integer.MAX_VALUE;
          for (int u = 0; u < m; u++) {
            if (domain[j][u] && dist[v][u] < near) {
              near = dist[v][u];
            }
          }
          if (near == Integer.MAX_VALUE) {
            return false;
          }
          nearest[j][v] = near;
        }
      }
      long bound = 0;
      for (int i = 0; i < w; i++) {
        best[i] = Long.MAX_VALUE;
        for (int v = 0; v < m; v++) {
          if (!domain[i][v]) {
            continue;
          }
          long b = 2 * ext[i][v];
          for (int j = 0; j < w; j++) {
            if (j != i && internal[i][j] != 0) {
              b += internal[i][j] * nearest[j][v];
            }
          }
          estimate[i][v] = b;
          best[i] = Math.min(best[i], b);
        }
        bound += best[i];
      }
      if (bound > 2 * limit) {
        return false;
      }
      for (int i = 0; i < w; i++) {
        for (int v = 0; v < m; v++) {
          if (domain[i][v] && bound - best[i] + estimate[i][v] > 2 * limit) {
            domain[i][v] = false;
            changed = true;
          }
        }
      }
    }
    int[] fixedOn = new int[m];
    for (int i = 0; i < w; i++) {
      int only = -1;
      int count = 0;
      for (int v = 0; v < m; v++) {
        if (domain[i][v]) {
          only = v;
          count++;
        }
      }
      if (count == 1 && ++fixedOn[only] > freeCores[only]) {
        return false;
      }
    }
    return true;
  }
}
