package snnc.diag;

import java.util.Objects;

/**
 * A region of a source file: 1-based line and column of the first character and of the character
 * just past the end (on the same or a later line). Synthetic IR nodes carry the span of the source
 * node they came from, so every later error can still point at a line of the model.
 */
public record Span(String file, int line, int column, int endLine, int endColumn) {

  public Span {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative span position " + line + ":" + column);
    }
    if (endLine < line || (endLine == line && endColumn < column)) {
      endLine = line;
      endColumn = column;
    }
  }

  /** A one-character span at the given position. */
  public static Span at(String file, int line, int column) {
    return new Span(file, line, column, line, column + 1);
  }

  /** A span for input that has no source position in any file (e.g. a generated network). */
  public static Span generated(String origin) {
    return new Span(origin, 0, 0, 0, 0);
  }

  /** Whether this span names a real position in a source file. */
  public boolean hasPosition() {
    return line > 0 && column > 0;
  }

  /** The smallest span covering this one and {@code other} (same file assumed). */
  public Span to(Span other) {
    return new Span(file, line, column, other.endLine, other.endColumn);
  }

  /** {@code file:line:col}, the prefix of every rendered diagnostic. */
  public String location() {
    return hasPosition() ? file + ":" + line + ":" + column : file;
  }

  @Override
  public String toString() {
    return location();
  }
}
