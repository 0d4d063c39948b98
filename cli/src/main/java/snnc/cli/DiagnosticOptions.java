package snnc.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Options of every command that reads a model: how diagnostics are listed. */
final class DiagnosticOptions {

  @Option(names = "--max-errors", defaultValue = "100",
      description = "Stop listing errors after this many (default: ${DEFAULT-VALUE}).")
  int maxErrors;

  @Option(names = "--raw", description = "Print diagnostics as 'file:line:col: code' only.")
  boolean raw;

  /** A new compilation that reports to {@code err} as these options say. */
  Compilation newCompilation(PrintWriter err) {
    return new Compilation(err, maxErrors, raw);
  }
}
