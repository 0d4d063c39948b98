package snnc.frontend.sema;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {

  private Suggest() {}

  /** A note suggesting the closest candidate, if one is close enough to be a plausible typo. */
  public static Optional<String> didYouMean(String wrong, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestExact = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(wrong)) {
        continue;
      }
      // Case-insensitive distance first; the exact-case distance breaks ties (`mss` -> `ms`).
      int d = distance(wrong.toLowerCase(), c.toLowerCase());
      int exact = distance(wrong, c);
      if (d < bestDistance || (d == bestDistance && (exact < bestExact
          || (exact == bestExact && c.compareTo(best) < 0)))) {
        best = c;
        bestDistance = d;
        bestExact = exact;
      }
    }
    int limit = Math.max(1, Math.min(3, wrong.length() / 3 + 1));
    if (best == null || bestDistance > limit) {
      return Optional.empty();
    }
    return Optional.of("did you mean '" + best + "'?");
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
