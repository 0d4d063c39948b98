package snnc.sim.golden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A readable summary of how two spikes.csv texts differ. */
final class SpikeDiff {

  private SpikeDiff() {}

  static String describe(String expected, String actual) {
    Set<String> e = new LinkedHashSet<>(Arrays.asList(expected.split("\n")));
    Set<String> a = new LinkedHashSet<>(Arrays.asList(actual.split("\n")));
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (String line : e) {
      if (!a.contains(line)) {
        missing.add(line);
      }
    }
    for (String line : a) {
      if (!e.contains(line)) {
        extra.add(line);
      }
    }
    return "expected " + (e.size() - 1) + " spikes, got " + (a.size() - 1) + "; only in expected "
        + missing.size() + " " + head(missing) + "; only in actual " + extra.size() + " "
        + head(extra);
  }

  private static List<String> head(List<String> lines) {
    return lines.subList(0, Math.min(10, lines.size()));
  }
}
