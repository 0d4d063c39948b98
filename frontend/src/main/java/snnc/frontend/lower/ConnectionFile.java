package snnc.frontend.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import snnc.diag.Span;
import snnc.frontend.sema.Reporter;

/**
 * Reads a connection file for {@code from_file}: CSV rows {@code pre,post[,weight,delay]} (weight in
 * the post cell type's weight unit, delay in ms, as PyNN's FromFileConnector), an optional header
 * row, {@code #} comments and blank lines. Errors are located at the file's line and column.
 */
final class ConnectionFile {

  /** The parsed columns; weights and delays are empty for two-column files. */
  record Connections(List<Integer> pre, List<Integer> post, List<Double> weights,
      List<Double> delays, int columns, List<Span> weightSpans) {}

  private ConnectionFile() {}

  static Optional<Connections> parse(String file, String text, Reporter reporter) {
    List<Integer> pre = new ArrayList<>();
    List<Integer> post = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    List<Span> weightSpans = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int columns = -1;
    boolean ok = true;
    boolean firstRow = true;
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      int hash = line.indexOf('#');
      String content = hash >= 0 ? line.substring(0, hash) : line;
      if (content.isBlank()) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      List<Integer> starts = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= content.length(); i++) {
        if (i == content.length() || content.charAt(i) == ',') {
          String raw = content.substring(start, i);
          int lead = raw.length() - raw.stripLeading().length();
          fields.add(raw.strip());
          starts.add(start + lead + 1);
          start = i + 1;
        }
      }
      int lineNo = l + 1;
      if (firstRow && !fields.isEmpty() && !isNumber(fields.get(0))) {
        firstRow = false;
        continue;
      }
      firstRow = false;
      if (fields.size() != 2 && fields.size() != 4) {
        reporter.error("sema.bad-csv", Span.at(file, lineNo, starts.get(0)), "a connection row "
            + "has 2 columns (pre, post) or 4 (pre, post, weight, delay), this one has "
            + fields.size());
        ok = false;
        continue;
      }
      if (columns < 0) {
        columns = fields.size();
      } else if (columns != fields.size()) {
        reporter.error("sema.bad-csv", Span.at(file, lineNo, starts.get(0)), "this row has "
            + fields.size() + " columns but earlier rows have " + columns);
        ok = false;
        continue;
      }
      double[] values = new double[fields.size()];
      boolean rowOk = true;
      for (int f = 0; f < fields.size(); f++) {
        Span at = new Span(file, lineNo, starts.get(f), lineNo,
            starts.get(f) + Math.max(1, fields.get(f).length()));
        if (!isNumber(fields.get(f))) {
          reporter.error("sema.bad-csv", at, "expected a number, found '" + fields.get(f) + "'");
          rowOk = false;
          continue;
        }
        values[f] = Double.parseDouble(fields.get(f));
        if (f < 2 && (values[f] != Math.rint(values[f]) || Math.abs(values[f]) > Integer.MAX_VALUE)) {
          reporter.error("sema.bad-csv", at, (f == 0 ? "pre" : "post")
              + " index must be a whole number, found '" + fields.get(f) + "'");
          rowOk = false;
        }
        if (f == 2) {
          weightSpans.add(at);
        }
      }
      if (!rowOk) {
        ok = false;
        continue;
      }
      pre.add((int) values[0]);
      post.add((int) values[1]);
      if (fields.size() == 4) {
        weights.add(values[2]);
        delays.add(values[3]);
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new Connections(pre, post, weights, delays, Math.max(columns, 2),
        weightSpans));
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) && !s.endsWith("d") && !s.endsWith("f") && !s.endsWith("D")
          && !s.endsWith("F");
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
