/**
 * The fixed-point contract every target implements: named {@link snnc.ir.numerics.NumericsProfile}s
 * ({@code s16.15}, {@code compact}), the integer helpers of {@link snnc.ir.numerics.FixedPoint},
 * the host-side constants ({@link snnc.ir.numerics.NeuronConstants},
 * {@link snnc.ir.numerics.StdpConstants}) and the {@code quantise} pass
 * ({@link snnc.ir.numerics.Quantiser}). The full semantics is written out in docs/numerics.md.
 */
package snnc.ir.numerics;
