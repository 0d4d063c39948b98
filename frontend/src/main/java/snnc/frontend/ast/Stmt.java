package snnc.frontend.ast;

import java.util.List;
import java.util.Optional;
import snnc.diag.Span;

/** A statement inside a network (or a loop body). */
public sealed interface Stmt permits SourceFile.Let, SourceFile.Cell, Stmt.Timestep, Stmt.Seed,
    Stmt.Run, Stmt.Population, Stmt.Connect, Stmt.For, Stmt.Record, Stmt.Target {

  Span span();

  /** {@code timestep 0.1 ms}. */
  record Timestep(Expr value, Span span) implements Stmt {}

  /** {@code seed 1234}: the network seed every derived seed starts from. */
  record Seed(Expr value, Span span) implements Stmt {}

  /** {@code run 1000 ms}. */
  record Run(Expr value, Span span) implements Stmt {}

  /** {@code population name[count] = cell * size}. */
  record Population(String name, Span nameSpan, Optional<Expr> count, CellExpr cell,
      Optional<Expr> size, Span span) implements Stmt {}

  /** {@code connect pre -> post connector clauses}. */
  record Connect(PopRef pre, PopRef post, ConnectorExpr connector, List<Clause> clauses,
      Span span) implements Stmt {
    public Connect {
      clauses = List.copyOf(clauses);
    }
  }

  /** {@code for var in from .. to { body }} ({@code ..<} excludes {@code to}). */
  record For(String var, Span varSpan, Expr from, Expr to, boolean inclusive, List<Stmt> body,
      Span span) implements Stmt {
    public For {
      body = List.copyOf(body);
    }
  }

  /** {@code record a.spikes, b[0 .. 9].{spikes, v}}. */
  record Record(List<RecordItem> items, Span span) implements Stmt {
    public Record {
      items = List.copyOf(items);
    }
  }

  /** {@code target name { items }}. */
  record Target(String name, Span nameSpan, List<TargetItem> items, Span span) implements Stmt {
    public Target {
      items = List.copyOf(items);
    }
  }

  /** The connector of a connect statement, with its arguments and list or file operand. */
  record ConnectorExpr(String name, Span nameSpan, List<Expr.Arg> args, Optional<Expr> operand,
      Span span) {
    public ConnectorExpr {
      args = List.copyOf(args);
    }
  }

  /** A clause of a connect statement. */
  sealed interface Clause {
    Span span();
  }

  record WeightClause(Expr value, Span span) implements Clause {}

  record DelayClause(Expr value, Span span) implements Clause {}

  record ReceptorClause(String name, Span nameSpan, Span span) implements Clause {}

  record SynapseClause(String name, Span nameSpan, List<Expr.Arg> args, Span span)
      implements Clause {
    public SynapseClause {
      args = List.copyOf(args);
    }
  }

  record SeedClause(Expr value, Span span) implements Clause {}

  record AsClause(String name, Span nameSpan, Span span) implements Clause {}

  /** One population (or array) with selectors and the variables to record. */
  record RecordItem(String population, Span populationSpan, List<Selector> selectors,
      List<Variable> variables, Span span) {
    public RecordItem {
      selectors = List.copyOf(selectors);
      variables = List.copyOf(variables);
    }
  }

  /** A variable name in a record item. */
  record Variable(String name, Span span) {}

  /** {@code [*]}, {@code [i]} or {@code [a .. b]} after a population name. */
  sealed interface Selector {
    Span span();
  }

  record AllSelector(Span span) implements Selector {}

  record IndexSelector(Expr index, Span span) implements Selector {}

  record RangeSelector(Expr from, Expr to, boolean inclusive, Span span) implements Selector {}

  /** An item of a target block. */
  sealed interface TargetItem {
    Span span();
  }

  record NeuronsPerCore(Optional<PopRef> population, Expr value, Span span)
      implements TargetItem {}

  record Numerics(String profile, Span span) implements TargetItem {}

  record Pin(PopRef population, Expr place, Span span) implements TargetItem {}
}
