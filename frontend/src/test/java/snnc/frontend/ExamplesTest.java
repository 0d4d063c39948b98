package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.RepositoryRoot;
import snnc.ir.ValueSpec;

/** Every {@code examples/*.snn} compiles with no diagnostics at all. */
class ExamplesTest {

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(RepositoryRoot.examples())) {
      return files.filter(p -> p.toString().endsWith(".snn")).sorted()
          .collect(Collectors.toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleCompilesCleanly() throws IOException {
    List<Path> files = examples();
    assertFalse(files.isEmpty(), "no examples found");
    return files.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(),
        () -> {
          Compilation c = Compilation.file(path);
          assertTrue(c.diagnostics().isEmpty(), () -> c.rendered());
          assertTrue(c.network().isPresent());
        }));
  }

  private static Network example(String name) {
    return Compilation.file(RepositoryRoot.examples().resolve(name)).ok();
  }

  @Test
  void synfireHasTenStagesAndNineSeededLinks() {
    Network n = example("synfire.snn");
    assertEquals(11, n.populations().size());
    assertEquals(100, n.population(new snnc.ir.PopulationId("stage[9]")).orElseThrow().size());
    List<Projection> links = n.projections().stream()
        .filter(p -> p.pre().name().startsWith("stage")).collect(Collectors.toList());
    assertEquals(9, links.size());
    assertEquals("stage[3]->stage[4]", links.get(3).name());
    assertEquals(103, links.get(3).seed());
    assertEquals(10, n.recordings().size());
    assertEquals(200.0, n.runMs());
  }

  @Test
  void brunelUsesImportedTemplateAndInhibitoryWeights() {
    Network n = example("brunel.snn");
    assertEquals(0.1, n.timestepMs());
    assertEquals(1250, n.populations().stream().filter(p -> !p.cellType().isSource())
        .mapToInt(p -> p.size()).sum());
    Projection i2e = n.projection(new snnc.ir.ProjectionId("inh->exc")).orElseThrow();
    assertEquals(new ValueSpec.Constant(-0.5), i2e.weight());
    assertEquals(new ValueSpec.Constant(1.5), i2e.delay());
  }

  @Test
  void delaysExampleHasSixtyFourDelays() {
    Network n = example("delays.snn");
    Projection p = n.projections().get(0);
    ValueSpec.Array delays = (ValueSpec.Array) p.delay();
    assertEquals(64, delays.values().size());
    assertEquals(1.0, delays.values().get(0));
    assertEquals(64.0, delays.values().get(63));
  }
}
