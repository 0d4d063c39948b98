package snnc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticRenderer;
import snnc.diag.DiagnosticSink;
import snnc.diag.Severity;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.json.IrJson;
import snnc.ir.pass.PassContext;
import snnc.ir.pass.PassManager;
import snnc.ir.pass.PassRegistry;

/**
 * One run of the compiler over a model: the frontend, then a named pipeline of IR passes, with every
 * diagnostic collected and printed (rendered, or raw {@code file:line:col: code}) at the end.
 */
final class Compilation {

  private final PrintWriter err;
  private final boolean raw;
  private final SourceMap sources = new SourceMap();
  private final DiagnosticSink sink;

  Compilation(PrintWriter err, int maxErrors, boolean raw) {
    if (maxErrors < 1) {
      throw new UserErrorException("--max-errors must be at least 1");
    }
    this.err = err;
    this.raw = raw;
    this.sink = new DiagnosticSink(maxErrors);
  }

  /** Parses, checks and lowers {@code file}; empty when the model has errors. */
  Optional<Network> frontend(Path file) {
    return new Frontend(sources, sink).compileFile(file);
  }

  /**
   * Runs the passes {@code names} on {@code network}; the result is the last pass's output, or empty
   * when a pass reported errors. {@code dumpAfter} names passes whose result goes to
   * {@code dumpHook} ({@code *} for all).
   */
  Optional<Object> passes(Network network, List<String> names, Set<String> dumpAfter,
      PassContext.DumpHook dumpHook) {
    return passes(network, PassRegistry.standard(), names, dumpAfter, dumpHook);
  }

  /** As {@link #passes(Network, List, Set, PassContext.DumpHook)} with passes from {@code registry}. */
  Optional<Object> passes(Network network, PassRegistry registry, List<String> names,
      Set<String> dumpAfter, PassContext.DumpHook dumpHook) {
    PassManager manager;
    try {
      manager = PassManager.of(registry, names, dumpAfter, IrJson::print);
    } catch (IllegalArgumentException e) {
      throw new UserErrorException(e.getMessage());
    }
    PassManager.Result result = manager.run(network, new PassContext(sink, 0, dumpHook));
    return result.succeeded() ? Optional.of(result.output()) : Optional.empty();
  }

  /** The sink later stages (the mapper) report to, so their diagnostics print with the rest. */
  DiagnosticSink sink() {
    return sink;
  }

  boolean hasErrors() {
    return sink.hasErrors();
  }

  /** Prints every diagnostic sorted by position, then a count line when there were any. */
  void printDiagnostics() {
    DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
    List<Diagnostic> diagnostics = sink.sorted();
    for (Diagnostic d : diagnostics) {
      err.print(raw ? d.raw() + System.lineSeparator() : renderer.render(d));
    }
    long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    StringBuilder summary = new StringBuilder();
    if (sink.hasErrors()) {
      summary.append(count(sink.errorCount(), "error"));
    }
    if (warnings > 0) {
      summary.append(summary.length() > 0 ? ", " : "").append(count(warnings, "warning"));
    }
    if (sink.droppedErrors() > 0) {
      summary.append(" (").append(sink.droppedErrors()).append(" not shown; raise --max-errors)");
    }
    if (summary.length() > 0) {
      err.println(summary);
    }
    err.flush();
  }

  private static String count(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
