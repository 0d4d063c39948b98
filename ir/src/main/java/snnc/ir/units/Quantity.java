package snnc.ir.units;

/**
 * A number with a dimension, its value in the coherent unit of that dimension (ms, mV, nA, nF, µS,
 * MΩ, 1/ms). Arithmetic checks dimensions; callers report a mismatch as a unit error.
 */
public record Quantity(double value, Dimension dimension) {

  public static Quantity of(double value, Unit unit) {
    return new Quantity(unit.toCoherent(value), unit.dimension());
  }

  public static Quantity scalar(double value) {
    return new Quantity(value, Dimension.NONE);
  }

  /** This value expressed in {@code unit}; the caller has checked the dimension. */
  public double in(Unit unit) {
    if (!unit.dimension().equals(dimension)) {
      throw new IllegalArgumentException(
          "cannot express " + dimension.describe() + " in " + unit.symbol());
    }
    return unit.fromCoherent(value);
  }

  public Quantity times(Quantity other) {
    return new Quantity(value * other.value, dimension.times(other.dimension));
  }

  public Quantity divide(Quantity other) {
    return new Quantity(value / other.value, dimension.divide(other.dimension));
  }

  public Quantity negate() {
    return new Quantity(-value, dimension);
  }
}
