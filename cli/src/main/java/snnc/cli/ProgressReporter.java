package snnc.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import snnc.sim.golden.GoldenSimulator;

/**
 * A progress bar on stderr for simulation runs that take more than {@link #DELAY_NANOS}, shown only
 * when stderr is a terminal, so tests, pipes and CI logs stay clean.
 */
final class ProgressReporter implements GoldenSimulator.Progress, AutoCloseable {

  /** Runs shorter than this never show a bar. */
  static final long DELAY_NANOS = 2_000_000_000L;

  private final String task;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private ProgressBar bar;

  private ProgressReporter(String task, boolean enabled) {
    this.task = task;
    this.enabled = enabled;
  }

  /** A reporter that draws only when the JVM has a console (stdin and stdout on a terminal). */
  static ProgressReporter forTerminal(String task) {
    return new ProgressReporter(task, System.console() != null);
  }

  @Override
  public void stepsDone(long done, long total) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      // Checking the clock every 256 steps keeps the per-step cost negligible.
      if ((done & 0xFF) != 0 || System.nanoTime() - startNanos < DELAY_NANOS) {
        return;
      }
      bar = new ProgressBarBuilder()
          .setTaskName("simulate " + task)
          .setInitialMax(total)
          .setUnit(" steps", 1)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(250)
          .build();
    }
    bar.stepTo(done);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
