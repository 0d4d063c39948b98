package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticRenderer;
import snnc.diag.DiagnosticSink;
import snnc.diag.Severity;
import snnc.diag.SourceMap;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.ir.verify.NetworkVerifier;

/**
 * Every malformed model under {@code src/test/resources/bad/} (except the import and CSV fixtures in
 * {@code bad/fixtures/}) is compiled by the frontend and, when that succeeds, checked by the IR
 * verifier. The ERROR diagnostics must be exactly the ones written next to the bad lines (see
 * {@link ExpectedErrors}), every diagnostic must point at a real position, and each must render with
 * its source excerpt.
 */
class BadInputSuiteTest {

  static final String FIXTURES = "fixtures";

  /** The folder of bad models, in the source tree so failures name a file one can edit. */
  static Path badDir() {
    return RepositoryRoot.path().resolve("frontend/src/test/resources/bad");
  }

  static List<Path> cases() {
    Path dir = badDir();
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".snn"))
          .filter(p -> !dir.relativize(p).startsWith(FIXTURES))
          .map(ExpectedErrors::normalise)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void suiteHasAtLeastFortyCases() {
    List<Path> cases = cases();
    assertTrue(cases.size() >= 40, "only " + cases.size() + " bad-input cases in " + badDir());
  }

  @TestFactory
  Stream<DynamicTest> badInputs() {
    Path dir = badDir();
    return cases().stream().map(file -> DynamicTest.dynamicTest(
        dir.relativize(file).toString(), file.toUri(), () -> check(file)));
  }

  /**
   * What one case produced: the diagnostics, whether the frontend returned a network, and the
   * exception that escaped the frontend or verifier, if one did (always a bug).
   */
  record Outcome(List<Diagnostic> diagnostics, boolean compiled, SourceMap sources,
      Optional<Throwable> crash) {}

  static Outcome compile(Path file) {
    SourceMap sources = new SourceMap();
    DiagnosticSink sink = new DiagnosticSink();
    boolean compiled = false;
    try {
      Optional<Network> network = new Frontend(sources, sink).compileFile(file);
      compiled = network.isPresent();
      if (compiled) {
        NetworkVerifier.verify(network.get(), sink);
      }
    } catch (RuntimeException | StackOverflowError e) {
      return new Outcome(sink.sorted(), compiled, sources, Optional.of(e));
    }
    return new Outcome(sink.sorted(), compiled, sources, Optional.empty());
  }

  private static void check(Path file) {
    ExpectedErrors expected = ExpectedErrors.read(file);
    assertFalse(expected.expectations().isEmpty(),
        file + " has no '// expect-error@+1:COL: code' line");

    Outcome outcome = compile(file);
    DiagnosticRenderer renderer = new DiagnosticRenderer(outcome.sources());
    String rendered = outcome.diagnostics().stream().map(renderer::render)
        .collect(Collectors.joining());
    String report = "\n--- " + file + "\n--- expected:\n  " + expected.expectations().stream()
        .map(Object::toString).collect(Collectors.joining("\n  "))
        + "\n--- actual (compiled=" + outcome.compiled() + "):\n" + rendered;

    List<String> mismatches = new ArrayList<>(compare(expected, outcome.diagnostics()));
    outcome.crash().ifPresent(e -> mismatches.add(0, "exception escaped: " + e));
    if (expected.knownBug().isPresent()) {
      if (mismatches.isEmpty()) {
        fail("known-bug case now passes; remove its 'known-bug' line: " + report);
      }
      Assumptions.abort("known frontend bug (" + expected.knownBug().get() + "): "
          + String.join("; ", mismatches) + report);
    }

    if (outcome.crash().isPresent()) {
      throw new AssertionError("exception escaped the frontend or verifier" + report,
          outcome.crash().get());
    }
    List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
    checks.add(() -> assertTrue(mismatches.isEmpty(),
        String.join("\n", mismatches) + report));
    for (Diagnostic d : outcome.diagnostics()) {
      checks.add(() -> assertTrue(d.span().hasPosition(),
          "diagnostic without a source position: " + d.raw() + report));
      checks.add(() -> assertFalse(d.code().isBlank(), "diagnostic without a code" + report));
      checks.add(() -> {
        String text = renderer.render(d);
        assertTrue(text.startsWith(d.span().location() + ": "), "bad header: " + text);
        assertTrue(text.contains(" | "), "no source excerpt in: " + text + report);
        assertTrue(text.contains("^"), "no caret in: " + text + report);
      });
    }
    if (!outcome.compiled()) {
      checks.add(() -> assertTrue(outcome.diagnostics().stream()
          .anyMatch(d -> d.severity() == Severity.ERROR), "failed without an error" + report));
    }
    assertAll(checks.stream());
  }

  /**
   * The differences between the expected errors and the ERROR diagnostics, compared as multisets:
   * an error reported twice at the same place is a mismatch too.
   */
  static List<String> compare(ExpectedErrors expected, List<Diagnostic> diagnostics) {
    List<ExpectedErrors.Expectation> open = new ArrayList<>(expected.expectations());
    List<Diagnostic> unexpected = new ArrayList<>();
    List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR)
        .collect(Collectors.toList());
    // Exact expectations claim their diagnostics before column-less ones do.
    List<Diagnostic> unclaimed = new ArrayList<>();
    for (Diagnostic d : errors) {
      if (!claim(open, d, true)) {
        unclaimed.add(d);
      }
    }
    for (Diagnostic d : unclaimed) {
      if (!claim(open, d, false)) {
        unexpected.add(d);
      }
    }
    List<String> out = new ArrayList<>();
    for (ExpectedErrors.Expectation e : open) {
      out.add("missing error " + e);
    }
    for (Diagnostic d : unexpected) {
      out.add("unexpected error " + d.raw() + " (" + d.message() + ")");
    }
    return out;
  }

  private static boolean claim(List<ExpectedErrors.Expectation> open, Diagnostic d,
      boolean exactColumn) {
    Path file = ExpectedErrors.normalise(Path.of(d.span().file()));
    for (int i = 0; i < open.size(); i++) {
      ExpectedErrors.Expectation e = open.get(i);
      if (e.column().isPresent() == exactColumn
          && e.matches(file, d.span().line(), d.span().column(), d.code())) {
        open.remove(i);
        return true;
      }
    }
    return false;
  }

  /** Every code that some case expects, for the coverage check. */
  static TreeSet<String> expectedCodes() {
    TreeSet<String> codes = new TreeSet<>();
    for (Path file : cases()) {
      ExpectedErrors.read(file).expectations().forEach(e -> codes.add(e.code()));
    }
    return codes;
  }
}
