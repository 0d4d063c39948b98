package snnc.ir;

import java.util.Arrays;

/** An immutable array of ints with value equality, for neuron index lists. */
public final class Ints {

  private static final Ints EMPTY = new Ints(new int[0]);
  private final int[] values;

  private Ints(int[] values) {
    this.values = values;
  }

  public static Ints of(int... values) {
    return values.length == 0 ? EMPTY : new Ints(values.clone());
  }

  public int size() {
    return values.length;
  }

  public int get(int index) {
    return values[index];
  }

  public int[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ints other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
