package snnc.mapper.place;

import java.util.Arrays;

/** Cores and memory used per chip while a placer works; moves keep it in step with chipOf. */
final class Occupancy {
  final PlacementProblem problem;
  final int[] chipOf;
  final int[] used;
  final long[] memory;
  /** Slices on each chip, unordered; {@code count} entries of {@code onChip[c]} are valid. */
  final int[][] onChip;

  Occupancy(PlacementProblem problem, int[] chipOf) {
    this.problem = problem;
    this.chipOf = chipOf;
    this.used = new int[problem.chips()];
    this.memory = new long[problem.chips()];
    this.onChip = new int[problem.chips()][problem.coresPerChip()];
    for (int s = 0; s < chipOf.length; s++) {
      if (chipOf[s] >= 0) {
        add(s, chipOf[s]);
      }
    }
  }

  boolean fits(int slice, int chip) {
    return used[chip] < problem.coresPerChip() && problem.allowed(chip)
        && (problem.memoryPerChip() == 0
        || memory[chip] + problem.memory(slice) <= problem.memoryPerChip());
  }

  void add(int s, int chip) {
    onChip[chip][used[chip]++] = s;
    memory[chip] += problem.memory(s);
    chipOf[s] = chip;
  }

  void remove(int s) {
    int chip = chipOf[s];
    int[] list = onChip[chip];
    for (int i = 0; i < used[chip]; i++) {
      if (list[i] == s) {
        list[i] = list[--used[chip]];
        break;
      }
    }
    memory[chip] -= problem.memory(s);
    chipOf[s] = -1;
  }

  void move(int s, int chip) {
    remove(s);
    add(s, chip);
  }

  int[] slicesOn(int chip) {
    int[] a = Arrays.copyOf(onChip[chip], used[chip]);
    Arrays.sort(a);
    return a;
  }
}
