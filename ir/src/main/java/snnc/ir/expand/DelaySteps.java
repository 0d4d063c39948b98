package snnc.ir.expand;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Delays in timesteps: {@code D = round-half-even(delay / dt)}, as Brian2 and our golden simulator
 * round them. The ratio is rounded exactly on the decimal values the user wrote ({@code 0.15 ms} at
 * {@code 0.1 ms} is 1.5 steps and becomes 2, although {@code 0.15 / 0.1} is 1.4999… in binary).
 */
public final class DelaySteps {

  private DelaySteps() {}

  /**
   * The number of steps of {@code delayMs} at {@code timestepMs}, saturated to the int range.
   * Non-finite inputs are an internal error: the verifier rejects them first.
   */
  public static int of(double delayMs, double timestepMs) {
    if (!Double.isFinite(delayMs) || !Double.isFinite(timestepMs) || timestepMs <= 0) {
      throw new IllegalArgumentException(
          "cannot round delay " + delayMs + " ms at timestep " + timestepMs + " ms");
    }
    double ratio = delayMs / timestepMs;
    double fraction = ratio - Math.floor(ratio);
    double steps;
    if (Math.abs(fraction - 0.5) > 1e-6 || Math.abs(ratio) > 1e15) {
      steps = Math.rint(ratio);
    } else {
      // Near a tie the binary quotient may sit on the wrong side of .5: decide on the decimals.
      steps = new BigDecimal(BigDecimal.valueOf(delayMs)
          .divide(BigDecimal.valueOf(timestepMs), MathContext.DECIMAL128)
          .setScale(0, RoundingMode.HALF_EVEN).toPlainString()).doubleValue();
    }
    if (steps >= Integer.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    if (steps <= Integer.MIN_VALUE) {
      return Integer.MIN_VALUE;
    }
    return (int) steps;
  }
}
