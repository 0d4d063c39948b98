package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.diag.Diagnostic;
import snnc.diag.Span;

/** The bad-input harness must notice every kind of mismatch, or a green suite means nothing. */
class BadInputHarnessTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return ExpectedErrors.normalise(p);
  }

  private static Diagnostic error(Path file, int line, int column, String code) {
    return Diagnostic.error(code, Span.at(file.toString(), line, column), "message");
  }

  @Test
  void readsRelativeLinesColumnsAndImportedFixtures() throws IOException {
    Path lib = write("fixtures/lib.snn", "// expect-error@+1:3: sema.network-in-import\n"
        + "  network x {}\n");
    Path csv = write("fixtures/c.csv", "# expect-error@+1:4: sema.bad-csv\n0, x\n");
    Path main = write("case.snn", "import \"fixtures/lib.snn\"\n"
        + "network m {\n"
        + "  connect a -> b from_file \"fixtures/c.csv\"\n"
        + "  run 1 msec\n"
        + "  // expect-error@-1:9: sema.unknown-unit\n"
        + "  // expect-error@+1: parse.syntax\n"
        + "}\n");
    List<ExpectedErrors.Expectation> got = ExpectedErrors.read(main).expectations();
    assertEquals(List.of("case.snn:4:9: sema.unknown-unit", "case.snn:7:*: parse.syntax",
        "lib.snn:2:3: sema.network-in-import", "c.csv:2:4: sema.bad-csv"),
        got.stream().map(Object::toString).toList());
    assertEquals(lib, got.get(2).file());
    assertEquals(csv, got.get(3).file());
  }

  @Test
  void comparisonFindsMissingUnexpectedAndDuplicatedErrors() throws IOException {
    Path main = write("m.snn", "// expect-error@+1:5: sema.unknown-name\n"
        + "let x = y\n"
        + "// expect-error@+1: sema.unit-mismatch\n"
        + "let z = 1 ms + 1 mV\n");
    ExpectedErrors expected = ExpectedErrors.read(main);

    assertEquals(List.of(), BadInputSuiteTest.compare(expected, List.of(
        error(main, 2, 5, "sema.unknown-name"), error(main, 4, 9, "sema.unit-mismatch"),
        Diagnostic.warning("sema.unused", Span.at(main.toString(), 1, 1), "a warning"))));

    List<String> wrongColumn = BadInputSuiteTest.compare(expected, List.of(
        error(main, 2, 6, "sema.unknown-name"), error(main, 4, 9, "sema.unit-mismatch")));
    assertEquals(2, wrongColumn.size(), wrongColumn.toString());
    assertTrue(wrongColumn.get(0).startsWith("missing error m.snn:2:5"), wrongColumn.toString());

    List<String> duplicated = BadInputSuiteTest.compare(expected, List.of(
        error(main, 2, 5, "sema.unknown-name"), error(main, 2, 5, "sema.unknown-name"),
        error(main, 4, 9, "sema.unit-mismatch")));
    assertEquals(1, duplicated.size(), duplicated.toString());
    assertTrue(duplicated.get(0).startsWith("unexpected error"), duplicated.toString());

    List<String> wrongCode = BadInputSuiteTest.compare(expected, List.of(
        error(main, 2, 5, "sema.unknown-population"), error(main, 4, 9, "sema.unit-mismatch")));
    assertEquals(2, wrongCode.size(), wrongCode.toString());
  }

  @Test
  void malformedExpectationIsAnErrorNotASilentPass() throws IOException {
    Path main = write("typo.snn", "// expect-error@+1 sema.unknown-name\nlet x = y\n");
    assertThrows(IllegalArgumentException.class, () -> ExpectedErrors.read(main));
  }

  @Test
  void knownBugMarkerIsRead() throws IOException {
    Path main = write("bug.snn", "// known-bug: crashes on this\n"
        + "// expect-error@+1:1: parse.syntax\n}\n");
    assertEquals("crashes on this", ExpectedErrors.read(main).knownBug().orElseThrow());
  }
}
