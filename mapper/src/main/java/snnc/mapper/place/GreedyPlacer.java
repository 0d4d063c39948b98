package snnc.mapper.place;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The fast start: slices in traffic order, breadth first. The heaviest slice goes to the machine's
 * centre; then, repeatedly, the unplaced slice with the most traffic to placed ones goes to the chip,
 * among the first {@code candidates} chips with room in BFS order from its heaviest placed neighbour,
 * that minimises its traffic × hops to its placed neighbours. A slice with no placed neighbour starts
 * a new group on the free chip nearest the centre. Returns null when the slices do not fit.
 */
public final class GreedyPlacer {

  private final int candidates;

  public GreedyPlacer(int candidates) {
    this.candidates = candidates;
  }

  public int[] place(PlacementProblem problem) {
    int n = problem.slices();
    int[] chipOf = new int[n];
    Arrays.fill(chipOf, -1);
    Occupancy occ = new Occupancy(problem, chipOf);
    for (int s = 0; s < n; s++) {
      if (problem.pinned(s) >= 0) {
        if (!occ.fits(s, problem.pinned(s))) {
          return null;
        }
        occ.add(s, problem.pinned(s));
      }
    }
    long[] attraction = new long[n];
    long[] total = new long[n];
    for (int s = 0; s < n; s++) {
      for (long w : problem.neighbourWeights(s)) {
        total[s] += w;
      }
    }
    // Queue entries: {attraction, total, slice}; stale entries are skipped on poll.
    PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
        ? Long.compare(b[0], a[0]) : a[1] != b[1] ? Long.compare(b[1], a[1])
        : Long.compare(a[2], b[2]));
    for (int s = 0; s < n; s++) {
      if (chipOf[s] >= 0) {
        attract(problem, s, chipOf, attraction, total, queue);
      }
    }
    for (int s = 0; s < n; s++) {
      if (chipOf[s] < 0) {
        queue.add(new long[] {attraction[s], total[s], s});
      }
    }
    Machine m = new Machine(problem);
    int centre = problem.machine().centre();
    while (!queue.isEmpty()) {
      long[] top = queue.poll();
      int s = (int) top[2];
      if (chipOf[s] >= 0 || top[0] != attraction[s]) {
        continue;
      }
      int anchor = centre;
      int[] nb = problem.neighbours(s);
      for (int k = 0; k < nb.length; k++) {
        if (chipOf[nb[k]] >= 0) {
          anchor = chipOf[nb[k]];
          break;
        }
      }
      int best = -1;
      long bestCost = Long.MAX_VALUE;
      int seen = 0;
      for (int c : m.bfs(anchor)) {
        if (!occ.fits(s, c)) {
          continue;
        }
        long cost = attraction[s] == 0 ? 0 : problem.incidentCostPlaced(s, c, chipOf);
        if (cost < bestCost) {
          best = c;
          bestCost = cost;
        }
        if (++seen >= candidates || attraction[s] == 0) {
          break;
        }
      }
      if (best < 0) {
        return null;
      }
      occ.add(s, best);
      attract(problem, s, chipOf, attraction, total, queue);
    }
    return chipOf;
  }

  private static void attract(PlacementProblem problem, int s, int[] chipOf, long[] attraction,
      long[] total, PriorityQueue<long[]> queue) {
    int[] nb = problem.neighbours(s);
    long[] w = problem.neighbourWeights(s);
    for (int k = 0; k < nb.length; k++) {
      if (chipOf[nb[k]] < 0) {
        attraction[nb[k]] += w[k];
        queue.add(new long[] {attraction[nb[k]], total[nb[k]], nb[k]});
      }
    }
  }

  /** BFS orders per start chip, computed once each. */
  static final class Machine {
    private final PlacementProblem problem;
    private final int[][] orders;

    Machine(PlacementProblem problem) {
      this.problem = problem;
      this.orders = new int[problem.chips()][];
    }

    int[] bfs(int chip) {
      if (orders[chip] == null) {
        orders[chip] = problem.machine().bfsOrder(chip);
      }
      return orders[chip];
    }
  }
}
