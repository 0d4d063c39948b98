package snnc.sim.golden;

import java.util.Arrays;

/** A growable list of neuron or synapse indices, reused from step to step without allocation. */
final class IndexList {

  private int[] items = new int[16];
  private int size;

  void add(int i) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = i;
  }

  int get(int k) {
    return items[k];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }
}
