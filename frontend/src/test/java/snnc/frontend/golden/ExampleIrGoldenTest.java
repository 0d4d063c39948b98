package snnc.frontend.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.diag.DiagnosticRenderer;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.ir.expand.ExpandPass;
import snnc.ir.expand.ExpansionSummary;
import snnc.ir.json.IrJson;
import snnc.ir.pass.PassContext;
import snnc.ir.verify.NetworkVerifier;

/**
 * Golden files for every example's canonical IR ({@code ir.json}): connectors unexpanded, each with
 * the digest of its expansion, so any change in parsing, lowering or expansion shows as a diff.
 * {@code -Dgolden.update=true} rewrites the files; review the diff before committing.
 */
class ExampleIrGoldenTest {

  private static final Path GOLDEN = Paths.get("src/test/resources/golden/ir");

  @TestFactory
  Stream<DynamicTest> everyExampleMatchesItsGoldenIr() throws IOException {
    Path examples = RepositoryRoot.examples();
    List<Path> models;
    try (Stream<Path> files = Files.list(examples)) {
      models = files.filter(p -> p.toString().endsWith(".snn")).sorted().toList();
    }
    assertFalse(models.isEmpty(), "no examples found in " + examples);
    return models.stream().map(model -> DynamicTest.dynamicTest(model.getFileName().toString(),
        () -> check(model)));
  }

  private static void check(Path model) throws IOException {
    String actual = compile(model);
    assertEquals(actual, compile(model), "two compilations gave different bytes");
    String name = model.getFileName().toString().replaceAll("\\.snn$", "") + ".ir.json";
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(golden),
        "no golden file " + golden + "; run with -Dgolden.update=true and review it");
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
        "IR of " + model + " differs from " + golden
            + " (rerun with -Dgolden.update=true if the change is intended)");
  }

  private static String compile(Path model) {
    SourceMap sources = new SourceMap();
    DiagnosticSink sink = new DiagnosticSink();
    Optional<Network> network = new Frontend(sources, sink).compileFile(model);
    network.ifPresent(n -> NetworkVerifier.verify(n, sink));
    if (network.isEmpty() || sink.hasErrors()) {
      DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
      fail(model + " does not compile:\n"
          + String.join("", sink.sorted().stream().map(renderer::render).toList()));
    }
    ExpansionSummary summary = new ExpandPass(ExpandPass.Options.defaults())
        .run(network.get(), new PassContext(sink));
    return IrJson.toJson(network.get(), summary);
  }
}
