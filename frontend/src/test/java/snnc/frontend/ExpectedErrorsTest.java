package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Error cases under {@code src/test/resources/errors/}: each expected diagnostic is a comment
 * {@code // expect-error@+N: code} (or {@code @-N}, or no offset for the same line) next to the
 * bad line. The file must produce exactly those codes on exactly those lines.
 */
class ExpectedErrorsTest {

  private static final Pattern EXPECT = Pattern.compile(
      "//\\s*expect-error(?:@([+-]\\d+))?:\\s*([a-z]+\\.[a-z-]+)");

  @TestFactory
  Stream<DynamicTest> errorCases() throws IOException {
    Path dir = ExamplesTest.repoRoot().resolve("frontend/src/test/resources/errors");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".snn")).sorted().collect(Collectors.toList());
    }
    return files.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(),
        () -> check(path)));
  }

  private static void check(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.find()) {
        int offset = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        expected.add((i + 1 + offset) + ": " + m.group(2));
      }
    }
    Compilation c = Compilation.file(path);
    List<String> actual = c.diagnostics().stream()
        .map(d -> d.span().line() + ": " + d.code()).collect(Collectors.toList());
    Collections.sort(expected);
    Collections.sort(actual);
    assertEquals(expected, actual, c::rendered);
  }
}
