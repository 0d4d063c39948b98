package snnc.ir.numerics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named fixed-point semantics: every width, Q format and rounding a target needs to compute
 * exactly what the golden simulator computes in fixed mode. The arithmetic itself (order of
 * operations, which multiply rounds where) is in docs/numerics.md and {@link FixedPoint}; this
 * record holds its parameters, so the FPGA generator can read the widths from here.
 *
 * @param name the profile's name ({@code s16.15}, {@code compact})
 * @param voltage membrane voltage v, v_rest, v_reset, v_thresh and the constant input term, in mV;
 *     also the unit of IF_curr_delta weights
 * @param current synaptic currents Ie and Ii (Ii held as a magnitude), in nA; the unit of IF_curr_exp
 *     weights
 * @param decay the decay factors Pm, Pe, Pi and the STDP trace look-up tables (unsigned, no
 *     integer bits: the value is below one)
 * @param coefficient the current-to-voltage propagators P21e, P21i, in mV/nA (unsigned)
 * @param weightBits width of a synaptic weight word
 * @param weightSigned whether the weight word is two's complement; weights are stored as magnitudes
 *     (the receptor gives the sign), so a signed word holds 0 … 2^(weightBits−1) − 1
 * @param ringBits width of a delay-ring entry: an unsigned, saturating sum of raw weights
 * @param refractoryBits width of the refractory down-counter
 * @param trace STDP traces (unsigned; one spike adds 1.0)
 * @param stdpRate the STDP step sizes A+·w_max and A−·w_max in raw weight units (unsigned)
 * @param rounding how every run-time multiply drops its low bits
 * @param overflow what happens when a result leaves its format
 */
public record NumericsProfile(String name, QFormat voltage, QFormat current, QFormat decay,
    QFormat coefficient, int weightBits, boolean weightSigned, int ringBits, int refractoryBits,
    QFormat trace, QFormat stdpRate, Rounding rounding, Overflow overflow) {

  /** Behaviour on overflow. Only saturation is defined: no target wraps. */
  public enum Overflow {
    /** Clamp to the format's range. */
    SATURATE
  }

  /**
   * SpiNNaker class: state as {@code accum} (s16.15), decay factors u0.32, weights 16-bit unsigned
   * with a per-receptor left shift, 32-bit saturating ring entries, round-half-up multiplies.
   */
  public static final NumericsProfile S16_15 = new NumericsProfile("s16.15",
      QFormat.signed(16, 15), QFormat.signed(16, 15), QFormat.unsigned(0, 32),
      QFormat.unsigned(8, 24), 16, false, 32, 16, QFormat.unsigned(15, 16),
      QFormat.unsigned(16, 16), Rounding.HALF_UP, Overflow.SATURATE);

  /**
   * The FPGA default: 16-bit state (v in s7.8 mV, currents in s6.9 nA), decay factors u0.16,
   * coefficients u4.12, 8-bit signed weight words with a per-receptor shift, 16-bit saturating
   * ring entries, round-half-up multiplies.
   */
  public static final NumericsProfile COMPACT = new NumericsProfile("compact",
      QFormat.signed(7, 8), QFormat.signed(6, 9), QFormat.unsigned(0, 16),
      QFormat.unsigned(4, 12), 8, true, 16, 8, QFormat.unsigned(5, 11),
      QFormat.unsigned(8, 8), Rounding.HALF_UP, Overflow.SATURATE);

  public NumericsProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(overflow, "overflow");
    if (!voltage.signed() || !current.signed()) {
      throw new IllegalArgumentException(name + ": state formats must be signed");
    }
    if (decay.signed() || decay.intBits() != 0) {
      throw new IllegalArgumentException(name + ": decay factors must be u0.F, got " + decay);
    }
    if (coefficient.signed() || trace.signed() || stdpRate.signed()) {
      throw new IllegalArgumentException(name + ": coefficients, traces and rates are unsigned");
    }
    if (weightBits < 2 || weightBits > 31 || ringBits < weightBits || ringBits > 32) {
      throw new IllegalArgumentException(name + ": weight width " + weightBits + ", ring width "
          + ringBits + " (need 2 ≤ weight ≤ ring ≤ 32)");
    }
    if (refractoryBits < 1 || refractoryBits > 31) {
      throw new IllegalArgumentException(name + ": refractory counter width " + refractoryBits);
    }
    if (current.fracBits() + coefficient.fracBits() < voltage.fracBits()) {
      throw new IllegalArgumentException(name + ": Ie·P21 must have at least as many fractional "
          + "bits as v");
    }
    checkProduct(name, voltage, decay);
    checkProduct(name, current, decay);
    checkProduct(name, current, coefficient);
    checkProduct(name, trace, decay);
    checkProduct(name, trace, stdpRate);
  }

  /** Every run-time product must fit 63 bits with its rounding constant (Java long, ARM SMULL). */
  private static void checkProduct(String name, QFormat a, QFormat b) {
    if (a.magnitudeBits() + b.magnitudeBits() > 63) {
      throw new IllegalArgumentException(name + ": product " + a + " × " + b
          + " does not fit 64 bits");
    }
  }

  /** The built-in profiles. */
  public static List<NumericsProfile> builtIns() {
    return List.of(S16_15, COMPACT);
  }

  public static Optional<NumericsProfile> byName(String name) {
    return builtIns().stream().filter(p -> p.name.equals(name)).findFirst();
  }

  /** The largest raw weight magnitude a weight word holds. */
  public long weightMaxRaw() {
    return weightSigned ? (1L << (weightBits - 1)) - 1 : (1L << weightBits) - 1;
  }

  /** Bits of weight magnitude. */
  public int weightMagnitudeBits() {
    return weightSigned ? weightBits - 1 : weightBits;
  }

  /** The largest value a ring entry holds (it saturates there). */
  public long ringMaxRaw() {
    return (1L << ringBits) - 1;
  }

  /** The largest refractory period in steps the counter holds. */
  public long refractoryMaxSteps() {
    return (1L << refractoryBits) - 1;
  }

  /**
   * The largest weight left shift onto a state of {@code format}: a full weight word shifted by it
   * still fits the state's magnitude.
   */
  public int maxWeightShift(QFormat format) {
    return Math.max(0, format.magnitudeBits() - weightMagnitudeBits());
  }

  /** The right shift after Ie·P21: current.frac + coefficient.frac − voltage.frac. */
  public int propagatorShift() {
    return current.fracBits() + coefficient.fracBits() - voltage.fracBits();
  }

  @Override
  public String toString() {
    return name;
  }
}
