package snnc.hdl.lower;

import java.util.List;

/** A statement of a clocked process. */
public sealed interface Stmt {

  /** A non-blocking assignment {@code lhs <= rhs;}. */
  record Assign(Expr lhs, Expr rhs) implements Stmt {}

  /** {@code if (cond) … else …}; an empty else branch is not printed. */
  record If(Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** {@code case (selector)} with labelled arms and a default arm. */
  record Case(Expr selector, List<Arm> arms, List<Stmt> otherwise) implements Stmt {
    public Case {
      arms = List.copyOf(arms);
      otherwise = List.copyOf(otherwise);
    }
  }

  /** One arm of a {@link Case}. */
  record Arm(Expr label, List<Stmt> body) {
    public Arm {
      body = List.copyOf(body);
    }
  }

  static Assign set(String name, Expr value) {
    return new Assign(Expr.ref(name), value);
  }

  static If when(Expr cond, Stmt... then) {
    return new If(cond, List.of(then), List.of());
  }
}
