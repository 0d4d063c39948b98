package snnc.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
  /** An input slower than this is a failure (checked again once to rule out a GC pause). */
  static final long SLOW_MS = 2_000;
  /** An input still running after this is a hang; fuzzing stops there. */
  static final long HANG_MS = 10_000;
  private static final int MAX_FAILURES_KEPT = 25;
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9-]+)+");

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

  static Path repoRoot() {
    String root = System.getProperty("snnc.repo.root");
    if (root != null && !root.isBlank() && Files.isDirectory(Path.of(root, "examples"))) {
      return Path.of(root).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no examples/ folder above " + Path.of("").toAbsolutePath());
  }

  static List<Example> examples() {
    Path dir = repoRoot().resolve("examples");
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
    long start = System.nanoTime();
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
    long nanos = System.nanoTime() - start;
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

    ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "frontend-fuzz");
      t.setDaemon(true);
      return t;
    });
    Map<String, Integer> codes = new TreeMap<>();
    List<Failure> failures = new ArrayList<>();
    int failureCount = 0;
    int compiled = 0;
    int runs = 0;
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
        Result result;
        try {
          result = timed(worker, base.path(), mutation.text());
          if (result.nanos() > TimeUnit.MILLISECONDS.toNanos(SLOW_MS)) {
            result = timed(worker, base.path(), mutation.text());
          }
        } catch (TimeoutException e) {
          Failure hang = new Failure(i, base.path(), mutation.edits(), mutation.text(),
              List.of("still running after " + HANG_MS + " ms: a hang"));
          save(seed, hang);
          fail(hang.describe(seed));
          return;
        }
        runs++;
        if (result.compiled()) {
          compiled++;
        }
        if (result.nanos() > slowestNanos) {
          slowestNanos = result.nanos();
          slowestIndex = i;
        }
        for (Diagnostic d : result.diagnostics()) {
          if (d.severity() == Severity.ERROR) {
            codes.merge(d.code(), 1, Integer::sum);
          }
        }
        List<String> problems = new ArrayList<>(result.problems());
        if (result.nanos() > TimeUnit.MILLISECONDS.toNanos(SLOW_MS)) {
          problems.add(String.format("took %.0f ms (limit %d ms)", result.nanos() / 1e6,
              SLOW_MS));
        }
        if (!problems.isEmpty()) {
          failureCount++;
          if (failures.size() < MAX_FAILURES_KEPT) {
            Failure f = new Failure(i, base.path(), mutation.edits(), mutation.text(), problems);
            failures.add(f);
            save(seed, f);
          }
        }
      }
    } finally {
      worker.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("FrontendFuzzTest: %d inputs in %.1f s, %d compiled (%d rejected), "
            + "%d failing; slowest #%d took %.1f ms%n", runs, seconds, compiled, runs - compiled,
        failureCount, slowestIndex, slowestNanos / 1e6);
    System.out.println("FrontendFuzzTest: error codes seen (" + codes.size() + "): " + codes);
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

  private static Result timed(ExecutorService worker, Path file, String text)
      throws InterruptedException, TimeoutException {
    Future<Result> future = worker.submit(() -> run(file, text));
    try {
      return future.get(HANG_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("fuzz harness failed", e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
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
