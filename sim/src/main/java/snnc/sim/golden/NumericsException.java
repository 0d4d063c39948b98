package snnc.sim.golden;

import java.util.List;
import java.util.stream.Collectors;
import snnc.diag.Diagnostic;

/**
 * A network the fixed-point mode cannot run: the {@code quantise} pass reported errors
 * ({@code numerics.unsupported-feature}, {@code quant.out-of-range}, {@code quant.zero-weight}).
 */
public final class NumericsException extends IllegalArgumentException {

  private final transient List<Diagnostic> diagnostics;

  public NumericsException(String profile, List<Diagnostic> diagnostics) {
    super("network does not fit numerics profile " + profile + ":\n" + diagnostics.stream()
        .map(d -> d.raw() + ": " + d.message()).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
