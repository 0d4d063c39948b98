package snnc.sim.golden;

/**
 * The arithmetic the golden simulator computes in. Only {@link #FLOAT} exists today; the bit-exact
 * fixed-point profiles defined in {@code ir} ({@code s16.15}, {@code compact}) will be added here as
 * further constants, each selecting its own cell-group implementations.
 */
public enum Numerics {
  /** Double precision, exact integration of the linear ODEs, PyNN semantics; checked against Brian2. */
  FLOAT
}
