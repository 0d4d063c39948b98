package snnc.sim.trace;

import java.math.BigDecimal;

/**
 * Prints the time of a step in ms as the exact decimal product of the step and the shortest decimal
 * form of the timestep ({@link Double#toString(double)} of {@code dt}), with trailing zeros removed
 * but at least one fractional digit: step 3 at dt 0.1 prints {@code 0.3} (not
 * {@code 0.30000000000000004}), step 10 at dt 1 prints {@code 10.0}. The Brian2 reference script
 * computes the same text with Python's {@code Decimal(repr(dt)) * step}.
 */
public final class TimeFormat {

  private final BigDecimal dt;

  public TimeFormat(double timestepMs) {
    this.dt = new BigDecimal(Double.toString(timestepMs));
  }

  public String format(long step) {
    BigDecimal t = dt.multiply(BigDecimal.valueOf(step)).stripTrailingZeros();
    if (t.scale() < 1) {
      t = t.setScale(1);
    }
    return t.toPlainString();
  }
}
