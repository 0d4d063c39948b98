package snnc.ir;

import java.util.Arrays;

/** An immutable array of doubles with value equality, for per-neuron and per-synapse values. */
public final class Doubles {

  private static final Doubles EMPTY = new Doubles(new double[0]);
  private final double[] values;

  private Doubles(double[] values) {
    this.values = values;
  }

  public static Doubles of(double... values) {
    return values.length == 0 ? EMPTY : new Doubles(values.clone());
  }

  public int size() {
    return values.length;
  }

  public double get(int index) {
    return values[index];
  }

  public double[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Doubles other && Arrays.equals(values, other.values);
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
