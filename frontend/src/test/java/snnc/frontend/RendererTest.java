package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rendered form of a frontend diagnostic: location, code, message, excerpt, caret, note. */
class RendererTest {

  @Test
  void unknownPopulationIsRenderedWithExcerptAndNote() {
    Compilation c = Compilation.text("model.snn", "network n {\n"
        + "  population exc1 = IF_curr_exp * 10\n"
        + "  connect exc2 -> exc1 all_to_all weight 0.1 nA\n"
        + "  run 10 ms\n}\n");
    assertEquals("model.snn:3:11: error[sema.unknown-population]: unknown population 'exc2'\n"
        + "    3 |   connect exc2 -> exc1 all_to_all weight 0.1 nA\n"
        + "      |           ^~~~\n"
        + "   = note: did you mean 'exc1'?\n", c.rendered());
  }

  @Test
  void unitMismatchUnderlinesTheValue() {
    Compilation c = Compilation.text("model.snn", "network n {\n"
        + "  population p = IF_curr_exp(tau_m = 20 mV)\n  run 10 ms\n}\n");
    assertEquals("model.snn:2:38: error[sema.unit-mismatch]: tau_m expects time (ms), got voltage\n"
        + "    2 |   population p = IF_curr_exp(tau_m = 20 mV)\n"
        + "      |                                      ^~~~~\n", c.rendered());
  }
}
