package snnc.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors a bad-input case expects, written next to the bad line as in MLIR and Calcite tests:
 *
 * <pre>
 * // expect-error@+1:23: sema.unit-mismatch      the next line, column 23
 * // expect-error@-1:5: parse.syntax             the previous line, column 5
 * // expect-error@+2: sema.import-cycle          two lines down, any column (use sparingly)
 * </pre>
 *
 * Expectations are read from the case and from every file it imports or reads connections from
 * (transitively), so an error that belongs in a fixture is written in the fixture ({@code #} starts
 * the comment in CSV files). A line {@code // known-bug: why} marks a case
 * whose expectations state the right behaviour while the frontend still gets it wrong.
 */
final class ExpectedErrors {

  private static final Pattern EXPECT = Pattern.compile(
      "(?://|#)\\s*expect-error@([+-]\\d+)(?::(\\d+))?:\\s*([a-z][a-z0-9]*(?:\\.[a-z0-9-]+)+)\\s*$");
  private static final Pattern EXPECT_LOOSE = Pattern.compile("expect-error");
  private static final Pattern KNOWN_BUG = Pattern.compile("(?://|#)\\s*known-bug:\\s*(.+)$");
  /** An imported model or a connection file, whose expectations count too. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(?:import|from_file)\\s+\"([^\"\\n]+)\"");

  /** One expected error; an empty column matches any column of the line. */
  record Expectation(Path file, int line, OptionalInt column, String code) {
    boolean matches(Path actualFile, int actualLine, int actualColumn, String actualCode) {
      return file.equals(actualFile) && line == actualLine && code.equals(actualCode)
          && (column.isEmpty() || column.getAsInt() == actualColumn);
    }

    @Override
    public String toString() {
      return file.getFileName() + ":" + line + ":" + (column.isPresent() ? column.getAsInt() : "*")
          + ": " + code;
    }
  }

  private final List<Expectation> expectations;
  private final Optional<String> knownBug;

  private ExpectedErrors(List<Expectation> expectations, Optional<String> knownBug) {
    this.expectations = List.copyOf(expectations);
    this.knownBug = knownBug;
  }

  List<Expectation> expectations() {
    return expectations;
  }

  /** Why this case is expected to fail until the frontend is fixed, if it is. */
  Optional<String> knownBug() {
    return knownBug;
  }

  /** Reads the expectations of {@code file} and of the files it imports. */
  static ExpectedErrors read(Path file) {
    List<Expectation> all = new ArrayList<>();
    Optional<String> knownBug = Optional.empty();
    Set<Path> seen = new LinkedHashSet<>();
    Deque<Path> todo = new ArrayDeque<>();
    todo.add(normalise(file));
    while (!todo.isEmpty()) {
      Path current = todo.poll();
      if (!seen.add(current) || !Files.isRegularFile(current)) {
        continue;
      }
      List<String> lines = readLines(current);
      for (int i = 0; i < lines.size(); i++) {
        String text = lines.get(i);
        Matcher m = EXPECT.matcher(text);
        if (m.find()) {
          int target = i + 1 + Integer.parseInt(m.group(1));
          OptionalInt column = m.group(2) == null ? OptionalInt.empty()
              : OptionalInt.of(Integer.parseInt(m.group(2)));
          all.add(new Expectation(current, target, column, m.group(3)));
        } else if (EXPECT_LOOSE.matcher(text).find()) {
          throw new IllegalArgumentException(current + ":" + (i + 1)
              + ": malformed expectation, want '// expect-error@+1:COL: code': " + text.strip());
        }
        Matcher bug = KNOWN_BUG.matcher(text);
        if (bug.find() && current.equals(normalise(file))) {
          knownBug = Optional.of(bug.group(1).strip());
        }
        Matcher imp = REFERENCE.matcher(text);
        if (imp.find() && !text.stripLeading().startsWith("//")) {
          try {
            todo.add(normalise(current.getParent().resolve(imp.group(1))));
          } catch (InvalidPathException e) {
            // A case about a malformed path; there is no file to read expectations from.
          }
        }
      }
    }
    return new ExpectedErrors(all, knownBug);
  }

  static Path normalise(Path p) {
    return p.toAbsolutePath().normalize();
  }

  private static List<String> readLines(Path file) {
    try {
      return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
          .split("\r?\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
