package snnc.frontend.ast;

import java.util.List;
import snnc.diag.Span;

/** A cell type or template with parameter overrides: {@code IF_curr_exp(tau_m = 10 ms)}. */
public record CellExpr(String name, Span nameSpan, List<Expr.Arg> args, Span span) {
  public CellExpr {
    args = List.copyOf(args);
  }
}
