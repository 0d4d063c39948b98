package snnc.mapper.place;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Move/swap descent: for each slice (in id order), try moving it to the chip of one of its
 * {@code neighbourLimit} heaviest neighbours or a chip next to it, or swapping it with a slice
 * there; take the best strictly improving change. Passes repeat until one improves nothing or
 * {@code maxPasses} is reached. Deterministic; changes {@code chipOf} in place and returns the gain.
 */
public final class LocalSearch {

  private final int maxPasses;
  private final int neighbourLimit;

  public LocalSearch(int maxPasses, int neighbourLimit) {
    this.maxPasses = maxPasses;
    this.neighbourLimit = neighbourLimit;
  }

  /**
   * Empties lightly used chips where that costs nothing: the slices of a chip (fewest first) move
   * to other used chips with room, each move not increasing the objective; the chip is emptied only
   * if all of its slices can go. Returns the number of chips freed.
   */
  public int compact(PlacementProblem problem, int[] chipOf) {
    Occupancy occ = new Occupancy(problem, chipOf);
    Integer[] chips = new Integer[problem.chips()];
    for (int c = 0; c < chips.length; c++) {
      chips[c] = c;
    }
    java.util.Arrays.sort(chips, (a, b) -> occ.used[a] != occ.used[b]
        ? Integer.compare(occ.used[a], occ.used[b]) : Integer.compare(a, b));
    int freed = 0;
    for (int c : chips) {
      if (occ.used[c] == 0) {
        continue;
      }
      int[] slices = occ.slicesOn(c);
      int[] targets = new int[slices.length];
      boolean ok = true;
      for (int i = 0; i < slices.length && ok; i++) {
        int s = slices[i];
        if (problem.pinned(s) >= 0) {
          ok = false;
          break;
        }
        long here = problem.incidentCost(s, c, chipOf);
        int best = -1;
        long bestCost = here;
        for (int o = 0; o < problem.chips(); o++) {
          if (o != c && occ.used[o] > 0 && occ.fits(s, o)) {
            long cost = problem.incidentCost(s, o, chipOf);
            if (cost <= bestCost && (best < 0 || cost < bestCost)) {
              best = o;
              bestCost = cost;
            }
          }
        }
        if (best < 0) {
          ok = false;
        } else {
          targets[i] = best;
          occ.move(s, best);
        }
      }
      if (ok) {
        freed++;
      } else {
        // Undo the moves made for this chip.
        for (int i = 0; i < slices.length; i++) {
          if (chipOf[slices[i]] != c) {
            occ.move(slices[i], c);
          }
        }
      }
    }
    return freed;
  }

  /** Statistics of a run: passes, moves and swaps made, total gain. */
  public record Result(int passes, long moves, long swaps, long gain) {}

  public Result improve(PlacementProblem problem, int[] chipOf) {
    Occupancy occ = new Occupancy(problem, chipOf);
    var machine = problem.machine();
    long moves = 0;
    long swaps = 0;
    long gain = 0;
    int pass = 0;
    while (pass < maxPasses) {
      pass++;
      long passGain = 0;
      for (int s = 0; s < problem.slices(); s++) {
        if (problem.pinned(s) >= 0) {
          continue;
        }
        int a = chipOf[s];
        long here = problem.incidentCost(s, a, chipOf);
        if (here == 0) {
          continue;
        }
        Set<Integer> candidates = new LinkedHashSet<>();
        int[] nb = problem.neighbours(s);
        for (int k = 0; k < nb.length && k < neighbourLimit; k++) {
          int c = chipOf[nb[k]];
          candidates.add(c);
          for (int d = 0; d < machine.directions(); d++) {
            int next = machine.neighbour(c, d);
            if (next >= 0) {
              candidates.add(next);
            }
          }
        }
        candidates.remove(a);
        long bestDelta = 0;
        int bestChip = -1;
        int bestSwap = -1;
        for (int b : candidates) {
          long moveDelta = problem.incidentCost(s, b, chipOf) - here;
          if (occ.fits(s, b)) {
            if (moveDelta < bestDelta) {
              bestDelta = moveDelta;
              bestChip = b;
              bestSwap = -1;
            }
            continue;
          }
          for (int i = 0; i < occ.used[b]; i++) {
            int u = occ.onChip[b][i];
            if (problem.pinned(u) >= 0) {
              continue;
            }
            if (problem.memoryPerChip() > 0
                && (occ.memory[b] - problem.memory(u) + problem.memory(s) > problem.memoryPerChip()
                || occ.memory[a] - problem.memory(s) + problem.memory(u) > problem.memoryPerChip())) {
              continue;
            }
            long delta = moveDelta + problem.incidentCost(u, a, chipOf)
                - problem.incidentCost(u, b, chipOf)
                + 2 * problem.traffic().weightBetween(s, u) * machine.distance(a, b);
            if (delta < bestDelta) {
              bestDelta = delta;
              bestChip = b;
              bestSwap = u;
            }
          }
        }
        if (bestChip >= 0) {
          if (bestSwap >= 0) {
            occ.remove(bestSwap);
            occ.move(s, bestChip);
            occ.add(bestSwap, a);
            swaps++;
          } else {
            occ.move(s, bestChip);
            moves++;
          }
          passGain -= bestDelta;
        }
      }
      gain += passGain;
      if (passGain == 0) {
        break;
      }
    }
    return new Result(pass, moves, swaps, gain);
  }
}
