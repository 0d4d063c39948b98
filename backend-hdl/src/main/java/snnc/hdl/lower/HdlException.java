package snnc.hdl.lower;

import java.util.List;
import snnc.diag.Diagnostic;

/** A network the FPGA backend cannot build, with the diagnostics that say why. */
public final class HdlException extends RuntimeException {

  private final transient List<Diagnostic> diagnostics;

  public HdlException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(d -> d.code() + ": " + d.message())
        .reduce((a, b) -> a + "; " + b).orElse("FPGA backend error"));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
