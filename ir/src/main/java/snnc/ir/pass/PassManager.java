package snnc.ir.pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a named sequence of passes, e.g. {@code verify, expand}, on a network. It checks that each
 * pass reads what the previous one produced before running anything, stops after a pass that
 * reported errors, hands the printed IR to the context's dump hook after the passes named in
 * {@code dumpAfter} ({@code --dump-after NAME}; {@code *} for all), and wraps any exception escaping a
 * pass into a {@link PassException} naming it.
 */
public final class PassManager {

  private final List<Pass<?, ?>> passes;
  private final Set<String> dumpAfter;
  private final Function<Object, String> printer;

  /** The outcome: the last result produced and whether every pass ran without errors. */
  public record Result(Object output, List<String> passesRun, boolean succeeded) {
    public Result {
      passesRun = List.copyOf(passesRun);
    }

    /** The output as {@code type}; throws if the pipeline stopped before producing one. */
    public <T> T output(Class<T> type) {
      if (!type.isInstance(output)) {
        throw new IllegalStateException("pipeline produced " + output.getClass().getSimpleName()
            + ", not " + type.getSimpleName());
      }
      return type.cast(output);
    }
  }

  /**
   * @param passes the pipeline in order
   * @param dumpAfter names of passes whose result is printed, or {@code *}
   * @param printer renders a pass's result (e.g. {@code IrJson::print})
   */
  public PassManager(List<Pass<?, ?>> passes, Set<String> dumpAfter,
      Function<Object, String> printer) {
    this.passes = List.copyOf(passes);
    this.dumpAfter = Set.copyOf(dumpAfter);
    this.printer = Objects.requireNonNull(printer, "printer");
    for (int k = 1; k < this.passes.size(); k++) {
      Pass<?, ?> prev = this.passes.get(k - 1);
      Pass<?, ?> next = this.passes.get(k);
      if (!next.inputType().isAssignableFrom(prev.outputType())) {
        throw new IllegalArgumentException("pass '" + next.name() + "' reads "
            + next.inputType().getSimpleName() + " but '" + prev.name() + "' produces "
            + prev.outputType().getSimpleName());
      }
    }
    Set<String> known = new java.util.HashSet<>();
    this.passes.forEach(p -> known.add(p.name()));
    for (String name : this.dumpAfter) {
      if (!name.equals("*") && !known.contains(name)) {
        throw new IllegalArgumentException("--dump-after names '" + name
            + "', which is not in the pipeline " + known);
      }
    }
  }

  /** A pipeline of registered passes by name; unknown names are an {@link IllegalArgumentException}. */
  public static PassManager of(PassRegistry registry, List<String> names, Set<String> dumpAfter,
      Function<Object, String> printer) {
    List<Pass<?, ?>> passes = new ArrayList<>();
    for (String name : names) {
      passes.add(registry.create(name).orElseThrow(() -> new IllegalArgumentException(
          "unknown pass '" + name + "'; known passes: " + registry.names())));
    }
    return new PassManager(passes, dumpAfter, printer);
  }

  /** Runs the pipeline on {@code input}. */
  public Result run(Object input, PassContext context) {
    Object current = input;
    List<String> ran = new ArrayList<>();
    for (Pass<?, ?> pass : passes) {
      int errorsBefore = context.sink().errorCount();
      current = runOne(pass, current, context);
      ran.add(pass.name());
      if (dumpAfter.contains("*") || dumpAfter.contains(pass.name())) {
        context.dumpHook().dump(pass.name(), printer.apply(current));
      }
      if (context.sink().errorCount() > errorsBefore) {
        return new Result(current, ran, false);
      }
    }
    return new Result(current, ran, true);
  }

  private static <I, O> O runOne(Pass<I, O> pass, Object input, PassContext context) {
    if (!pass.inputType().isInstance(input)) {
      throw new IllegalArgumentException("pass '" + pass.name() + "' reads "
          + pass.inputType().getSimpleName() + ", got " + input.getClass().getSimpleName());
    }
    context.enter(pass.name());
    O out;
    try {
      out = pass.run(pass.inputType().cast(input), context);
    } catch (PassException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PassException(pass.name(), String.valueOf(e.getMessage()), e);
    }
    if (out == null) {
      throw new PassException(pass.name(), "returned null", null);
    }
    return out;
  }
}
