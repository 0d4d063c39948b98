package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import snnc.diag.Diagnostic;
import snnc.diag.Severity;

/**
 * Mutated examples never make the frontend throw, and every failure comes with at least one error
 * that has a real source position.
 */
class FuzzTest {

  private static final String[] SNIPPETS = {"(", ")", "[", "]", "{", "}", ",", "=", "-", "*", "/",
      "..", "->", " ms", " mV", " nA", " x ", " 0 ", " 1.5 ", "\"", "/*", " seed ", " weight ",
      " stage[", " let y = ", " connect ", " population q = ", "$", "1 / 0", " [1 ms, 2]"};

  @Test
  void mutatedExamplesNeverThrow() throws IOException {
    List<Path> examples = ExamplesTest.examples();
    Random random = new Random(20260101L);
    int failures = 0;
    for (int round = 0; round < 400; round++) {
      Path example = examples.get(random.nextInt(examples.size()));
      String text = Files.readString(example);
      StringBuilder mutated = new StringBuilder(text);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(mutated.length());
        switch (random.nextInt(3)) {
          case 0 -> mutated.delete(at, Math.min(mutated.length(), at + 1 + random.nextInt(8)));
          case 1 -> mutated.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
          default -> mutated.replace(at, Math.min(mutated.length(), at + 1),
              SNIPPETS[random.nextInt(SNIPPETS.length)]);
        }
      }
      // Named next to the real example so its imports still resolve.
      String name = example.resolveSibling("fuzz_" + example.getFileName()).toString();
      Compilation c = Compilation.text(name, mutated.toString());
      if (c.network().isEmpty()) {
        failures++;
        List<Diagnostic> errors = new ArrayList<>();
        c.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).forEach(errors::add);
        assertFalse(errors.isEmpty(), () -> "no error for failed compile of:\n" + mutated);
        for (Diagnostic d : errors) {
          assertTrue(d.span().hasPosition(), () -> "no position: " + d + "\n" + mutated);
        }
      }
    }
    assertTrue(failures > 100, "mutations should mostly break the models, got " + failures);
  }
}
