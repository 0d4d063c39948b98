package snnc.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.diag.DiagnosticSink;
import snnc.mapper.report.MappingReport;
import snnc.mapper.tables.ChipTable;
import snnc.mapper.target.Targets;

/**
 * Golden {@code report.json} and routing tables of example models on SpiNNaker targets, under
 * {@code src/test/resources/golden/mapper/<model>-<target>/}; {@code -Dgolden.update=true} rewrites
 * them.
 */
class MappingGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/mapper");

  @TestFactory
  Stream<DynamicTest> examplesMapAsRecorded() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String model : List.of("tiny", "synfire", "delays")) {
      for (String target : List.of("spinn3", "spinn5")) {
        tests.add(DynamicTest.dynamicTest(model + " on " + target, () -> check(model, target)));
      }
    }
    return tests.stream();
  }

  private static void check(String model, String target) throws IOException {
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults())
        .map(TestModels.example(model + ".snn"), Targets.builtIn(target), sink);
    assertNotNull(r, sink.all().toString());
    String report = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(MappingReport.report(r)) + "\n";
    StringBuilder tables = new StringBuilder();
    for (ChipTable t : r.tables()) {
      if (t.size() > 0) {
        tables.append(MappingReport.tableText(r, t));
      }
    }
    Path dir = GOLDEN.resolve(model + "-" + target);
    compare(dir.resolve("report.json"), report);
    compare(dir.resolve("tables.txt"), tables.toString());
  }

  private static void compare(Path file, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      return;
    }
    assertEquals(Files.readString(file), actual, file + " differs (rerun with "
        + "-Dgolden.update=true if the change is intended)");
  }
}
