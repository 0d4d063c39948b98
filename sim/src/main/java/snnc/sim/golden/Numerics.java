package snnc.sim.golden;

/**
 * The arithmetic the golden simulator computes in. {@link #FIXED} runs the profile named in
 * {@link SimOptions#profile()} ({@code s16.15} or {@code compact}, defined in
 * {@code snnc.ir.numerics}) bit for bit as docs/numerics.md specifies.
 */
public enum Numerics {
  /** Double precision, exact integration of the linear ODEs, PyNN semantics; checked against Brian2. */
  FLOAT,
  /** Integer arithmetic of a fixed-point profile: what every hardware target computes. */
  FIXED
}
