package snnc.diag;

/**
 * Renders diagnostics like a modern compiler:
 *
 * <pre>
 * model.snn:12:7: error[sema.unknown-population]: unknown population 'exc2'
 *    12 |   connect exc2 -> inh all_to_all weight 0.1 nA
 *       |           ^~~~
 *   = note: did you mean 'exc1'?
 * </pre>
 */
public final class DiagnosticRenderer {

  private final SourceMap sources;

  public DiagnosticRenderer(SourceMap sources) {
    this.sources = sources;
  }

  /** {@code file:line:col: code}, one line, for tests and scripts. */
  public static String raw(Diagnostic d) {
    return d.raw();
  }

  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    Span span = d.span();
    out.append(span.location()).append(": ").append(d.severity().label())
        .append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
    if (span.hasPosition()) {
      sources.line(span.file(), span.line()).ifPresent(text -> appendExcerpt(out, span, text));
    }
    for (String note : d.notes()) {
      out.append("   = note: ").append(note).append('\n');
    }
    return out.toString();
  }

  private static void appendExcerpt(StringBuilder out, Span span, String text) {
    String number = Integer.toString(span.line());
    String gutter = " ".repeat(Math.max(0, 5 - number.length()));
    String shown = text.replace('\t', ' ');
    out.append(gutter).append(number).append(" | ").append(shown).append('\n');
    int start = Math.min(span.column() - 1, shown.length());
    int end = span.endLine() == span.line() ? span.endColumn() - 1 : shown.length();
    end = Math.max(start + 1, Math.min(end, Math.max(shown.length(), start + 1)));
    out.append("      | ").append(" ".repeat(start)).append('^')
        .append("~".repeat(Math.max(0, end - start - 1))).append('\n');
  }
}
