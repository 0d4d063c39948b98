package snnc.ir.pass;

/**
 * One step of the compiler with one job: a function from {@code I} to {@code O} that reports user
 * errors to the {@link PassContext}'s sink and throws only for internal bugs. A pass is deterministic
 * given its input, options and the context's seed.
 *
 * @param <I> what the pass reads (e.g. {@link snnc.ir.Network})
 * @param <O> what it produces; later stages refer to earlier ones, never change them
 */
public interface Pass<I, O> {

  /** The kebab-case name used by the registry and {@code --dump-after}, e.g. {@code verify}. */
  String name();

  /** The type the pass reads, checked when a pipeline is assembled. */
  Class<I> inputType();

  /** The type the pass produces. */
  Class<O> outputType();

  /** Runs the pass. May return a partial result when it reported errors. */
  O run(I input, PassContext context);
}
