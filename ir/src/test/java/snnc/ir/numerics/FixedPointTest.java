package snnc.ir.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FixedPointTest {

  @Test
  void halfUpRoundsTiesTowardPlusInfinity() {
    // 2.5, −2.5, 3.5, −3.5 and non-ties at shift 1 (p/2) and shift 2 (p/4).
    assertEquals(3, Rounding.HALF_UP.shiftRight(5, 1));
    assertEquals(-2, Rounding.HALF_UP.shiftRight(-5, 1));
    assertEquals(4, Rounding.HALF_UP.shiftRight(7, 1));
    assertEquals(-3, Rounding.HALF_UP.shiftRight(-7, 1));
    assertEquals(1, Rounding.HALF_UP.shiftRight(5, 2)); // 1.25
    assertEquals(2, Rounding.HALF_UP.shiftRight(7, 2)); // 1.75
    assertEquals(-1, Rounding.HALF_UP.shiftRight(-5, 2)); // −1.25
    assertEquals(-2, Rounding.HALF_UP.shiftRight(-7, 2)); // −1.75
    assertEquals(0, Rounding.HALF_UP.shiftRight(-2, 2)); // −0.5 → 0
    assertEquals(-1, Rounding.HALF_UP.shiftRight(-3, 2)); // −0.75
    assertEquals(42, Rounding.HALF_UP.shiftRight(42, 0));
  }

  @Test
  void floorTruncatesTowardMinusInfinity() {
    assertEquals(2, Rounding.FLOOR.shiftRight(5, 1));
    assertEquals(-3, Rounding.FLOOR.shiftRight(-5, 1));
    assertEquals(-1, Rounding.FLOOR.shiftRight(-1, 31));
    assertEquals(0, Rounding.FLOOR.shiftRight(1, 31));
  }

  @Test
  void multiplyRoundsOnceOnTheExactProduct() {
    // 1.5 (s16.15) × 0.5 (u0.32) = 0.75 exactly.
    long a = 3L << 14;
    long half = 1L << 31;
    assertEquals(3L << 13, FixedPoint.multiply(a, half, 32, Rounding.HALF_UP));
    // −1 LSB × 0.5 = −0.5 LSB: half-up gives 0, floor −1.
    assertEquals(0, FixedPoint.multiply(-1, half, 32, Rounding.HALF_UP));
    assertEquals(-1, FixedPoint.multiply(-1, half, 32, Rounding.FLOOR));
    // The extreme s16.15 × u0.32 product fits.
    long min = QFormat.signed(16, 15).minRaw();
    long maxDecay = QFormat.unsigned(0, 32).maxRaw();
    assertEquals(min + 1, FixedPoint.multiply(min, maxDecay, 32, Rounding.HALF_UP));
    assertEquals(QFormat.signed(16, 15).maxRaw() - 1,
        FixedPoint.multiply(QFormat.signed(16, 15).maxRaw(), maxDecay, 32, Rounding.FLOOR));
    assertThrows(ArithmeticException.class,
        () -> FixedPoint.multiply(Long.MAX_VALUE / 2, 4, 0, Rounding.HALF_UP));
  }

  @Test
  void saturationClampsAtBothEnds() {
    QFormat s78 = QFormat.signed(7, 8);
    assertEquals(32767, FixedPoint.saturate(40000, s78));
    assertEquals(-32768, FixedPoint.saturate(-40000, s78));
    assertEquals(-32768, FixedPoint.saturate(-32768, s78));
    assertEquals(123, FixedPoint.saturate(123, s78));
    assertEquals(65535, FixedPoint.saturateUnsigned(70000, 16));
    assertEquals(0, FixedPoint.saturateUnsigned(-1, 16));
  }

  @Test
  void hostEncodingRoundsTiesAwayFromZero() {
    assertEquals(3, FixedPoint.encode(2.5, 0));
    assertEquals(-3, FixedPoint.encode(-2.5, 0));
    assertEquals(-16640, FixedPoint.encode(-65.0, 8));
    assertEquals(-2129920, FixedPoint.encode(-65.0, 15));
    assertEquals(2, FixedPoint.encode(1.5 / 256, 8));
    assertEquals(-2, FixedPoint.encode(-1.5 / 256, 8));
  }

  @Test
  void encodingOutsideAnyFormatIsDetectable() {
    assertEquals(Long.MAX_VALUE, FixedPoint.encode(Double.NaN, 0));
    assertEquals(Long.MAX_VALUE, FixedPoint.encode(1e300, 15));
    assertEquals(Long.MIN_VALUE, FixedPoint.encode(-1e300, 15));
    QFormat s78 = QFormat.signed(7, 8);
    assertEquals(false, s78.contains(s78.encode(128.0)));
    assertEquals(true, s78.contains(s78.encode(127.99)));
    assertEquals(true, s78.contains(s78.encode(-128.0)));
  }

  @Test
  void decayFactorsAreEncodedBelowOne() {
    // exp(−1/20) = 0.951229424500714 → ·2^16 = 62339.97 → 62340; ·2^32 rounds likewise.
    assertEquals(62340, FixedPoint.decayFactor(1.0, 20.0, 16));
    assertEquals(Math.round(Math.exp(-0.05) * 0x1p32), FixedPoint.decayFactor(1.0, 20.0, 32));
    // exp(−1/1e9) would round to 2^16: it is clamped to the largest fraction.
    assertEquals(65535, FixedPoint.decayFactor(1.0, 1e9, 16));
    assertEquals(0, FixedPoint.decayFactor(1.0, 0.01, 16));
  }

  @Test
  void qFormatsParseAndPrint() {
    assertEquals(QFormat.signed(16, 15), QFormat.parse("s16.15"));
    assertEquals("u0.32", QFormat.unsigned(0, 32).toString());
    assertEquals(32, QFormat.parse("s16.15").bits());
    assertEquals(Math.scalb(1.0, -15), QFormat.parse("s16.15").lsb());
  }
}
