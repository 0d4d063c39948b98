package snnc.mapper.place;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import snnc.diag.DiagnosticSink;
import snnc.mapper.partition.PartitionedNetwork;
import snnc.mapper.partition.Slice;
import snnc.mapper.place.cp.CpPlacement;

/**
 * The placement pipeline: scan-order baseline, greedy start, move/swap local search, then either the
 * whole JaCoP model (at most {@code exactLimit} slices, to prove the optimum) or JaCoP windows of
 * {@code windowSize} slices with domains limited to chips within {@code windowRadius} hops, each
 * searching at most {@code windowNodeLimit} JaCoP nodes and all of them together at most
 * {@code windowNodeBudget}. Every limit is a count (nodes, windows, passes), so results are
 * deterministic; {@code timeLimitMs} is only a safety net and marks the result as time-capped
 * when it fires. Unless the optimum is proven, a consolidation pass may then spend up to
 * {@code contiguityBudget} (a fraction of the objective) to gather each population's slices on
 * fewer chips, which saves routing entries.
 */
public final class Placer {

  /**
   * Full sweeps of windows at most: a sweep that improved something is followed by another, but
   * on dense networks each sweep costs every slice a window for gains of a fraction of a per
   * cent (the microcircuit: 8 of 1,592 windows improved in unbounded sweeps), so stop after this
   * many.
   */
  private static final int WINDOW_SWEEPS = 2;

  /** Options of the placer. */
  public record Options(int greedyCandidates, int localSearchPasses, int neighbourLimit,
      int exactLimit, long exactNodeLimit, int windowSize, int windowRadius, long windowNodeLimit,
      long maxWindows, long windowNodeBudget, long timeLimitMs, double contiguityBudget) {
    public static Options defaults() {
      return new Options(12, 20, 16, 20, 200_000, 7, 1, 4_000, 20_000, 400_000, 60_000, 0.05);
    }

    public Options withTimeLimitMs(long ms) {
      return new Options(greedyCandidates, localSearchPasses, neighbourLimit, exactLimit,
          exactNodeLimit, windowSize, windowRadius, windowNodeLimit, maxWindows, windowNodeBudget,
          ms, contiguityBudget);
    }

    public Options withContiguityBudget(double fraction) {
      return new Options(greedyCandidates, localSearchPasses, neighbourLimit, exactLimit,
          exactNodeLimit, windowSize, windowRadius, windowNodeLimit, maxWindows, windowNodeBudget,
          timeLimitMs, fraction);
    }
  }

  /** At most this many equal-objective moves and swaps are priced for link load. */
  static final long BALANCE_EVALUATIONS = 500;

  private final Options options;

  public Placer(Options options) {
    this.options = options;
  }

  /** Places {@code partitioned}; returns null after reporting {@code map.machine-capacity}. */
  public Placement place(PartitionedNetwork partitioned, int[] pinned, DiagnosticSink sink) {
    PlacementProblem problem = new PlacementProblem(partitioned, pinned);
    Solution s = solve(problem);
    if (s == null) {
      reportNoFit(partitioned, problem, sink);
      return null;
    }
    return new Placement(partitioned, s.chipOf, cores(problem, partitioned, s.chipOf), s.objective,
        s.bound, s.proven, s.baselineObjective, s.statistics);
  }

  /** A solved placement problem: chips per slice, objective, bound and statistics. */
  public record Solution(int[] chipOf, long objective, long bound, boolean proven,
      long baselineObjective, Placement.Statistics statistics) {}

  /** Solves {@code problem}; null when the slices do not fit the machine. */
  public Solution solve(PlacementProblem problem) {
    long start = System.nanoTime();
    int[] baseline = ScanPlacer.place(problem);
    // Fill chips fully: the heuristics work in the smallest ball of chips around the centre that
    // can hold the slices, grown one chip at a time when the greedy cannot pack them there.
    PlacementProblem whole = problem;
    int[] chipOf = null;
    int[] ball = problem.machine().bfsOrder(problem.machine().centre());
    for (int k = minimumChips(problem); chipOf == null; k = Math.min(problem.chips(), k + 1 + k / 8)) {
      problem = whole.restrictedTo(Arrays.copyOf(ball, k));
      chipOf = new GreedyPlacer(options.greedyCandidates).place(problem);
      if (k == problem.chips()) {
        break;
      }
    }
    if (chipOf == null) {
      problem = whole;
      chipOf = baseline == null ? null : baseline.clone();
    }
    if (chipOf == null) {
      return null;
    }
    long greedy = problem.objective(chipOf);
    new LocalSearch(options.localSearchPasses, options.neighbourLimit).improve(problem, chipOf);
    long afterLocal = problem.objective(chipOf);
    long bound = problem.lowerBound();
    boolean proven = afterLocal <= bound;
    String method = "greedy+local";
    long windows = 0;
    long improved = 0;
    long nodes = 0;
    boolean capped = false;
    if (!proven && problem.slices() <= options.exactLimit) {
      // The whole model searches the whole machine, so a proof holds for every placement.
      CpPlacement.Exact exact = CpPlacement.solveWhole(whole, chipOf, options.exactNodeLimit,
          bound);
      chipOf = exact.chipOf();
      nodes = exact.nodes();
      proven = exact.proven();
      method = "greedy+local+cp-exact";
    } else if (!proven) {
      method = "greedy+local+cp-windows";
      int[] used = new int[problem.chips()];
      long[] mem = new long[problem.chips()];
      for (int s = 0; s < problem.slices(); s++) {
        used[chipOf[s]]++;
        mem[chipOf[s]] += problem.memory(s);
      }
      Integer[] order = new Integer[problem.slices()];
      long[] total = new long[problem.slices()];
      for (int s = 0; s < problem.slices(); s++) {
        order[s] = s;
        for (long w : problem.neighbourWeights(s)) {
          total[s] += w;
        }
      }
      Arrays.sort(order, (a, b) -> total[a] != total[b] ? Long.compare(total[b], total[a])
          : Integer.compare(a, b));
      // A window whose slices and chips are as they were when it was last tried gives the same
      // answer again: windows are remembered until one improves (which changes chips).
      Set<List<Integer>> tried = new HashSet<>();
      long budget = options.windowNodeBudget;
      boolean progress = true;
      int sweeps = 0;
      outer:
      while (progress && sweeps++ < WINDOW_SWEEPS) {
        progress = false;
        for (int s : order) {
          if (windows >= options.maxWindows || budget <= 0) {
            break outer;
          }
          if ((System.nanoTime() - start) / 1_000_000 > options.timeLimitMs) {
            capped = true;
            break outer;
          }
          int[] window = window(problem, s, chipOf);
          if (window.length < 2 || !tried.add(Arrays.stream(window).boxed().toList())) {
            continue;
          }
          windows++;
          CpPlacement.WindowResult r = CpPlacement.improveWindow(problem, chipOf, window,
              options.windowRadius, Math.min(options.windowNodeLimit, budget), used, mem);
          nodes += r.nodes();
          budget -= r.nodes();
          if (r.gain() > 0) {
            improved++;
            progress = true;
            tried.clear();
          }
        }
      }
      new LocalSearch(options.localSearchPasses, options.neighbourLimit).improve(problem, chipOf);
    }
    // A proven optimum is kept as it is; otherwise trade a little traffic for routing entries.
    if (!proven && options.contiguityBudget > 0) {
      long budget = (long) (problem.objective(chipOf) * options.contiguityBudget);
      new LocalSearch(options.localSearchPasses, options.neighbourLimit)
          .consolidate(problem, chipOf, budget);
    }
    // Fewer chips at no cost in traffic (the objective cannot increase).
    new LocalSearch(options.localSearchPasses, options.neighbourLimit).compact(problem, chipOf);
    // Second criterion: at equal objective, a lower maximum link load.
    new LocalSearch(options.localSearchPasses, options.neighbourLimit)
        .balance(problem, chipOf, BALANCE_EVALUATIONS);
    long objective = problem.objective(chipOf);
    if (proven) {
      bound = objective;
    }
    return new Solution(chipOf, objective, bound, proven,
        baseline == null ? -1 : problem.objective(baseline),
        new Placement.Statistics(method, greedy, afterLocal, windows, improved, nodes, capped));
  }

  /** Chips needed at least: by cores, and by shared memory where chips have a limit. */
  private static int minimumChips(PlacementProblem p) {
    long byCores = (p.slices() + p.coresPerChip() - 1) / p.coresPerChip();
    long byMemory = 0;
    if (p.memoryPerChip() > 0) {
      long total = 0;
      for (int s = 0; s < p.slices(); s++) {
        total += p.memory(s);
      }
      byMemory = (total + p.memoryPerChip() - 1) / p.memoryPerChip();
    }
    return (int) Math.max(1, Math.min(p.chips(), Math.max(byCores, byMemory)));
  }

  /** The slice and its heaviest unpinned neighbours, up to the window size, in id order. */
  private int[] window(PlacementProblem p, int s, int[] chipOf) {
    if (p.pinned(s) >= 0) {
      return new int[0];
    }
    int[] nb = p.neighbours(s);
    int[] w = new int[Math.min(options.windowSize, nb.length + 1)];
    int k = 0;
    w[k++] = s;
    for (int i = 0; i < nb.length && k < w.length; i++) {
      if (p.pinned(nb[i]) < 0) {
        w[k++] = nb[i];
      }
    }
    int[] out = Arrays.copyOf(w, k);
    Arrays.sort(out);
    return out;
  }

  /** Numbers cores on each chip in slice order, after the monitor cores. */
  private static int[] cores(PlacementProblem problem, PartitionedNetwork partitioned,
      int[] chipOf) {
    int[] next = new int[problem.chips()];
    Arrays.fill(next, partitioned.target().chip().monitorCores());
    int[] coreOf = new int[chipOf.length];
    for (int s = 0; s < chipOf.length; s++) {
      coreOf[s] = next[chipOf[s]]++;
    }
    return coreOf;
  }

  private static void reportNoFit(PartitionedNetwork partitioned, PlacementProblem problem,
      DiagnosticSink sink) {
    var target = partitioned.target();
    long cores = target.applicationCores();
    int slices = partitioned.slices().size();
    // Name the population whose slices first overflow the machine in order.
    Slice culprit = partitioned.slices().get(Math.min(slices - 1, (int) Math.min(cores,
        Integer.MAX_VALUE)));
    long memory = 0;
    for (int s = 0; s < slices; s++) {
      memory += problem.memory(s);
    }
    String what = slices > cores ? "needs " + slices + " cores, " + target.name() + " has "
        + partitioned.machineSummary()
        : "needs " + memory + " bytes of shared memory in all, " + target.name() + " has "
        + problem.memoryPerChip() * problem.chips() + " (" + problem.memoryPerChip()
        + " per chip), or no packing of slices into chips fits";
    sink.error("map.machine-capacity", culprit.span(), "the network does not fit "
        + target.name() + ": it " + what + partitioned.overflowingTotals(), "population '" + culprit.population().name()
        + "' is where the machine runs out; choose a larger target or fewer neurons");
  }
}
