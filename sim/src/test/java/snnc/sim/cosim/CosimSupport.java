package snnc.sim.cosim;

import java.nio.file.Path;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;

/** Shared by the co-simulation tests: cache folder, compiling models. */
final class CosimSupport {

  /**
   * Verilated builds of the tests, kept between runs of the same checkout: {@code $SNNC_CACHE_DIR}
   * if set, else the reactor root's target folder, so that sim's and cli's tests share builds
   * (cli's cosim test reuses a core class sim built).
   */
  static final Path CACHE = testCache();

  /** The Verilator cache the tests of every module share (see {@link #CACHE}). */
  static Path testCache() {
    String env = System.getenv("SNNC_CACHE_DIR");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of("..", "target", "snnc-cache").toAbsolutePath().normalize();
  }

  private CosimSupport() {}

  static Network example(String name) {
    return file(RepositoryRoot.examples().resolve(name + ".snn"));
  }

  static Network file(Path file) {
    String name = file.getFileName().toString();
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new AssertionError(name + " does not compile: " + sink.all()));
  }

  static Network source(String name, String text) {
    DiagnosticSink sink = new DiagnosticSink();
    SourceMap map = new SourceMap();
    return new Frontend(map, sink).compileText(name + ".snn", text)
        .orElseThrow(() -> new AssertionError(name + " does not compile: " + sink.all()
            + "\n" + text));
  }
}
