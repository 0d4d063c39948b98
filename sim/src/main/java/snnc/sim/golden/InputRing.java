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
  /** Fixed mode: entries are integer sums of raw weights that saturate here; +∞ in float mode. */
  private final double limit;

  InputRing(int size, int maxDelaySteps) {
    this(size, maxDelaySteps, Double.POSITIVE_INFINITY);
  }

  /**
   * A ring whose entries saturate at {@code limit}. Fixed mode stores raw weights (integers below
   * 2^32) in the doubles, where sums are exact.
   */
  InputRing(int size, int maxDelaySteps, double limit) {
    this.limit = limit;
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
    int k = offset(step, i);
    exc[k] = Math.min(limit, exc[k] + w);
  }

  void addInhibitory(long step, int i, double w) {
    int k = offset(step, i);
    inh[k] = Math.min(limit, inh[k] + w);
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
