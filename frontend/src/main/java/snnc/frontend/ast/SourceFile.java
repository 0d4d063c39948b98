package snnc.frontend.ast;

import java.util.List;
import snnc.diag.Span;

/** One parsed file: its top-level items in source order. */
public record SourceFile(String file, List<TopItem> items) {

  public SourceFile {
    items = List.copyOf(items);
  }

  /** A file-level item. */
  public sealed interface TopItem {
    Span span();
  }

  /** {@code import "path"}. */
  public record Import(String path, Span pathSpan, Span span) implements TopItem {}

  /** {@code let name = expr}, at file level or in a network. */
  public record Let(String name, Span nameSpan, Expr value, Span span)
      implements TopItem, Stmt {}

  /** {@code cell name = CellType(args)}, a named cell template. */
  public record Cell(String name, Span nameSpan, CellExpr cell, Span span)
      implements TopItem, Stmt {}

  /** {@code network name { ... }}. */
  public record NetworkDecl(String name, Span nameSpan, List<Stmt> body, Span span)
      implements TopItem {
    public NetworkDecl {
      body = List.copyOf(body);
    }
  }
}
