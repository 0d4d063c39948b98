package snnc.frontend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.diag.Span;
import snnc.frontend.ast.SourceFile;
import snnc.frontend.lower.NetworkLowering;
import snnc.frontend.sema.Evaluator;
import snnc.frontend.sema.FileScopes;
import snnc.frontend.sema.ModuleLoader;
import snnc.frontend.sema.Reporter;
import snnc.frontend.sema.Scope;
import snnc.ir.Network;

/**
 * The frontend: reads a model file (with its imports), parses it, checks names, units and types,
 * and lowers it to an IR {@link Network}. Every problem in the user's input is a diagnostic in the
 * sink, with a source position; the text of every file read is added to the {@link SourceMap} so
 * diagnostics can quote it.
 */
public final class Frontend {

  private final SourceMap sources;
  private final DiagnosticSink sink;

  public Frontend(SourceMap sources, DiagnosticSink sink) {
    this.sources = sources;
    this.sink = sink;
  }

  /** Reads, parses (with imports), checks and lowers a model; empty when any error was reported. */
  public Optional<Network> compileFile(Path file) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      sink.error("sema.file-not-found", new Span(name, 0, 0, 0, 0), "cannot read model file '"
          + name + "'" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return Optional.empty();
    }
    return compileText(name, text);
  }

  /** Same for in-memory text (tests, fuzzing); imports resolve relative to fileName's directory. */
  public Optional<Network> compileText(String fileName, String text) {
    int errorsBefore = sink.errorCount();
    Reporter reporter = new Reporter(sink);
    Optional<ModuleLoader.Program> program = new ModuleLoader(sources, sink, reporter)
        .load(fileName, text);
    if (program.isEmpty()) {
      return Optional.empty();
    }
    Evaluator evaluator = new Evaluator(reporter);
    Scope scope = new FileScopes(program.get(), evaluator).mainScope();
    List<SourceFile.NetworkDecl> networks = new ArrayList<>();
    for (SourceFile.TopItem item : program.get().main().items()) {
      if (item instanceof SourceFile.NetworkDecl n) {
        networks.add(n);
      }
    }
    Optional<Network> network = Optional.empty();
    if (networks.isEmpty()) {
      reporter.error("sema.missing-network", Span.at(fileName, 1, 1), "'" + fileName
          + "' declares no network", "add `network name { ... }` with populations, "
          + "connections and a run length");
    } else {
      for (int i = 1; i < networks.size(); i++) {
        reporter.error("sema.duplicate-name", networks.get(i).nameSpan(), "a model file "
            + "declares one network; '" + networks.get(i).name() + "' is a second one",
            Reporter.firstDefined(networks.get(0).nameSpan()));
      }
      network = new NetworkLowering(evaluator, sources).lower(networks.get(0), scope);
    }
    if (sink.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return network;
  }
}
