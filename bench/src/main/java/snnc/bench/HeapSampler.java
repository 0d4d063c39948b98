package snnc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the used heap every few milliseconds on a daemon thread and keeps the maximum, so a
 * benchmark can report its peak heap without a profiler.
 */
final class HeapSampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakBytes;

  HeapSampler() {
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      peakBytes = Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long peakBytes() {
    return Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
