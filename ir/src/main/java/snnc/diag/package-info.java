/**
 * Diagnostics as values: {@link snnc.diag.Span source spans}, {@link snnc.diag.Diagnostic diagnostics}
 * with stable codes, a {@link snnc.diag.DiagnosticSink sink} that every stage reports into, and a
 * {@link snnc.diag.DiagnosticRenderer renderer} that quotes the source line with a caret.
 */
package snnc.diag;
