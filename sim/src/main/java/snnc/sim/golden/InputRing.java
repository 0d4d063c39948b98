package snnc.sim.golden;

import java.util.Arrays;

/**
 * Input waiting to be delivered to each neuron of a population, one slot per step for the next
 * {@code maxDelay} steps, separately for the excitatory and the inhibitory receptor. Slot-major
 * layout ({@code [slot][neuron]}) so the per-step sweep that consumes a slot reads memory in order.
 * A spike emitted at step n with delay D (1 ≤ D ≤ maxDelay) lands in slot (n + D) mod (maxDelay + 1),
 * which is never the slot being consumed at step n. A ring of one slot ({@code maxDelay} 0) holds
 * input delivered at its arrival step, when every delay is the simulator's block length.
 */
final class InputRing {

  private final int size;
  private final int length;
  /**
   * The excitatory and inhibitory entries, entry (slot, neuron) at {@code slot * size + neuron}.
   * Delivery loops write them directly at {@link #slotBase} + neuron, summing in the order of the
   * package documentation.
   */
  final double[] exc;
  final double[] inh;
  /** Fixed mode: entries are integer sums of raw weights that saturate here; +∞ in float mode. */
  final double limit;
  /** Whether entries saturate (fixed mode); in float mode a plain sum is the same value. */
  final boolean saturates;

  InputRing(int size, int maxDelaySteps) {
    this(size, maxDelaySteps, Double.POSITIVE_INFINITY);
  }

  /**
   * A ring whose entries saturate at {@code limit}. Fixed mode stores raw weights (integers below
   * 2^32) in the doubles, where sums are exact.
   */
  InputRing(int size, int maxDelaySteps, double limit) {
    this.limit = limit;
    this.saturates = limit != Double.POSITIVE_INFINITY;
    this.size = size;
    this.length = maxDelaySteps + 1;
    this.exc = new double[Math.multiplyExact(size, length)];
    this.inh = new double[Math.multiplyExact(size, length)];
  }

  int maxDelaySteps() {
    return length - 1;
  }

  /** Where the entries of {@code step}'s slot start in {@link #exc} and {@link #inh}. */
  int slotBase(long step) {
    return (int) (step % length) * size;
  }

  /** Slots in the ring: the largest delay + 1. */
  int length() {
    return length;
  }

  private int offset(long step, int i) {
    return slotBase(step) + i;
  }

  /** Adds w to neuron i's excitatory entry for {@code step}; returns whether it saturated. */
  boolean addExcitatory(long step, int i, double w) {
    return add(exc, offset(step, i), w);
  }

  /** Adds w to neuron i's inhibitory entry for {@code step}; returns whether it saturated. */
  boolean addInhibitory(long step, int i, double w) {
    return add(inh, offset(step, i), w);
  }

  private boolean add(double[] entries, int k, double w) {
    double sum = entries[k] + w;
    if (sum > limit) {
      entries[k] = limit;
      return true;
    }
    entries[k] = sum;
    return false;
  }

  /** Clears the entries of {@code step}'s slot for neurons {@code [from, to)}. */
  void clear(long step, int from, int to) {
    int base = slotBase(step);
    Arrays.fill(exc, base + from, base + to, 0.0);
    Arrays.fill(inh, base + from, base + to, 0.0);
  }
}
