package snnc.ir.numerics;

/**
 * A two's-complement (signed) or plain binary (unsigned) fixed-point format: a raw integer r stands
 * for r·2^−fracBits. {@code s16.15} is signed with 16 integer and 15 fractional bits (32 bits in
 * all); {@code u0.32} is unsigned with 32 fractional bits.
 */
public record QFormat(boolean signed, int intBits, int fracBits) {

  public QFormat {
    if (intBits < 0 || fracBits < 0 || intBits + fracBits < 1 || intBits + fracBits > 62) {
      throw new IllegalArgumentException("unsupported Q format: " + intBits + "." + fracBits);
    }
  }

  public static QFormat signed(int intBits, int fracBits) {
    return new QFormat(true, intBits, fracBits);
  }

  public static QFormat unsigned(int intBits, int fracBits) {
    return new QFormat(false, intBits, fracBits);
  }

  /** Parses {@code s16.15} or {@code u0.32}. */
  public static QFormat parse(String text) {
    if (!text.matches("[su]\\d+\\.\\d+")) {
      throw new IllegalArgumentException("not a Q format: " + text);
    }
    String[] parts = text.substring(1).split("\\.");
    return new QFormat(text.charAt(0) == 's', Integer.parseInt(parts[0]),
        Integer.parseInt(parts[1]));
  }

  /** Storage width in bits, sign included. */
  public int bits() {
    return (signed ? 1 : 0) + intBits + fracBits;
  }

  /** Bits of magnitude (integer and fraction, no sign). */
  public int magnitudeBits() {
    return intBits + fracBits;
  }

  public long maxRaw() {
    return (1L << magnitudeBits()) - 1;
  }

  public long minRaw() {
    return signed ? -(1L << magnitudeBits()) : 0;
  }

  public boolean contains(long raw) {
    return raw >= minRaw() && raw <= maxRaw();
  }

  /** The value of one least significant bit. */
  public double lsb() {
    return Math.scalb(1.0, -fracBits);
  }

  public double toReal(long raw) {
    return Math.scalb((double) raw, -fracBits);
  }

  public double maxReal() {
    return toReal(maxRaw());
  }

  public double minReal() {
    return toReal(minRaw());
  }

  /** Host conversion of a real value: {@link FixedPoint#encode}, not range-checked. */
  public long encode(double real) {
    return FixedPoint.encode(real, fracBits);
  }

  @Override
  public String toString() {
    return (signed ? "s" : "u") + intBits + "." + fracBits;
  }
}
