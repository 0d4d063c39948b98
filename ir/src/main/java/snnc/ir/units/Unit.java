package snnc.ir.units;

import java.math.BigDecimal;

/**
 * A unit symbol: its dimension and its size as a power of ten of the coherent unit of that dimension
 * in the PyNN system (ms, mV, nA, nF, µS, MΩ; frequency in 1/ms). For example {@code s} is
 * {@code TIME, 3}, {@code Hz} is {@code FREQUENCY, -3}.
 */
public record Unit(String symbol, Dimension dimension, int pow10) {

  /** Converts {@code value} in this unit to the coherent (PyNN-system) unit of its dimension. */
  public double toCoherent(double value) {
    return shift(value, pow10);
  }

  /** Converts {@code coherent} (in the coherent unit of this dimension) to this unit. */
  public double fromCoherent(double coherent) {
    return shift(coherent, -pow10);
  }

  /**
   * Multiplies by 10^pow10 on the decimal form of the value, so {@code 20 ms}, {@code 0.02 s} and
   * {@code 50 Hz} come out exactly as a person would write them in the target unit.
   */
  static double shift(double value, int pow10) {
    if (pow10 == 0 || value == 0.0 || !Double.isFinite(value)) {
      return value;
    }
    return BigDecimal.valueOf(value).scaleByPowerOfTen(pow10).doubleValue();
  }
}
