package snnc.diag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The text of every source file read in a compilation, so diagnostics can quote the bad line. */
public final class SourceMap {

  private final Map<String, List<String>> linesByFile = new HashMap<>();

  public void add(String file, String text) {
    linesByFile.put(file, List.of(text.split("\r?\n", -1)));
  }

  /** Line {@code line} (1-based) of {@code file}, if known. */
  public Optional<String> line(String file, int line) {
    List<String> lines = linesByFile.get(file);
    if (lines == null || line < 1 || line > lines.size()) {
      return Optional.empty();
    }
    return Optional.of(lines.get(line - 1));
  }
}
