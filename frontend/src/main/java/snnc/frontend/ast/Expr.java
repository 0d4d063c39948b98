package snnc.frontend.ast;

import java.util.List;
import java.util.Optional;
import snnc.diag.Span;

/** An expression as written: numbers with units, names, arithmetic, lists, tuples and calls. */
public sealed interface Expr {

  Span span();

  /** A number literal; {@code text} is kept so decimal values convert exactly. */
  record NumberLit(double value, String text, Span span) implements Expr {}

  /** {@code operand unit}, e.g. {@code 20 ms} or {@code (a + b) mV}. */
  record WithUnit(Expr operand, String unit, Span unitSpan, Span span) implements Expr {}

  /** A reference to a constant, loop variable or (as a value) a unit symbol. */
  record Name(String name, Span span) implements Expr {}

  /** Unary minus. */
  record Negate(Expr operand, Span span) implements Expr {}

  /** {@code left op right} with {@code op} one of {@code + - * / %}. */
  record Binary(String op, Expr left, Expr right, Span span) implements Expr {}

  /** {@code [a, b, c]}. */
  record ListLit(List<Expr> items, Span span) implements Expr {
    public ListLit {
      items = List.copyOf(items);
    }
  }

  /** {@code (a, b)}, used for coordinates, shapes and from-list connections. */
  record TupleLit(List<Expr> items, Span span) implements Expr {
    public TupleLit {
      items = List.copyOf(items);
    }
  }

  /** {@code name(args)}: a distribution or a math function. */
  record Call(String name, Span nameSpan, List<Arg> args, Span span) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code true} or {@code false}. */
  record BoolLit(boolean value, Span span) implements Expr {}

  /** A string literal, without quotes and with escapes resolved. */
  record StringLit(String value, Span span) implements Expr {}

  /**
   * An argument of a call, cell or connector: optionally named, with an optional {@code seed}
   * for distributions.
   */
  record Arg(Optional<String> name, Span nameSpan, Expr value, Optional<Expr> seed, Span span) {}
}
