package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic code the frontend emits, asserted as {@code file:line:col: code}. Bodies are
 * wrapped by {@link Compilation#body}, so body line 1 is file line 2.
 */
class DiagnosticsTest {

  private static void expect(Compilation c, String... raw) {
    assertEquals(List.of(raw), c.raw(), c::rendered);
    assertTrue(c.network().isEmpty() || raw.length == 0);
  }

  private static String message(Compilation c, int i) {
    return c.diagnostics().get(i).message();
  }

  private static List<String> notes(Compilation c, int i) {
    return c.diagnostics().get(i).notes();
  }

  // ---- lexical and syntax errors ----

  @Test
  void badCharacter() {
    expect(Compilation.text("let x = 3 $\nnetwork n { run 1 ms }\n"),
        "test.snn:1:11: lex.bad-character");
  }

  @Test
  void unterminatedString() {
    expect(Compilation.text("import \"lib.snn\nnetwork n { run 1 ms }\n"),
        "test.snn:1:8: lex.unterminated-string");
  }

  @Test
  void unterminatedComment() {
    expect(Compilation.text("network n { run 1 ms }\n/* never closed\n"),
        "test.snn:2:1: lex.unterminated-comment");
  }

  @Test
  void missingToken() {
    Compilation c = Compilation.body(
        "population a = IF_curr_exp * 2\n"
        + "connect a -> a all_to_all(allow_self = false weight 1 nA");
    expect(c, "test.snn:3:46: parse.missing-token");
    assertEquals("expected ')' but found 'weight'", message(c, 0));
  }

  @Test
  void unexpectedToken() {
    Compilation c = Compilation.text("let x = = 3\nnetwork n { run 1 ms }\n");
    expect(c, "test.snn:1:9: parse.unexpected-token");
    assertEquals("unexpected '='", message(c, 0).substring(0, 14));
  }

  @Test
  void everySyntaxErrorIsReported() {
    Compilation c = Compilation.text("network n {\n"
        + "  population a = IF_curr_exp(tau_m = ) * 2\n"
        + "  connect a -> a all_to_all weight\n"
        + "  run 10 ms ms\n"
        + "}\n");
    assertEquals(3, c.diagnostics().size(), c::rendered);
    assertTrue(c.raw().stream().allMatch(r -> r.contains(": parse.")), c::rendered);
  }

  @Test
  void syntaxErrorsSkipSemanticChecks() {
    Compilation c = Compilation.body("population a = Nope * 2\nconnect a -> b one_to_one weight (");
    assertEquals(1, c.diagnostics().size(), c::rendered);
    assertTrue(c.raw().get(0).endsWith("parse.syntax") || c.raw().get(0).contains("parse."));
  }

  // ---- names ----

  @Test
  void unknownNameWithSuggestion() {
    Compilation c = Compilation.body("let rate = 3\nlet x = rte + 1\nlet y = x * 2");
    expect(c, "test.snn:3:9: sema.unknown-name");
    assertEquals(List.of("did you mean 'rate'?"), notes(c, 0));
  }

  @Test
  void unknownPopulation() {
    Compilation c = Compilation.body("population exc1 = IF_curr_exp * 2\n"
        + "connect exc2 -> exc1 all_to_all weight 1 nA");
    expect(c, "test.snn:3:9: sema.unknown-population");
    assertEquals(List.of("did you mean 'exc1'?"), notes(c, 0));
  }

  @Test
  void unknownCellType() {
    Compilation c = Compilation.body("population p = IF_cur_exp * 2");
    expect(c, "test.snn:2:16: sema.unknown-cell-type");
    assertEquals(List.of("did you mean 'IF_curr_exp'?"), notes(c, 0));
  }

  @Test
  void unknownParameter() {
    Compilation c = Compilation.body("population p = IF_curr_exp(tau_n = 20 ms)");
    expect(c, "test.snn:2:28: sema.unknown-parameter");
    assertEquals(List.of("did you mean 'tau_m'?"), notes(c, 0));
  }

  @Test
  void unknownUnit() {
    Compilation c = Compilation.body("let t = 20 mss");
    expect(c, "test.snn:2:12: sema.unknown-unit");
    assertEquals(List.of("did you mean 'ms'?"), notes(c, 0));
  }

  @Test
  void unknownConnector() {
    expect(Compilation.body("population p = IF_curr_exp * 2\nconnect p -> p all_too_all"),
        "test.snn:3:16: sema.unknown-connector");
  }

  @Test
  void unknownFunction() {
    expect(Compilation.body("let x = sqr(4)"), "test.snn:2:9: sema.unknown-function");
  }

  @Test
  void unknownVariable() {
    Compilation c = Compilation.body("population p = IF_curr_exp * 2\nrecord p.spike");
    expect(c, "test.snn:3:10: sema.unknown-variable");
    assertEquals(List.of("did you mean 'spikes'?"), notes(c, 0));
  }

  @Test
  void unknownReceptorAndSynapse() {
    expect(Compilation.body("population p = IF_curr_exp * 2\n"
        + "connect p -> p all_to_all receptor inhibitry synapse stpd weight 1 nA"),
        "test.snn:3:36: sema.unknown-receptor", "test.snn:3:54: sema.unknown-synapse");
  }

  @Test
  void duplicateNames() {
    Compilation c = Compilation.body("let x = 1\nlet x = 2\n"
        + "population p = IF_curr_exp\npopulation p = IF_curr_exp");
    expect(c, "test.snn:3:5: sema.duplicate-name", "test.snn:5:12: sema.duplicate-name");
    assertEquals(List.of("first defined at test.snn:2:5"), notes(c, 0));
  }

  @Test
  void duplicateParameterAndClause() {
    expect(Compilation.body("population p = IF_curr_exp(tau_m = 1 ms, tau_m = 2 ms)\n"
        + "connect p -> p all_to_all weight 1 nA weight 2 nA"),
        "test.snn:2:42: sema.duplicate-parameter", "test.snn:3:39: sema.duplicate-parameter");
  }

  @Test
  void duplicateSettingAndMisplacedStatement() {
    expect(Compilation.text("network n {\n  timestep 1 ms\n  timestep 2 ms\n"
        + "  for i in 0 .. 1 { seed 3 }\n  run 1 ms\n}\n"),
        "test.snn:3:3: sema.duplicate-setting", "test.snn:4:21: sema.misplaced-statement");
  }

  // ---- units, types, values ----

  @Test
  void unitMismatch() {
    Compilation c = Compilation.body("population p = IF_curr_exp(tau_m = 20 mV)");
    expect(c, "test.snn:2:36: sema.unit-mismatch");
    assertEquals("tau_m expects time (ms), got voltage", message(c, 0));
  }

  @Test
  void unitMismatchInArithmeticAndWeights() {
    expect(Compilation.body("let x = 1 ms + 1 mV\n"
        + "population p = IF_curr_exp * 2\n"
        + "population q = IF_cond_exp * 2\n"
        + "connect p -> q all_to_all weight 1 nA"),
        "test.snn:2:9: sema.unit-mismatch", "test.snn:5:34: sema.unit-mismatch");
  }

  @Test
  void missingUnit() {
    Compilation c = Compilation.body("population p = IF_curr_exp(tau_m = 20)");
    expect(c, "test.snn:2:36: sema.missing-unit");
    assertEquals(List.of("write `20 ms`"), notes(c, 0));
  }

  @Test
  void typeMismatch() {
    expect(Compilation.body("let x = [1, 2] + 1\n"
        + "population p = IF_curr_exp(tau_m = true)"),
        "test.snn:2:9: sema.type-mismatch", "test.snn:3:36: sema.type-mismatch");
  }

  @Test
  void notInteger() {
    expect(Compilation.body("population p = IF_curr_exp * 2.5"), "test.snn:2:30: sema.not-integer");
  }

  @Test
  void indexOutOfRange() {
    expect(Compilation.body("population s[3] = IF_curr_exp * 2\n"
        + "connect s[2] -> s[3] one_to_one weight 1 nA"),
        "test.snn:3:19: sema.index-out-of-range");
  }

  @Test
  void divisionByZero() {
    expect(Compilation.body("let z = 0\nlet x = 1 / z\nlet y = 5 % 0"),
        "test.snn:3:13: sema.division-by-zero", "test.snn:4:13: sema.division-by-zero");
  }

  @Test
  void badArguments() {
    expect(Compilation.body("let d = uniform(1 ms)\n"
        + "population p = IF_curr_exp * 2\n"
        + "connect p -> p fixed_probability()\n"
        + "connect p -> p from_list [(0, 1, 1 nA, 1 ms)] weight 1 nA\n"
        + "let m = max(1)"),
        "test.snn:2:9: sema.bad-argument", "test.snn:4:16: sema.bad-argument",
        "test.snn:5:47: sema.bad-argument", "test.snn:6:9: sema.bad-argument");
  }

  @Test
  void weightSign() {
    Compilation c = Compilation.body("population p = IF_curr_exp * 2\n"
        + "connect p -> p all_to_all weight -0.5 nA\n"
        + "connect p -> p all_to_all receptor inhibitory weight -0.5 nA");
    expect(c, "test.snn:3:34: sema.weight-sign");
    assertEquals(List.of("write `receptor inhibitory` for an inhibitory projection"), notes(c, 0));
  }

  @Test
  void sourceAsTarget() {
    expect(Compilation.body("population s = SpikeSourcePoisson * 2\n"
        + "population p = IF_curr_exp * 2\nconnect p -> s one_to_one weight 1 nA"),
        "test.snn:4:14: sema.source-as-target");
  }

  @Test
  void notRecordable() {
    expect(Compilation.body("population s = SpikeSourcePoisson * 2\n"
        + "population p = IF_curr_exp * 2\nrecord s.v, p.{spikes, gsyn_exc}"),
        "test.snn:4:10: sema.not-recordable", "test.snn:4:24: sema.not-recordable");
  }

  @Test
  void missingNetwork() {
    Compilation c = Compilation.text("let x = 1\n");
    expect(c, "test.snn:1:1: sema.missing-network");
  }

  @Test
  void missingRunIsAWarning() {
    Compilation c = Compilation.text("network n {\n  timestep 1 ms\n}\n");
    assertEquals(List.of("test.snn:1:9: sema.missing-run"), c.raw());
    assertTrue(c.network().isPresent());
  }

  @Test
  void manyIndependentErrorsInOneRunWithoutCascades() {
    Compilation c = Compilation.body("let a = missing * 2\n"
        + "let b = a + 1 ms\n"
        + "population p = IF_curr_exp(tau_m = b, v_rest = 3 ms) * a\n"
        + "connect p -> q all_to_all weight 1 nA\n"
        + "for i in 0 .. 4 {\n  connect p -> p one_to_one weight -1 nA\n}");
    expect(c, "test.snn:2:9: sema.unknown-name", "test.snn:4:48: sema.unit-mismatch",
        "test.snn:5:14: sema.unknown-population", "test.snn:7:36: sema.weight-sign");
  }

  @Test
  void fileLevelErrorDoesNotReachLowering() {
    expect(Compilation.text("let t = missing * 2 ms\ncell c = IF_curr_exp(tau_m = t)\n"
        + "network n {\n  population p = c(v_rest = 2)\n  run 1 ms\n}\n"),
        "test.snn:1:9: sema.unknown-name", "test.snn:4:29: sema.missing-unit");
  }

  @Test
  void hugeLiteralsAreReportedNotThrown() {
    expect(Compilation.body("population p = IF_curr_exp(tau_m = 1e999)"),
        "test.snn:2:36: sema.missing-unit");
  }

  @Test
  void missingBracketIsPlacedAfterTheLastGoodToken() {
    Compilation c = Compilation.body("population a = IF_curr_exp * 2\n"
        + "connect a -> a all_to_all weight (1 nA\nrecord a.spikes");
    expect(c, "test.snn:3:39: parse.syntax");
    assertEquals("expected ')' or ',' but found 'record'; is a closing bracket missing?",
        message(c, 0));
  }

  @Test
  void missingValueBeforeNextStatement() {
    Compilation c = Compilation.body("population a = IF_curr_exp * 2\n"
        + "connect a -> a all_to_all weight\npopulation b = IF_curr_exp");
    expect(c, "test.snn:3:33: parse.syntax");
    assertEquals("expected a value but found 'population'", message(c, 0));
  }
}
