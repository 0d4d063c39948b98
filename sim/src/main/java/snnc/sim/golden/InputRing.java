package snnc.sim.golden;

/**
 * Input waiting to be delivered to each neuron of a population, one slot per step for the next
 * {@code maxDelay} steps, separately for the excitatory and the inhibitory receptor. Slot-major
 * layout ({@code [slot][neuron]}) so the per-step sweep that consumes a slot reads memory in order.
 * A spike emitted at step n with delay D (1 ≤ D ≤ maxDelay) lands in slot (n + D) mod (maxDelay + 1),
 * which is never the slot being consumed at step n.
 */
final class InputRing {

  private final int size;
  private final int length;
  private final double[] exc;
  private final double[] inh;

  InputRing(int size, int maxDelaySteps) {
    this.size = size;
    this.length = maxDelaySteps + 1;
    this.exc = new double[Math.multiplyExact(size, length)];
    this.inh = new double[Math.multiplyExact(size, length)];
  }

  int maxDelaySteps() {
    return length - 1;
  }

  private int offset(long step, int i) {
    return (int) (step % length) * size + i;
  }

  void addExcitatory(long step, int i, double w) {
    exc[offset(step, i)] += w;
  }

  void addInhibitory(long step, int i, double w) {
    inh[offset(step, i)] += w;
  }

  /** The excitatory input due at {@code step}, and clears it. */
  double takeExcitatory(long step, int i) {
    int k = offset(step, i);
    double w = exc[k];
    exc[k] = 0.0;
    return w;
  }

  /** The inhibitory input (a magnitude) due at {@code step}, and clears it. */
  double takeInhibitory(long step, int i) {
    int k = offset(step, i);
    double w = inh[k];
    inh[k] = 0.0;
    return w;
  }
}
