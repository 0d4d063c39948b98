package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.ir.Connector;
import snnc.ir.Doubles;
import snnc.ir.Ints;
import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Projection;
import snnc.ir.ValueSpec;

/** Imports (relative paths, cycles, missing files) and from_file connection files. */
class ImportsAndFilesTest {

  @TempDir
  Path dir;

  private Path write(String relative, String text) throws IOException {
    Path path = dir.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
    return path;
  }

  private String name(String relative) {
    return dir.resolve(relative).normalize().toString();
  }

  @Test
  void importsResolveRelativeToTheImportingFile() throws IOException {
    write("lib/units.snn", "let tau = 10 ms\n");
    write("lib/cells.snn", "import \"units.snn\"\ncell fast = IF_curr_exp(tau_m = tau)\n");
    Path main = write("model.snn", "import \"lib/cells.snn\"\n"
        + "network n {\n  population p = fast(v_rest = -70 mV) * 4\n  run 1 ms\n}\n");
    Network n = Compilation.file(main).ok();
    assertEquals(new ParamValue.Constant(10.0), n.populations().get(0).param("tau_m"));
    assertEquals(new ParamValue.Constant(-70.0), n.populations().get(0).param("v"));
    // The template's value is located in the imported file.
    assertEquals(name("lib/cells.snn"), n.populations().get(0).spanOf("tau_m").file());
    assertEquals(2, n.populations().get(0).spanOf("tau_m").line());
  }

  @Test
  void importedNamesAreNotReexported() throws IOException {
    write("lib/units.snn", "let tau = 10 ms\n");
    write("lib/cells.snn", "import \"units.snn\"\nlet other = 1\n");
    Path main = write("model.snn", "import \"lib/cells.snn\"\n"
        + "network n {\n  let x = tau\n  run 1 ms\n}\n");
    assertEquals(List.of(main + ":3:11: sema.unknown-name"), Compilation.file(main).raw());
  }

  @Test
  void importCycleIsReportedAtTheImport() throws IOException {
    write("a.snn", "import \"b.snn\"\nlet a = 1\n");
    write("b.snn", "import \"a.snn\"\nlet b = 2\n");
    Path main = write("model.snn", "import \"a.snn\"\nnetwork n {\n  let x = a + b\n"
        + "  run 1 ms\n}\n");
    Compilation c = Compilation.file(main);
    assertEquals(List.of(name("b.snn") + ":1:1: sema.import-cycle",
        main + ":3:15: sema.unknown-name"), c.raw(), c::rendered);
    assertEquals("import cycle: " + name("a.snn") + " -> " + name("b.snn") + " -> "
        + name("a.snn"), c.diagnostics().get(0).message());
  }

  @Test
  void selfImportIsACycle() throws IOException {
    Path main = write("model.snn", "import \"model.snn\"\nnetwork n { run 1 ms }\n");
    assertEquals(List.of(main + ":1:1: sema.import-cycle"), Compilation.file(main).raw());
  }

  @Test
  void missingImportSuppressesFollowOnNameErrors() throws IOException {
    Path main = write("model.snn", "import \"nope.snn\"\nnetwork n {\n  let x = tau\n"
        + "  run 1 ms\n}\n");
    assertEquals(List.of(main + ":1:8: sema.import-not-found"), Compilation.file(main).raw());
  }

  @Test
  void networkInImportedFile() throws IOException {
    write("lib.snn", "let x = 1\nnetwork other { run 1 ms }\n");
    Path main = write("model.snn", "import \"lib.snn\"\nnetwork n { run 1 ms }\n");
    assertEquals(List.of(name("lib.snn") + ":2:9: sema.network-in-import"),
        Compilation.file(main).raw());
  }

  @Test
  void syntaxErrorInImportedFileIsReportedThere() throws IOException {
    write("lib.snn", "let x = \n");
    Path main = write("model.snn", "import \"lib.snn\"\nnetwork n { run 1 ms }\n");
    List<String> raw = Compilation.file(main).raw();
    assertEquals(1, raw.size());
    assertTrue(raw.get(0).startsWith(name("lib.snn") + ":1:8: parse."), raw::toString);
  }

  @Test
  void duplicateNameAcrossImport() throws IOException {
    write("lib.snn", "let tau = 1 ms\n");
    Path main = write("model.snn", "import \"lib.snn\"\nlet tau = 2 ms\nnetwork n { run 1 ms }\n");
    Compilation c = Compilation.file(main);
    assertEquals(List.of(main + ":2:5: sema.duplicate-name"), c.raw());
    assertEquals(List.of("first defined at " + name("lib.snn") + ":1:5"),
        c.diagnostics().get(0).notes());
  }

  @Test
  void mainFileMissing() {
    Compilation c = Compilation.file(dir.resolve("absent.snn"));
    assertEquals(List.of(dir.resolve("absent.snn") + ": sema.file-not-found"), c.raw());
  }

  @Test
  void compileTextResolvesImportsNextToItsName() throws IOException {
    write("lib.snn", "let w = 0.5 nA\n");
    Compilation c = Compilation.text(dir.resolve("virtual.snn").toString(),
        "import \"lib.snn\"\nnetwork n {\n  population p = IF_curr_exp * 2\n"
        + "  connect p -> p one_to_one weight w\n  run 1 ms\n}\n");
    assertEquals(new ValueSpec.Constant(0.5), c.ok().projections().get(0).weight());
  }

  private static final String FILE_NET = "network n {\n"
      + "  population a = SpikeSourceArray * 3\n"
      + "  population b = IF_cond_exp * 3\n"
      + "  connect a -> b from_file \"conns.csv\"\n"
      + "  run 1 ms\n}\n";

  @Test
  void fromFileWithWeightsAndDelays() throws IOException {
    write("conns.csv", "# pre, post, weight (uS), delay (ms)\npre,post,weight,delay\n"
        + "0, 1, 0.004, 1.5\n2,0,0.01,2  # trailing comment\n\n");
    Path main = write("model.snn", FILE_NET);
    Projection p = Compilation.file(main).ok().projections().get(0);
    assertEquals(new Connector.FromList(Ints.of(0, 2), Ints.of(1, 0),
        Optional.of(Doubles.of(0.004, 0.01)), Optional.of(Doubles.of(1.5, 2.0)),
        name("conns.csv")), p.connector());
    assertEquals(new ValueSpec.FromConnector(), p.weight());
    assertEquals(new ValueSpec.FromConnector(), p.delay());
  }

  @Test
  void fromFileErrorsAreLocatedInTheCsv() throws IOException {
    write("conns.csv", "0,1\n1,x\n2,0,1\n3.5,1\n");
    Path main = write("model.snn", FILE_NET);
    Compilation c = Compilation.file(main);
    assertEquals(List.of(name("conns.csv") + ":2:3: sema.bad-csv",
        name("conns.csv") + ":3:1: sema.bad-csv", name("conns.csv") + ":4:1: sema.bad-csv"),
        c.raw(), c::rendered);
    assertTrue(c.rendered().contains("    2 | 1,x\n      |   ^\n"), c::rendered);
  }

  @Test
  void fromFileMissing() throws IOException {
    Path main = write("model.snn", FILE_NET);
    assertEquals(List.of(main + ":4:28: sema.file-not-found"), Compilation.file(main).raw());
  }
}
