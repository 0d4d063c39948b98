package snnc.ir.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelayStepsTest {

  @ParameterizedTest
  @CsvSource({
      "1.5, 1, 2", "2.5, 1, 2", "3.5, 1, 4", "0.5, 1, 0", "0.51, 1, 1", "1.4, 1, 1",
      "1, 1, 1", "0.15, 0.1, 2", "0.25, 0.1, 2", "0.35, 0.1, 4", "0.3, 0.1, 3", "0.05, 0.1, 0",
      "7, 0.1, 70", "144, 1, 144"})
  void roundsHalfToEvenOnTheWrittenDecimals(double delayMs, double dtMs, int steps) {
    assertEquals(steps, DelaySteps.of(delayMs, dtMs));
  }
}
