package snnc.mapper.place;


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

  /**
   * Gathers the slices of each population (and kind) on fewer chips, for routing: slices of a group
   * on one chip share one multicast tree and one key sub-block, so every router needs one entry
   * for them, where slices of the group scattered over many chips need one each. The measure is
   * Φ = Σ over groups and chips of count², raised by moves and swaps (a slice moving to a chip where
   * its group is at least as numerous raises it). In each pass every slice (in id order) takes the
   * change with the least objective increase per unit of Φ — free changes first — as long as the
   * objective spent in all stays within {@code budget}. Returns the objective spent.
   */
  public long consolidate(PlacementProblem problem, int[] chipOf, long budget) {
    int n = problem.slices();
    int chips = problem.chips();
    Occupancy occ = new Occupancy(problem, chipOf);
    var machine = problem.machine();
    java.util.Map<Integer, java.util.List<Integer>> members = new java.util.TreeMap<>();
    java.util.Map<Long, Integer> count = new java.util.HashMap<>();
    for (int s = 0; s < n; s++) {
      members.computeIfAbsent(problem.group(s), g -> new java.util.ArrayList<>()).add(s);
      count.merge((long) problem.group(s) * chips + chipOf[s], 1, Integer::sum);
    }
    long spent = 0;
    for (int pass = 0; pass < maxPasses; pass++) {
      boolean changed = false;
      for (int s = 0; s < n; s++) {
        int g = problem.group(s);
        if (problem.pinned(s) >= 0 || members.get(g).size() < 2) {
          continue;
        }
        int a = chipOf[s];
        int ca = count.get((long) g * chips + a);
        java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>();
        for (int o : members.get(g)) {
          if (chipOf[o] != a && count.get((long) g * chips + chipOf[o]) >= ca) {
            candidates.add(chipOf[o]);
          }
        }
        long here = problem.incidentCost(s, a, chipOf);
        long bestCost = 0;
        long bestPhi = 0;
        int bestChip = -1;
        int bestSwap = -1;
        for (int b : candidates) {
          long phiS = 2L * (count.get((long) g * chips + b) - ca) + 2;
          long moveDelta = problem.incidentCost(s, b, chipOf) - here;
          if (occ.fits(s, b)) {
            if (better(moveDelta, phiS, bestCost, bestPhi)) {
              bestCost = moveDelta;
              bestPhi = phiS;
              bestChip = b;
              bestSwap = -1;
            }
            continue;
          }
          for (int i = 0; i < occ.used[b]; i++) {
            int u = occ.onChip[b][i];
            int h = problem.group(u);
            if (h == g || problem.pinned(u) >= 0) {
              continue;
            }
            long phi = phiS + 2L * (count.getOrDefault((long) h * chips + a, 0)
                - count.get((long) h * chips + b)) + 2;
            if (phi <= 0 || problem.memoryPerChip() > 0
                && (occ.memory[b] - problem.memory(u) + problem.memory(s) > problem.memoryPerChip()
                || occ.memory[a] - problem.memory(s) + problem.memory(u)
                > problem.memoryPerChip())) {
              continue;
            }
            long delta = moveDelta + problem.incidentCost(u, a, chipOf)
                - problem.incidentCost(u, b, chipOf)
                + 2 * problem.traffic().weightBetween(s, u) * machine.distance(a, b);
            if (better(delta, phi, bestCost, bestPhi)) {
              bestCost = delta;
              bestPhi = phi;
              bestChip = b;
              bestSwap = u;
            }
          }
        }
        if (bestChip < 0 || spent + Math.max(0, bestCost) > budget) {
          continue;
        }
        spent += bestCost;
        changed = true;
        shift(count, g, a, bestChip, chips);
        if (bestSwap >= 0) {
          shift(count, problem.group(bestSwap), bestChip, a, chips);
          occ.remove(bestSwap);
          occ.move(s, bestChip);
          occ.add(bestSwap, a);
        } else {
          occ.move(s, bestChip);
        }
      }
      if (!changed) {
        break;
      }
    }
    return spent;
  }

  /** Whether (cost, phi) beats the best so far: lower cost per unit of Φ (phi > 0 always). */
  private static boolean better(long cost, long phi, long bestCost, long bestPhi) {
    if (bestPhi == 0) {
      return true;
    }
    // cost / phi < bestCost / bestPhi, exactly; ties to the larger Φ.
    int c = Long.compare(cost * bestPhi, bestCost * phi);
    return c < 0 || c == 0 && phi > bestPhi;
  }

  private static void shift(java.util.Map<Long, Integer> count, int g, int from, int to,
      int chips) {
    count.merge((long) g * chips + from, -1, Integer::sum);
    count.merge((long) g * chips + to, 1, Integer::sum);
  }

  /** Statistics of a run: passes, moves and swaps made, total gain. */
  public record Result(int passes, long moves, long swaps, long gain) {}

  public Result improve(PlacementProblem problem, int[] chipOf) {
    Occupancy occ = new Occupancy(problem, chipOf);
    var machine = problem.machine();
    ChipWeights cw = ChipWeights.of(problem, chipOf);
    // Each slice's cost where it is, kept in step with moves (a move changes its neighbours' costs
    // by weight × change of distance), so a swap prices only the partner's new chip.
    long[] here = new long[problem.slices()];
    for (int s = 0; s < problem.slices(); s++) {
      here[s] = cw.cost(s, chipOf[s], chipOf);
    }
    // Candidate chips in the order they are found, without duplicates (a stamp per chip).
    int[] candidates = new int[problem.chips()];
    int[] seen = new int[problem.chips()];
    int stamp = 0;
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
        if (here[s] == 0) {
          continue;
        }
        int count = candidates(problem, s, chipOf, candidates, seen, ++stamp);
        long bestDelta = 0;
        int bestChip = -1;
        int bestSwap = -1;
        for (int i = 0; i < count; i++) {
          int b = candidates[i];
          long moveDelta = cw.cost(s, b, chipOf) - here[s];
          if (occ.fits(s, b)) {
            if (moveDelta < bestDelta) {
              bestDelta = moveDelta;
              bestChip = b;
              bestSwap = -1;
            }
            continue;
          }
          for (int j = 0; j < occ.used[b]; j++) {
            int u = occ.onChip[b][j];
            if (problem.pinned(u) >= 0) {
              continue;
            }
            if (problem.memoryPerChip() > 0
                && (occ.memory[b] - problem.memory(u) + problem.memory(s) > problem.memoryPerChip()
                || occ.memory[a] - problem.memory(s) + problem.memory(u) > problem.memoryPerChip())) {
              continue;
            }
            long delta = moveDelta + cw.cost(u, a, chipOf) - here[u]
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
            int u = bestSwap;
            occ.remove(u);
            occ.move(s, bestChip);
            occ.add(u, a);
            cw.moved(s, a, bestChip, occ);
            cw.moved(u, bestChip, a, occ);
            shifted(problem, here, s, a, bestChip, u, chipOf);
            shifted(problem, here, u, bestChip, a, s, chipOf);
            here[u] = cw.cost(u, a, chipOf);
            swaps++;
          } else {
            occ.move(s, bestChip);
            cw.moved(s, a, bestChip, occ);
            shifted(problem, here, s, a, bestChip, -1, chipOf);
            moves++;
          }
          here[s] = cw.cost(s, bestChip, chipOf);
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

  /**
   * Chips {@code s} may go to, into {@code out} (returns how many): the chips of its
   * {@code neighbourLimit} heaviest neighbours and the chips next to them, in that order, without
   * its own chip or repeats ({@code seen} holds {@code stamp} for chips already listed).
   */
  private int candidates(PlacementProblem problem, int s, int[] chipOf, int[] out, int[] seen,
      int stamp) {
    var machine = problem.machine();
    seen[chipOf[s]] = stamp;
    int count = 0;
    int[] nb = problem.neighbours(s);
    for (int k = 0; k < nb.length && k < neighbourLimit; k++) {
      int c = chipOf[nb[k]];
      if (seen[c] != stamp) {
        seen[c] = stamp;
        out[count++] = c;
      }
      for (int d = 0; d < machine.directions(); d++) {
        int next = machine.neighbour(c, d);
        if (next >= 0 && seen[next] != stamp) {
          seen[next] = stamp;
          out[count++] = next;
        }
      }
    }
    return count;
  }

  /**
   * The second criterion: among placements of equal objective, a lower maximum link load (as
   * {@link LinkLoads} estimates it). Moves and swaps that leave the objective exactly as it is, go
   * to chips already in use and gather or keep each population's slices together (Φ of
   * {@link #consolidate} does not fall) are priced, at most {@code evaluations} of them in all, and
   * each slice takes the one lowering the estimated maximum most. Only slices with an edge over a
   * busiest link are tried (moving any other leaves that link as loaded as it is). Passes repeat until one changes
   * nothing. Returns the number of changes made.
   */
  public int balance(PlacementProblem problem, int[] chipOf, long evaluations) {
    int n = problem.slices();
    int chips = problem.chips();
    var machine = problem.machine();
    Occupancy occ = new Occupancy(problem, chipOf);
    ChipWeights cw = ChipWeights.of(problem, chipOf);
    LinkLoads loads = new LinkLoads(problem, chipOf);
    long max = loads.max();
    long[] here = new long[n];
    java.util.Map<Long, Integer> count = new java.util.HashMap<>();
    for (int s = 0; s < n; s++) {
      here[s] = cw.cost(s, chipOf[s], chipOf);
      count.merge((long) problem.group(s) * chips + chipOf[s], 1, Integer::sum);
    }
    int[] candidates = new int[chips];
    int[] seen = new int[chips];
    int stamp = 0;
    long priced = 0;
    int changes = 0;
    for (int pass = 0; pass < maxPasses && priced < evaluations; pass++) {
      boolean changed = false;
      for (int s = 0; s < n && priced < evaluations; s++) {
        if (problem.pinned(s) >= 0 || here[s] == 0 || !loads.crosses(s, chipOf, max)) {
          continue; // its edges avoid the busiest link, which its moves cannot unload
        }
        int a = chipOf[s];
        int g = problem.group(s);
        int ga = count.get((long) g * chips + a);
        int found = candidates(problem, s, chipOf, candidates, seen, ++stamp);
        long bestMax = max;
        int bestChip = -1;
        int bestSwap = -1;
        for (int i = 0; i < found && priced < evaluations; i++) {
          int b = candidates[i];
          if (occ.used[b] == 0) {
            continue;
          }
          long moveDelta = cw.cost(s, b, chipOf) - here[s];
          int phiMove = 2 * (count.getOrDefault((long) g * chips + b, 0) - ga) + 2;
          if (occ.fits(s, b)) {
            if (moveDelta == 0 && phiMove >= 0) {
              priced++;
              long m = price(loads, chipOf, s, -1, b);
              if (m < bestMax) {
                bestMax = m;
                bestChip = b;
                bestSwap = -1;
              }
            }
            continue;
          }
          for (int j = 0; j < occ.used[b] && priced < evaluations; j++) {
            int u = occ.onChip[b][j];
            int h = problem.group(u);
            if (problem.pinned(u) >= 0 || problem.memoryPerChip() > 0
                && (occ.memory[b] - problem.memory(u) + problem.memory(s) > problem.memoryPerChip()
                || occ.memory[a] - problem.memory(s) + problem.memory(u)
                > problem.memoryPerChip())) {
              continue;
            }
            int phi = h == g ? 0 : phiMove + 2 * (count.getOrDefault((long) h * chips + a, 0)
                - count.get((long) h * chips + b)) + 2;
            if (phi < 0 || moveDelta + cw.cost(u, a, chipOf) - here[u]
                + 2 * problem.traffic().weightBetween(s, u) * machine.distance(a, b) != 0) {
              continue;
            }
            priced++;
            long m = price(loads, chipOf, s, u, b);
            if (m < bestMax) {
              bestMax = m;
              bestChip = b;
              bestSwap = u;
            }
          }
        }
        if (bestChip < 0) {
          continue;
        }
        shift(count, g, a, bestChip, chips);
        loads.edges(s, -1, chipOf, -1);
        if (bestSwap >= 0) {
          int u = bestSwap;
          shift(count, problem.group(u), bestChip, a, chips);
          loads.edges(u, s, chipOf, -1);
          occ.remove(u);
          occ.move(s, bestChip);
          occ.add(u, a);
          cw.moved(s, a, bestChip, occ);
          cw.moved(u, bestChip, a, occ);
          shifted(problem, here, s, a, bestChip, u, chipOf);
          shifted(problem, here, u, bestChip, a, s, chipOf);
          here[u] = cw.cost(u, a, chipOf);
          loads.edges(u, s, chipOf, 1);
        } else {
          occ.move(s, bestChip);
          cw.moved(s, a, bestChip, occ);
          shifted(problem, here, s, a, bestChip, -1, chipOf);
        }
        here[s] = cw.cost(s, bestChip, chipOf);
        loads.edges(s, -1, chipOf, 1);
        max = bestMax;
        changes++;
        changed = true;
      }
      if (!changed) {
        break;
      }
    }
    return changes;
  }

  /**
   * The estimated maximum link load if {@code s} went to {@code b} (swapping with {@code u} when
   * u ≥ 0, which goes to s's chip); the loads and chips are left as they were.
   */
  private static long price(LinkLoads loads, int[] chipOf, int s, int u, int b) {
    int a = chipOf[s];
    loads.edges(s, -1, chipOf, -1);
    if (u >= 0) {
      loads.edges(u, s, chipOf, -1);
      chipOf[u] = a;
    }
    chipOf[s] = b;
    loads.edges(s, -1, chipOf, 1);
    if (u >= 0) {
      loads.edges(u, s, chipOf, 1);
    }
    long max = loads.max();
    loads.edges(s, -1, chipOf, -1);
    if (u >= 0) {
      loads.edges(u, s, chipOf, -1);
      chipOf[u] = b;
    }
    chipOf[s] = a;
    loads.edges(s, -1, chipOf, 1);
    if (u >= 0) {
      loads.edges(u, s, chipOf, 1);
    }
    return max;
  }

  /**
   * Slice {@code s} moved from chip {@code from} to {@code to}: each neighbour's cost where it is
   * changes by weight × change of distance ({@code other}, the swap partner, is recomputed).
   */
  private static void shifted(PlacementProblem problem, long[] here, int s, int from, int to,
      int other, int[] chipOf) {
    var machine = problem.machine();
    int[] nb = problem.neighbours(s);
    long[] w = problem.neighbourWeights(s);
    for (int k = 0; k < nb.length; k++) {
      if (nb[k] != other) {
        int c = chipOf[nb[k]];
        here[nb[k]] += w[k] * (machine.distance(c, to) - machine.distance(c, from));
      }
    }
  }

  /**
   * Per slice, the traffic weight of its neighbours on each chip, kept in step with moves, so a
   * slice's cost at a chip is a sum over the chips in use (a few dozen) instead of over its
   * neighbours (hundreds in dense networks such as the microcircuit, where this sum dominated the
   * placement time). Both sums are exact integers, so the choice of sum never changes a result;
   * each call takes the shorter one. Without room for the table (slices × chips above 4 M) every
   * cost is the neighbour sum.
   */
  private static final class ChipWeights {
    private final PlacementProblem problem;
    private final long[] weight;
    private final int chips;
    private int[] active;

    private ChipWeights(PlacementProblem problem, long[] weight, int[] chipOf) {
      this.problem = problem;
      this.weight = weight;
      this.chips = problem.chips();
      if (weight != null) {
        for (int s = 0; s < problem.slices(); s++) {
          int[] nb = problem.neighbours(s);
          long[] w = problem.neighbourWeights(s);
          for (int k = 0; k < nb.length; k++) {
            weight[s * chips + chipOf[nb[k]]] += w[k];
          }
        }
        active = activeChips(chipOf);
      }
    }

    static ChipWeights of(PlacementProblem problem, int[] chipOf) {
      long size = (long) problem.slices() * problem.chips();
      return new ChipWeights(problem, size <= 4_000_000 ? new long[(int) size] : null, chipOf);
    }

    private int[] activeChips(int[] chipOf) {
      boolean[] on = new boolean[chips];
      for (int c : chipOf) {
        on[c] = true;
      }
      int n = 0;
      int[] list = new int[chips];
      for (int c = 0; c < chips; c++) {
        if (on[c]) {
          list[n++] = c;
        }
      }
      return java.util.Arrays.copyOf(list, n);
    }

    /** What {@link PlacementProblem#incidentCost} gives, by the shorter sum. */
    long cost(int s, int chip, int[] chipOf) {
      if (weight == null || problem.neighbours(s).length <= active.length) {
        return problem.incidentCost(s, chip, chipOf);
      }
      var machine = problem.machine();
      long cost = 0;
      int base = s * chips;
      for (int c : active) {
        long w = weight[base + c];
        if (w != 0) {
          cost += w * machine.distance(chip, c);
        }
      }
      return cost;
    }

    /** Slice {@code s} moved from chip {@code from} to {@code to} (chipOf already updated). */
    void moved(int s, int from, int to, Occupancy occ) {
      if (weight == null) {
        return;
      }
      int[] nb = problem.neighbours(s);
      long[] w = problem.neighbourWeights(s);
      for (int k = 0; k < nb.length; k++) {
        weight[nb[k] * chips + from] -= w[k];
        weight[nb[k] * chips + to] += w[k];
      }
      if (occ.used[from] == 0 || occ.used[to] == 1) {
        active = activeChips(occ.chipOf);
      }
    }
  }
}
