package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one memory word, least significant first. The generator slices the RTL's read
 * data with it and the image writer packs the host's integers with it, so both sides agree by
 * construction.
 */
public final class WordLayout {

  /** A field of {@code width} bits starting at bit {@code lo}. */
  public record Field(String name, int width, int lo) {
    public int hi() {
      return lo + width - 1;
    }
  }

  private final Map<String, Field> fields = new LinkedHashMap<>();
  private int width;

  /** Appends a field above the ones added so far. */
  public WordLayout add(String name, int fieldWidth) {
    if (fieldWidth < 1) {
      throw new IllegalArgumentException("field " + name + " needs at least one bit");
    }
    fields.put(name, new Field(name, fieldWidth, width));
    width += fieldWidth;
    return this;
  }

  public int width() {
    return width;
  }

  public Field field(String name) {
    Field f = fields.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no field " + name);
    }
    return f;
  }

  public List<Field> fields() {
    return new ArrayList<>(fields.values());
  }

  /**
   * Packs raw integers (two's complement for negative values) into one word; fields not given are
   * zero. A value that does not fit its field is a lowering bug and throws.
   */
  public BigInteger pack(Map<String, Long> values) {
    BigInteger word = BigInteger.ZERO;
    for (Map.Entry<String, Long> e : values.entrySet()) {
      Field f = field(e.getKey());
      long v = e.getValue();
      if (f.width < 64 && (v >= (1L << f.width) || v < -(1L << (f.width - 1)))) {
        throw new IllegalArgumentException(
            "value " + v + " does not fit field " + f.name + " of " + f.width + " bits");
      }
      BigInteger bits = BigInteger.valueOf(v).and(Expr.mask(f.width));
      word = word.or(bits.shiftLeft(f.lo));
    }
    return word;
  }
}
