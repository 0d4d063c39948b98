package snnc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics from every stage. After {@code maxErrors} errors further errors are counted but
 * not kept, so one broken file cannot flood the terminal.
 */
public final class DiagnosticSink {

  private final int maxErrors;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int errorCount;

  public DiagnosticSink() {
    this(100);
  }

  public DiagnosticSink(int maxErrors) {
    if (maxErrors < 1) {
      throw new IllegalArgumentException("maxErrors must be at least 1");
    }
    this.maxErrors = maxErrors;
  }

  public void report(Diagnostic diagnostic) {
    if (diagnostic.severity() == Severity.ERROR) {
      errorCount++;
      if (errorCount > maxErrors) {
        return;
      }
    }
    diagnostics.add(diagnostic);
  }

  public void error(String code, Span span, String message, String... notes) {
    report(Diagnostic.error(code, span, message, notes));
  }

  public void warning(String code, Span span, String message, String... notes) {
    report(Diagnostic.warning(code, span, message, notes));
  }

  public boolean hasErrors() {
    return errorCount > 0;
  }

  public int errorCount() {
    return errorCount;
  }

  /** Errors reported beyond the cut-off, which are counted but not kept. */
  public int droppedErrors() {
    return Math.max(0, errorCount - maxErrors);
  }

  /** The kept diagnostics in report order. */
  public List<Diagnostic> all() {
    return List.copyOf(diagnostics);
  }

  /** The kept diagnostics ordered by file, line and column (stable for equal positions). */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(diagnostics);
    copy.sort(Comparator.comparing((Diagnostic d) -> d.span().file())
        .thenComparingInt(d -> d.span().line())
        .thenComparingInt(d -> d.span().column()));
    return copy;
  }
}
