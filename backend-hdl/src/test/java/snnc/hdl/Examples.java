package snnc.hdl;

import java.nio.file.Files;
import java.nio.file.Path;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;

/** The repository's example models, compiled by the frontend. */
final class Examples {

  private Examples() {}

  static Path repoRoot() {
    String root = System.getProperty("snnc.repo.root");
    Path p = root != null ? Path.of(root) : Path.of("..");
    return Files.isDirectory(p.resolve("examples")) ? p : Path.of("..");
  }

  static Network compile(String example) {
    Path file = repoRoot().resolve("examples").resolve(example + ".snn");
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new AssertionError(example + ".snn does not compile: " + sink.all()));
  }
}
