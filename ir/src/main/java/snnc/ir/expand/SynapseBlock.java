package snnc.ir.expand;

import java.util.Arrays;

/**
 * The synapses of a projection onto a range of post neurons, in canonical order: post ascending,
 * then pre ascending, multapses in generation order. Weights are in the post cell type's weight unit
 * and signed as written; delays are in timesteps. The arrays are exactly {@code size} long; callers
 * must not modify them.
 */
public record SynapseBlock(int[] pre, int[] post, double[] weight, int[] delaySteps, int size) {

  public SynapseBlock {
    if (pre.length != size || post.length != size || weight.length != size
        || delaySteps.length != size) {
      throw new IllegalArgumentException("synapse block arrays must all have length " + size);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SynapseBlock b && size == b.size && Arrays.equals(pre, b.pre)
        && Arrays.equals(post, b.post) && Arrays.equals(weight, b.weight)
        && Arrays.equals(delaySteps, b.delaySteps);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(pre) + Arrays.hashCode(post))
        + Arrays.hashCode(weight)) + Arrays.hashCode(delaySteps);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SynapseBlock[").append(size).append(']');
    for (int k = 0; k < Math.min(size, 20); k++) {
      s.append(String.format(" %d->%d w=%s d=%d", pre[k], post[k], weight[k], delaySteps[k]));
    }
    return size > 20 ? s.append(" …").toString() : s.toString();
  }

  /** Concatenates blocks of consecutive post ranges (for tests and small callers). */
  public static SynapseBlock concat(SynapseBlock a, SynapseBlock b) {
    Builder out = new Builder(a.size + b.size);
    for (SynapseBlock x : new SynapseBlock[] {a, b}) {
      for (int k = 0; k < x.size; k++) {
        out.add(x.pre[k], x.post[k], -1);
        out.weight[out.size - 1] = x.weight[k];
        out.delaySteps[out.size - 1] = x.delaySteps[k];
      }
    }
    return out.build();
  }

  /**
   * A growable block the expander fills in place; {@code source} remembers which from-list entry
   * or kernel cell a synapse came from, for values given by the connector.
   */
  static final class Builder {
    int[] pre;
    int[] post;
    int[] source;
    double[] weight;
    int[] delaySteps;
    int size;

    Builder(int capacity) {
      int c = Math.max(16, capacity);
      pre = new int[c];
      post = new int[c];
      source = new int[c];
      weight = new double[c];
      delaySteps = new int[c];
    }

    void clear() {
      size = 0;
    }

    void add(int preIndex, int postIndex, int sourceIndex) {
      if (size == pre.length) {
        grow();
      }
      pre[size] = preIndex;
      post[size] = postIndex;
      source[size] = sourceIndex;
      size++;
    }

    private void grow() {
      long next = Math.min((long) pre.length * 2, Integer.MAX_VALUE - 8);
      if (next <= pre.length) {
        throw new IllegalStateException("synapse block exceeds " + pre.length + " synapses");
      }
      int c = (int) next;
      pre = Arrays.copyOf(pre, c);
      post = Arrays.copyOf(post, c);
      source = Arrays.copyOf(source, c);
      weight = Arrays.copyOf(weight, c);
      delaySteps = Arrays.copyOf(delaySteps, c);
    }

    SynapseBlock build() {
      return new SynapseBlock(Arrays.copyOf(pre, size), Arrays.copyOf(post, size),
          Arrays.copyOf(weight, size), Arrays.copyOf(delaySteps, size), size);
    }
  }
}
