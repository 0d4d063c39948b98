package snnc.mapper.place;

import snnc.mapper.target.Machine;

/**
 * Estimated packets per second on every directed link: each traffic edge's weight travels one
 * shortest path from its source's chip to its target's chip (at every chip, the lowest-numbered
 * link that gets closer). The loads sum to the placement objective (Σ weight × hops). The router's
 * multicast trees share links between a slice's targets, so its loads are lower, but a link this
 * estimate crowds is on the way of much traffic there too; the placer uses the estimate's maximum
 * as its second criterion. Kept in step with moves: a slice's edges are taken off and put back.
 */
final class LinkLoads {

  private final PlacementProblem problem;
  private final Machine machine;
  private final int directions;
  private final long[] load;
  /** In-edges as a compressed list: sources and weights of the edges into each slice. */
  private final int[] inStart;
  private final int[] inSource;
  private final long[] inWeight;
  /** Per (chip, destination), the first link + 2 once looked up (0: not yet); null on big machines. */
  private final byte[] steps;

  LinkLoads(PlacementProblem problem, int[] chipOf) {
    this.problem = problem;
    this.machine = problem.machine();
    this.directions = machine.directions();
    this.load = new long[machine.chips() * directions];
    long pairs = (long) machine.chips() * machine.chips();
    this.steps = pairs <= 4_000_000 && directions < 126 ? new byte[(int) pairs] : null;
    var traffic = problem.traffic();
    int n = problem.slices();
    inStart = new int[n + 1];
    for (int s = 0; s < n; s++) {
      for (int k = traffic.outStart(s); k < traffic.outEnd(s); k++) {
        inStart[traffic.outTarget(k) + 1]++;
      }
    }
    for (int s = 0; s < n; s++) {
      inStart[s + 1] += inStart[s];
    }
    inSource = new int[inStart[n]];
    inWeight = new long[inStart[n]];
    int[] next = inStart.clone();
    for (int s = 0; s < n; s++) {
      for (int k = traffic.outStart(s); k < traffic.outEnd(s); k++) {
        int t = traffic.outTarget(k);
        inSource[next[t]] = s;
        inWeight[next[t]++] = traffic.outWeight(k);
      }
    }
    for (int s = 0; s < n; s++) {
      for (int k = traffic.outStart(s); k < traffic.outEnd(s); k++) {
        send(chipOf[s], chipOf[traffic.outTarget(k)], traffic.outWeight(k));
      }
    }
  }

  /** The estimated load of the link leaving {@code chip} in {@code direction}. */
  long load(int chip, int direction) {
    return load[chip * directions + direction];
  }

  /** The largest estimated load. */
  long max() {
    long max = 0;
    for (long l : load) {
      max = Math.max(max, l);
    }
    return max;
  }

  /**
   * Adds ({@code sign} 1) or takes off (−1) the edges of slice {@code s} at its chip in
   * {@code chipOf}, except those with slice {@code except} (a swap partner, counted with it).
   */
  void edges(int s, int except, int[] chipOf, int sign) {
    var traffic = problem.traffic();
    for (int k = traffic.outStart(s); k < traffic.outEnd(s); k++) {
      int t = traffic.outTarget(k);
      if (t != except) {
        send(chipOf[s], chipOf[t], sign * traffic.outWeight(k));
      }
    }
    for (int k = inStart[s]; k < inStart[s + 1]; k++) {
      if (inSource[k] != except) {
        send(chipOf[inSource[k]], chipOf[s], sign * inWeight[k]);
      }
    }
  }

  /**
   * Whether an edge of slice {@code s} passes a link loaded to at least {@code level}: a slice
   * whose edges avoid every link at the maximum cannot lower the maximum by moving.
   */
  boolean crosses(int s, int[] chipOf, long level) {
    var traffic = problem.traffic();
    for (int k = traffic.outStart(s); k < traffic.outEnd(s); k++) {
      if (reaches(chipOf[s], chipOf[traffic.outTarget(k)], level)) {
        return true;
      }
    }
    for (int k = inStart[s]; k < inStart[s + 1]; k++) {
      if (reaches(chipOf[inSource[k]], chipOf[s], level)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the path from {@code from} to {@code to} has a link loaded to at least level. */
  private boolean reaches(int from, int to, long level) {
    int at = from;
    while (at != to) {
      int step = step(at, to);
      if (step < 0) {
        return false;
      }
      if (load[at * directions + step] >= level) {
        return true;
      }
      at = machine.neighbour(at, step);
    }
    return false;
  }

  /** The lowest-numbered link from {@code at} that gets closer to {@code to}, or -1. */
  private int step(int at, int to) {
    if (steps == null) {
      return firstStep(at, to);
    }
    int i = at * machine.chips() + to;
    if (steps[i] == 0) {
      steps[i] = (byte) (firstStep(at, to) + 2);
    }
    return steps[i] - 2;
  }

  private int firstStep(int at, int to) {
    int left = machine.distance(at, to);
    for (int d = 0; d < directions; d++) {
      int next = machine.neighbour(at, d);
      if (next >= 0 && machine.distance(next, to) == left - 1) {
        return d;
      }
    }
    return -1;
  }

  private void send(int from, int to, long weight) {
    int at = from;
    while (at != to) {
      int step = step(at, to);
      if (step < 0) {
        return; // unreachable chips carry no placed traffic
      }
      load[at * directions + step] += weight;
      at = machine.neighbour(at, step);
    }
  }
}
