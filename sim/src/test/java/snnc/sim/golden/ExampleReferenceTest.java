package snnc.sim.golden;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;

/**
 * The deterministic examples (examples/*.snn compiled by the frontend) against Brian2, like
 * {@link Brian2ReferenceTest}: expected output in bench/reference/expected/EXAMPLE.
 */
class ExampleReferenceTest extends Brian2ReferenceTest {

  static final String[] EXAMPLES = {"tiny", "delays", "synfire"};

  @Override
  Map<String, Supplier<Network>> cases() {
    Map<String, Supplier<Network>> cases = new LinkedHashMap<>();
    for (String name : EXAMPLES) {
      cases.put(name, () -> compile(name));
    }
    return cases;
  }

  static Network compile(String example) {
    Path file = RepositoryRoot.examples().resolve(example + ".snn");
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new AssertionError(example + ".snn does not compile: " + sink.all()));
  }
}
