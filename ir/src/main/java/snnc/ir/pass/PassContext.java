package snnc.ir.pass;

import java.util.Objects;
import snnc.diag.DiagnosticSink;

/**
 * What a running pass may touch besides its input: the diagnostic sink, the compilation's seed,
 * statistics counters, and a dump hook that receives the IR printed after chosen passes.
 */
public final class PassContext {

  private final DiagnosticSink sink;
  private final long seed;
  private final PassStatistics statistics = new PassStatistics();
  private final DumpHook dumpHook;
  private volatile String currentPass = "<none>";

  /** Receives the printed IR after a pass (for {@code --dump-after NAME}). */
  @FunctionalInterface
  public interface DumpHook {
    void dump(String passName, String printedIr);

    /** A hook that prints nothing. */
    static DumpHook none() {
      return (pass, text) -> { };
    }
  }

  public PassContext(DiagnosticSink sink, long seed, DumpHook dumpHook) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.seed = seed;
    this.dumpHook = Objects.requireNonNull(dumpHook, "dumpHook");
  }

  public PassContext(DiagnosticSink sink) {
    this(sink, 0, DumpHook.none());
  }

  public DiagnosticSink sink() {
    return sink;
  }

  public long seed() {
    return seed;
  }

  public PassStatistics statistics() {
    return statistics;
  }

  public DumpHook dumpHook() {
    return dumpHook;
  }

  /** Adds {@code n} to the current pass's counter {@code counter}; safe from any thread. */
  public void count(String counter, long n) {
    statistics.add(currentPass, counter, n);
  }

  /** The pass being run, for statistics and error messages. */
  public String currentPass() {
    return currentPass;
  }

  void enter(String passName) {
    currentPass = passName;
  }
}
