package snnc.frontend.sema;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.diag.Span;

/**
 * Reports semantic errors into the sink, once each: a statement inside a loop that is wrong in every
 * iteration gives one diagnostic, not one per iteration.
 */
public final class Reporter {

  private final DiagnosticSink sink;
  private final Set<String> seen = new HashSet<>();
  private int errors;

  public Reporter(DiagnosticSink sink) {
    this.sink = sink;
  }

  public void error(String code, Span span, String message, String... notes) {
    errors++;
    if (seen.add(code + "|" + span + "|" + span.endLine() + ":" + span.endColumn() + "|" + message)) {
      sink.report(Diagnostic.error(code, span, message, notes));
    }
  }

  /** An error with an optional note (e.g. a "did you mean" suggestion). */
  public void error(String code, Span span, String message, Optional<String> note) {
    if (note.isPresent()) {
      error(code, span, message, note.get());
    } else {
      error(code, span, message);
    }
  }

  public void warning(String code, Span span, String message, String... notes) {
    if (seen.add(code + "|" + span + "|" + message)) {
      sink.report(Diagnostic.warning(code, span, message, notes));
    }
  }

  /** Errors reported through this reporter (including repeats that were not shown again). */
  public int errorCount() {
    return errors;
  }

  /** "first defined at file:line:col" note text. */
  public static String firstDefined(Span span) {
    return "first defined at " + span.location();
  }
}
