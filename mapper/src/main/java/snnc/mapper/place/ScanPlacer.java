package snnc.mapper.place;

/**
 * The baseline: slices in id order (population order) fill chips in scan order, as sPyNNaker's
 * default placer does, with no traffic model. Returns null when the slices do not fit.
 */
public final class ScanPlacer {

  private ScanPlacer() {}

  public static int[] place(PlacementProblem problem) {
    int[] chipOf = new int[problem.slices()];
    java.util.Arrays.fill(chipOf, -1);
    Occupancy occ = new Occupancy(problem, chipOf);
    for (int s = 0; s < problem.slices(); s++) {
      if (problem.pinned(s) >= 0) {
        if (!occ.fits(s, problem.pinned(s))) {
          return null;
        }
        occ.add(s, problem.pinned(s));
      }
    }
    int chip = 0;
    for (int s = 0; s < problem.slices(); s++) {
      if (problem.pinned(s) >= 0) {
        continue;
      }
      int start = chip;
      while (!occ.fits(s, chip)) {
        chip = (chip + 1) % problem.chips();
        if (chip == start) {
          return null;
        }
      }
      occ.add(s, chip);
    }
    return chipOf;
  }
}
