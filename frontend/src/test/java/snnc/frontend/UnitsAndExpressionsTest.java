package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.ir.Network;
import snnc.ir.ParamValue;

/** Units, dimensions and constant expressions, observed through the parameters they set. */
class UnitsAndExpressionsTest {

  /** The value of {@code param} of a one-neuron population whose parameter is {@code expr}. */
  private static double value(String cell, String param, String expr, String... lets) {
    String body = String.join("\n", lets) + "\npopulation p = " + cell + "(" + param + " = "
        + expr + ")";
    Network n = Compilation.body(body).ok();
    return ((ParamValue.Constant) n.populations().get(0).param(param)).value();
  }

  private static double tauM(String expr, String... lets) {
    return value("IF_curr_exp", "tau_m", expr, lets);
  }

  @Test
  void unitsConvertExactlyToPynnUnits() {
    assertEquals(20.0, tauM("0.02 s"));
    assertEquals(0.5, tauM("500 us"));
    assertEquals(0.5, tauM("500 µs"));
    assertEquals(-70.0, value("IF_curr_exp", "v_rest", "-0.07 V"));
    assertEquals(0.2, value("IF_curr_exp", "cm", "200 pF"));
    assertEquals(0.25, value("IF_curr_exp", "i_offset", "250 pA"));
    assertEquals(10.0, value("SpikeSourcePoisson", "rate", "0.01 kHz"));
    assertEquals(10.0, value("SpikeSourcePoisson", "rate", "10 Hz"));
  }

  @Test
  void arithmeticCombinesUnits() {
    assertEquals(1500.0, tauM("1 s + 500 ms"));
    assertEquals(15.0, tauM("(2 + 3) * 3 ms"));
    assertEquals(15.0, tauM("(10 + 5) ms"));
    assertEquals(-5.0, tauM("-2 * 3 ms + 1 ms"));
    assertEquals(2.0, tauM("1 nF * 2 MOhm"));
    assertEquals(20.0, tauM("1 / 50 Hz"));
    assertEquals(1.0, tauM("7 ms % 3 ms"));
    assertEquals(4.0, tauM("t * 2", "let t = 2 ms"));
    assertEquals(2.0, tauM("10 mV / 5 mV * 1 ms"));
  }

  @Test
  void mathFunctions() {
    assertEquals(1.0, tauM("min(1 ms, 2 ms, 3 ms)"));
    assertEquals(3.0, tauM("max(1 ms, 3 ms)"));
    assertEquals(2.0, tauM("abs(-2 ms)"));
    assertEquals(3.0, tauM("round(2.5) * 1 ms + 1 ms"));
    assertEquals(2.0, tauM("floor(2.7) * 1 ms"));
    assertEquals(3.0, tauM("ceil(2.1) * 1 ms"));
    assertEquals(4.0, tauM("(sqrt(16)) ms"));
    assertEquals(1.0, tauM("(exp(0)) ms"));
    assertEquals(0.0, tauM("(log(1)) ms"));
  }

  @Test
  void izhikevichRateConstantsAcceptBareNumbers() {
    assertEquals(0.1, value("Izhikevich", "a", "0.1"));
    assertEquals(0.02, value("Izhikevich", "a", "20 Hz"));
    assertEquals(8.0, value("Izhikevich", "d", "8"));
    assertEquals(8.0, value("Izhikevich", "d", "8 mV / ms"));
    assertEquals(List.of("test.snn:2:31: sema.missing-unit"),
        Compilation.body("population p = Izhikevich(c = -65)").raw());
  }

  @Test
  void functionDimensionErrors() {
    assertEquals(List.of("test.snn:2:19: sema.unit-mismatch", "test.snn:3:14: sema.unit-mismatch",
        "test.snn:4:13: sema.bad-argument"),
        Compilation.body("let a = min(1 ms, 2 mV)\nlet b = sqrt(4 ms)\nlet c = log(0)").raw());
  }

  @Test
  void unitAfterCallIsASyntaxError() {
    assertEquals(List.of("test.snn:2:20: parse.unexpected-token"),
        Compilation.body("let a = floor(2.5) ms").raw());
  }
}
