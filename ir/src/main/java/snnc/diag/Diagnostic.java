package snnc.diag;

import java.util.List;
import java.util.Objects;

/**
 * One message about the user's input. {@code code} is a stable dotted key (e.g.
 * {@code sema.unknown-population}) that tests assert on, so wording can change freely; {@code notes}
 * are hints printed under the source excerpt ("did you mean 'tau_m'?").
 */
public record Diagnostic(Severity severity, String code, Span span, String message, List<String> notes) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    notes = List.copyOf(notes);
  }

  public static Diagnostic error(String code, Span span, String message, String... notes) {
    return new Diagnostic(Severity.ERROR, code, span, message, List.of(notes));
  }

  public static Diagnostic warning(String code, Span span, String message, String... notes) {
    return new Diagnostic(Severity.WARNING, code, span, message, List.of(notes));
  }

  /** {@code file:line:col: code}, the raw form used by tests. */
  public String raw() {
    return span.location() + ": " + code;
  }
}
