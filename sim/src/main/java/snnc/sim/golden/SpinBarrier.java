package snnc.sim.golden;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a few workers on their own cores that meet every timestep. A step can
 * take well under a millisecond, so parking and waking threads (as {@link
 * java.util.concurrent.CyclicBarrier} does) would cost more than the step; waiters spin briefly,
 * then yield.
 */
final class SpinBarrier {

  /** Thrown to the waiters when a worker failed and broke the barrier. */
  static final class BrokenException extends RuntimeException {
    BrokenException() {
      super("another worker failed");
    }
  }

  private static final int SPINS_BEFORE_YIELD = 2_000;

  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile int generation;
  private volatile boolean broken;

  SpinBarrier(int parties) {
    this.parties = parties;
  }

  void await() {
    int gen = generation;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      generation = gen + 1;
      return;
    }
    int spins = 0;
    while (generation == gen) {
      if (broken) {
        throw new BrokenException();
      }
      if (++spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  /** Releases every waiter with {@link BrokenException}, now and at every later await. */
  void breakBarrier() {
    broken = true;
  }
}
