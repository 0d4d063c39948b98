package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticRenderer;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.ir.Network;

/** Runs the frontend on text or files and exposes the network and diagnostics to tests. */
record Compilation(Optional<Network> network, List<Diagnostic> diagnostics, SourceMap sources) {

  static Compilation text(String text) {
    return text("test.snn", text);
  }

  static Compilation text(String fileName, String text) {
    SourceMap sources = new SourceMap();
    DiagnosticSink sink = new DiagnosticSink();
    Optional<Network> network = new Frontend(sources, sink).compileText(fileName, text);
    return new Compilation(network, sink.sorted(), sources);
  }

  static Compilation file(Path path) {
    SourceMap sources = new SourceMap();
    DiagnosticSink sink = new DiagnosticSink();
    Optional<Network> network = new Frontend(sources, sink).compileFile(path);
    return new Compilation(network, sink.sorted(), sources);
  }

  /** A network body wrapped in {@code network test { ... run 10 ms }}. */
  static Compilation body(String body) {
    return text("network test {\n" + body + "\nrun 10 ms\n}\n");
  }

  List<String> raw() {
    return diagnostics.stream().map(Diagnostic::raw).collect(Collectors.toList());
  }

  String rendered() {
    DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
    return diagnostics.stream().map(renderer::render).collect(Collectors.joining());
  }

  /** The network, failing the test with the rendered diagnostics if there is none. */
  Network ok() {
    assertTrue(network.isPresent() && diagnostics.isEmpty(), () -> "expected no diagnostics:\n"
        + rendered());
    return network.get();
  }
}
