package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticRenderer;
import snnc.diag.DiagnosticSink;
import snnc.diag.Severity;
import snnc.diag.SourceMap;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.ir.verify.NetworkVerifier;

/**
 * Feeds the frontend (and the verifier, when the frontend accepts the input) thousands of randomly
 * broken variants of the real examples. Whatever the input, no exception may escape, every error
 * must have a code and a source position, a rejected input must say why, and no input may take
 * longer than {@link #SLOW_MS}.
 *
 * <p>Deterministic: input {@code i} depends only on the seed and {@code i}. Reproduce one with
 * {@code -Dsnnc.fuzz.seed=S -Dsnnc.fuzz.only=I}; change the amount with {@code -Dsnnc.fuzz.count=N}.
 * Failing inputs are also written to {@code target/fuzz-failures/}.
 */
class FrontendFuzzTest {

  static final long DEFAULT_SEED = 0x5EEDC0DEL;
  static final int DEFAULT_COUNT = 12_000;
  /**
   * An input that takes more CPU time than this is a failure (checked again once to rule out a GC
   * pause). CPU time of the compiling thread, not wall-clock time, so a loaded machine does not fail
   * the test.
   */
  static final long SLOW_MS = 2_000;
  /** An input still running after this much wall-clock time is a hang: it is stopped and reported. */
  static final long HANG_MS = 30_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int MAX_FAILURES_KEPT = 25;
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9-]+)+");

  /**
   * Frontend bugs already reported to their owner, by a pattern over the problem text. An input
   * whose every problem matches one is counted and printed, not failed, so the fuzzer keeps guarding
   * against new bugs meanwhile; {@code -Dsnnc.fuzz.strict=true} fails on them too. Delete an entry
   * once its bug is fixed (the run prints a reminder when an entry no longer matches anything).
   */
  private static final Map<String, Pattern> KNOWN_BUGS = Map.of();

  /** A seed input: an example's path (imports resolve beside it) and text. */
  record Example(Path path, String text) {}

  /** What one input did. */
  record Result(boolean compiled, List<Diagnostic> diagnostics, long nanos, List<String> problems) {}

  /** A failing input, kept for the report. */
  record Failure(int index, Path base, List<String> edits, String input, List<String> problems) {
    String describe(long seed) {
      return "input #" + index + " (seed " + seed + ", from " + base.getFileName() + ", edits "
          + edits + "):\n  " + String.join("\n  ", problems)
          + "\n----- input -----\n" + input + "\n----- end -----";
    }
  }

  static List<Example> examples() {
    Path dir = RepositoryRoot.examples();
    try (Stream<Path> files = Files.list(dir)) {
      List<Example> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".snn")).sorted()
          .collect(Collectors.toList())) {
        out.add(new Example(p.toAbsolutePath().normalize(),
            Files.readString(p, StandardCharsets.UTF_8)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one input through the frontend and the verifier and lists what it did wrong. */
  static Result run(Path fileName, String text) {
    List<String> problems = new ArrayList<>();
    SourceMap sources = new SourceMap();
    DiagnosticSink sink = new DiagnosticSink();
    long start = THREADS.getCurrentThreadCpuTime();
    boolean compiled = false;
    try {
      Optional<Network> network = new Frontend(sources, sink).compileText(fileName.toString(),
          text);
      compiled = network.isPresent();
      if (compiled) {
        if (sink.hasErrors()) {
          problems.add("the frontend returned a network but reported errors");
        }
        NetworkVerifier.verify(network.get(), sink);
      } else if (!sink.hasErrors()) {
        problems.add("the frontend returned no network but reported no error");
      }
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      problems.add("exception escaped: " + firstLines(trace.toString(), 25));
    }
    long nanos = THREADS.getCurrentThreadCpuTime() - start;
    List<Diagnostic> diagnostics = sink.all();
    DiagnosticRenderer renderer = new DiagnosticRenderer(sources);
    for (Diagnostic d : diagnostics) {
      if (d.severity() == Severity.ERROR && !d.span().hasPosition()) {
        problems.add("error without a position: " + d.raw() + " " + d.message());
      }
      if (!CODE.matcher(d.code()).matches()) {
        problems.add("bad diagnostic code '" + d.code() + "': " + d.message());
      }
      try {
        renderer.render(d);
      } catch (RuntimeException e) {
        problems.add("rendering " + d.raw() + " threw " + e);
      }
    }
    return new Result(compiled, diagnostics, nanos, problems);
  }

  private static String firstLines(String text, int n) {
    return text.lines().limit(n).collect(Collectors.joining("\n    "));
  }

  @Test
  void mutatedExamplesNeverCrashHangOrLoseAPosition() throws Exception {
    long seed = Long.getLong("snnc.fuzz.seed", DEFAULT_SEED);
    int count = Integer.getInteger("snnc.fuzz.count", DEFAULT_COUNT);
    int only = Integer.getInteger("snnc.fuzz.only", -1);
    boolean strict = Boolean.getBoolean("snnc.fuzz.strict");
    List<Example> corpus = examples();
    assertFalse(corpus.isEmpty(), "no examples/*.snn to mutate");
    SourceMutator mutator = new SourceMutator(
        corpus.stream().map(Example::text).collect(Collectors.toList()));
    System.out.printf("FrontendFuzzTest: seed %d, %d inputs from %d examples%n", seed, count,
        corpus.size());

    // The originals must compile cleanly, or the mutations test nothing but the first error.
    for (Example e : corpus) {
      Result r = run(e.path(), e.text());
      assertTrue(r.compiled() && r.problems().isEmpty(), "example " + e.path()
          + " does not compile cleanly: " + r.diagnostics().stream().map(Diagnostic::raw)
          .collect(Collectors.toList()) + " " + r.problems());
    }

    Worker worker = new Worker();
    Map<String, Integer> codes = new TreeMap<>();
    Map<String, Integer> knownBugHits = new TreeMap<>();
    List<Failure> failures = new ArrayList<>();
    int failureCount = 0;
    int compiled = 0;
    int runs = 0;
    int hangs = 0;
    long slowestNanos = 0;
    int slowestIndex = -1;
    long started = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        if (only >= 0 && i != only) {
          continue;
        }
        Random rnd = new Random(seed * 1_000_003L + i);
        Example base = corpus.get(rnd.nextInt(corpus.size()));
        SourceMutator.Mutation mutation = mutator.mutate(base.text(), rnd);
        Result result = worker.run(base.path(), mutation.text());
        if (result.nanos() > TimeUnit.MILLISECONDS.toNanos(SLOW_MS) && result.diagnostics() != null) {
          // Once more, so a GC pause or the JIT warming up is not taken for a slow input.
          result = worker.run(base.path(), mutation.text());
        }
        if (result.diagnostics() == null) {
          hangs++;
          worker = new Worker();
        }
        runs++;
        if (result.compiled()) {
          compiled++;
        }
        if (result.nanos() > slowestNanos) {
          slowestNanos = result.nanos();
          slowestIndex = i;
        }
        for (Diagnostic d : result.diagnostics() == null ? List.<Diagnostic>of()
            : result.diagnostics()) {
          if (d.severity() == Severity.ERROR) {
            codes.merge(d.code(), 1, Integer::sum);
          }
        }
        List<String> problems = new ArrayList<>(result.problems());
        if (result.diagnostics() != null
            && result.nanos() > TimeUnit.MILLISECONDS.toNanos(SLOW_MS)) {
          problems.add(String.format("took %.0f ms (limit %d ms)", result.nanos() / 1e6,
              SLOW_MS));
        }
        Optional<String> known = strict ? Optional.empty() : knownBug(problems);
        if (known.isPresent()) {
          knownBugHits.merge(known.get(), 1, Integer::sum);
        } else if (!problems.isEmpty()) {
          failureCount++;
          if (failures.size() < MAX_FAILURES_KEPT) {
            Failure f = new Failure(i, base.path(), mutation.edits(), mutation.text(), problems);
            failures.add(f);
            save(seed, f);
          }
        }
      }
    } finally {
      worker.close();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("FrontendFuzzTest: %d inputs in %.1f s, %d compiled (%d rejected), "
            + "%d failing, %d hung; slowest #%d took %.1f ms%n", runs, seconds, compiled,
        runs - compiled, failureCount, hangs, slowestIndex, slowestNanos / 1e6);
    System.out.println("FrontendFuzzTest: error codes seen (" + codes.size() + "): " + codes);
    for (String bug : KNOWN_BUGS.keySet()) {
      int hits = knownBugHits.getOrDefault(bug, 0);
      System.out.println("FrontendFuzzTest: known bug hit by " + hits + " inputs: " + bug
          + (hits == 0 && only < 0 ? " (not hit with this seed; if it stays so, check whether it is fixed)" : ""));
    }
    if (!failures.isEmpty()) {
      fail(failureCount + " of " + runs + " fuzz inputs failed (seed " + seed
          + "; saved under target/fuzz-failures/); the first ones:\n\n"
          + failures.stream().limit(5).map(f -> f.describe(seed))
          .collect(Collectors.joining("\n\n")));
    }
    if (only < 0) {
      assertTrue(runs >= 10_000 || count < 10_000, "only " + runs + " inputs ran");
    }
  }

  /** The known bug that explains all of {@code problems}, if there are problems and one does. */
  private static Optional<String> knownBug(List<String> problems) {
    if (problems.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, Pattern> bug : KNOWN_BUGS.entrySet()) {
      if (problems.stream().allMatch(p -> bug.getValue().matcher(p).find())) {
        return Optional.of(bug.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * Runs inputs one at a time on a thread of its own, so that an input that hangs can be noticed,
   * described by the stack it is stuck in, and stopped, and the fuzzing can go on.
   */
  private static final class Worker implements AutoCloseable {

    private final ExecutorService executor;
    private volatile Thread thread;

    Worker() {
      executor = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "frontend-fuzz");
        t.setDaemon(true);
        thread = t;
        return t;
      });
    }

    /**
     * The result of one input; a hang is a result with {@code diagnostics == null} and the stuck
     * stack as its problem, after which this worker is dead and must be replaced.
     */
    Result run(Path file, String text) throws InterruptedException {
      Future<Result> future = executor.submit(() -> FrontendFuzzTest.run(file, text));
      try {
        return future.get(HANG_MS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("fuzz harness failed", e.getCause());
      } catch (TimeoutException e) {
        Thread stuck = thread;
        StringBuilder where = new StringBuilder();
        for (StackTraceElement frame : stuck.getStackTrace()) {
          if (where.length() > 0 && frame.getClassName().startsWith("snnc.frontend.Frontend")) {
            break;
          }
          where.append("\n    at ").append(frame);
        }
        future.cancel(true);
        stop(stuck);
        executor.shutdownNow();
        return new Result(false, null, TimeUnit.MILLISECONDS.toNanos(HANG_MS),
            List.of("hang: still running after " + HANG_MS + " ms in" + where));
      }
    }

    /**
     * Stops a thread stuck in a loop that ignores interrupts. Thread.stop is the only way to do
     * that in-process; where it no longer works (Java 20+) the daemon thread is left behind.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread stuck) {
      try {
        stuck.stop();
      } catch (UnsupportedOperationException e) {
        System.err.println("FrontendFuzzTest: cannot stop a hung input's thread on this JVM");
      }
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  private static void save(long seed, Failure f) {
    try {
      Path dir = Path.of("target", "fuzz-failures");
      Files.createDirectories(dir);
      // getBytes, unlike writeString, survives the lone surrogates some inputs contain.
      Files.write(dir.resolve("fuzz-" + seed + "-" + f.index() + ".snn"),
          f.input().getBytes(StandardCharsets.UTF_8));
      Files.write(dir.resolve("fuzz-" + seed + "-" + f.index() + ".txt"),
          f.describe(seed).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      System.err.println("could not save fuzz failure #" + f.index() + ": " + e);
    }
  }
}
