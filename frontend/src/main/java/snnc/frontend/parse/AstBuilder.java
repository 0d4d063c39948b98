package snnc.frontend.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import snnc.diag.Span;
import snnc.frontend.ast.CellExpr;
import snnc.frontend.ast.Expr;
import snnc.frontend.ast.PopRef;
import snnc.frontend.ast.SourceFile;
import snnc.frontend.ast.Stmt;
import snnc.frontend.parse.SnnParser.*;

/** Builds AST records from an error-free parse tree. */
final class AstBuilder {

  private final String file;

  AstBuilder(String file) {
    this.file = file;
  }

  private Span span(ParserRuleContext ctx) {
    return Spans.of(file, ctx);
  }

  private Span span(Token token) {
    return Spans.of(file, token);
  }

  SourceFile file(FileContext ctx) {
    List<SourceFile.TopItem> items = new ArrayList<>();
    for (TopItemContext item : ctx.topItem()) {
      if (item.importDecl() != null) {
        StringContext s = item.importDecl().string();
        items.add(new SourceFile.Import(string(s), span(s), span(item.importDecl())));
      } else if (item.letDecl() != null) {
        items.add(let(item.letDecl()));
      } else if (item.cellDecl() != null) {
        items.add(cell(item.cellDecl()));
      } else {
        NetworkDeclContext n = item.networkDecl();
        items.add(new SourceFile.NetworkDecl(n.name.getText(), span(n.name), stmts(n.stmt()),
            span(n)));
      }
    }
    return new SourceFile(file, items);
  }

  private SourceFile.Let let(LetDeclContext ctx) {
    return new SourceFile.Let(ctx.name.getText(), span(ctx.name), expr(ctx.expr()), span(ctx));
  }

  private SourceFile.Cell cell(CellDeclContext ctx) {
    return new SourceFile.Cell(ctx.name.getText(), span(ctx.name), cellExpr(ctx.cellExpr()),
        span(ctx));
  }

  private List<Stmt> stmts(List<StmtContext> ctxs) {
    List<Stmt> out = new ArrayList<>();
    for (StmtContext s : ctxs) {
      out.add(stmt(s));
    }
    return out;
  }

  private Stmt stmt(StmtContext ctx) {
    if (ctx instanceof LetStmtContext c) {
      return let(c.letDecl());
    } else if (ctx instanceof CellStmtContext c) {
      return cell(c.cellDecl());
    } else if (ctx instanceof TimestepStmtContext c) {
      return new Stmt.Timestep(expr(c.expr()), span(c));
    } else if (ctx instanceof SeedStmtContext c) {
      return new Stmt.Seed(expr(c.expr()), span(c));
    } else if (ctx instanceof RunStmtContext c) {
      return new Stmt.Run(expr(c.expr()), span(c));
    } else if (ctx instanceof PopulationStmtContext c) {
      return new Stmt.Population(c.name.getText(), span(c.name),
          Optional.ofNullable(c.count).map(this::expr), cellExpr(c.cellExpr()),
          Optional.ofNullable(c.size).map(this::expr), span(c));
    } else if (ctx instanceof ConnectStmtContext c) {
      List<Stmt.Clause> clauses = new ArrayList<>();
      for (ClauseContext clause : c.clause()) {
        clauses.add(clause(clause));
      }
      return new Stmt.Connect(popRef(c.pre), popRef(c.post), connector(c.connector()), clauses,
          span(c));
    } else if (ctx instanceof ForStmtContext c) {
      return new Stmt.For(c.var.getText(), span(c.var), expr(c.from), expr(c.to),
          c.range.getType() == SnnParser.DOTDOT, stmts(c.stmt()), span(c));
    } else if (ctx instanceof RecordStmtContext c) {
      List<Stmt.RecordItem> items = new ArrayList<>();
      for (RecordItemContext item : c.recordItem()) {
        items.add(recordItem(item));
      }
      return new Stmt.Record(items, span(c));
    } else if (ctx instanceof TargetStmtContext c) {
      List<Stmt.TargetItem> items = new ArrayList<>();
      for (TargetItemContext item : c.targetItem()) {
        items.add(targetItem(item));
      }
      return new Stmt.Target(c.name.getText(), span(c.name), items, span(c));
    }
    throw new IllegalStateException("ast: unhandled statement " + ctx.getClass().getSimpleName());
  }

  private CellExpr cellExpr(CellExprContext ctx) {
    return new CellExpr(ctx.name.getText(), span(ctx.name), args(ctx.argList()), span(ctx));
  }

  private PopRef popRef(PopRefContext ctx) {
    return new PopRef(ctx.name.getText(), span(ctx.name),
        Optional.ofNullable(ctx.index).map(this::expr), span(ctx));
  }

  private Stmt.ConnectorExpr connector(ConnectorContext ctx) {
    Optional<Expr> operand = Optional.empty();
    if (ctx.list() != null) {
      operand = Optional.of(list(ctx.list()));
    } else if (ctx.string() != null) {
      operand = Optional.of(new Expr.StringLit(string(ctx.string()), span(ctx.string())));
    } else if (ctx.operand != null) {
      operand = Optional.of(new Expr.Name(ctx.operand.getText(), span(ctx.operand)));
    }
    return new Stmt.ConnectorExpr(ctx.name.getText(), span(ctx.name), args(ctx.argList()),
        operand, span(ctx));
  }

  private Stmt.Clause clause(ClauseContext ctx) {
    if (ctx instanceof WeightClauseContext c) {
      return new Stmt.WeightClause(expr(c.expr()), span(c));
    } else if (ctx instanceof DelayClauseContext c) {
      return new Stmt.DelayClause(expr(c.expr()), span(c));
    } else if (ctx instanceof ReceptorClauseContext c) {
      return new Stmt.ReceptorClause(c.name.getText(), span(c.name), span(c));
    } else if (ctx instanceof SynapseClauseContext c) {
      return new Stmt.SynapseClause(c.name.getText(), span(c.name), args(c.argList()), span(c));
    } else if (ctx instanceof SeedClauseContext c) {
      return new Stmt.SeedClause(expr(c.expr()), span(c));
    } else if (ctx instanceof AsClauseContext c) {
      return new Stmt.AsClause(c.name.getText(), span(c.name), span(c));
    }
    throw new IllegalStateException("ast: unhandled clause " + ctx.getClass().getSimpleName());
  }

  private Stmt.RecordItem recordItem(RecordItemContext ctx) {
    List<Stmt.Selector> selectors = new ArrayList<>();
    for (SelectorContext s : ctx.selector()) {
      if (s instanceof AllSelectorContext c) {
        selectors.add(new Stmt.AllSelector(span(c)));
      } else if (s instanceof RangeSelectorContext c) {
        selectors.add(new Stmt.RangeSelector(expr(c.from), expr(c.to),
            c.range.getType() == SnnParser.DOTDOT, span(c)));
      } else if (s instanceof IndexSelectorContext c) {
        selectors.add(new Stmt.IndexSelector(expr(c.index), span(c)));
      }
    }
    List<Stmt.Variable> vars = new ArrayList<>();
    for (Token t : ctx.vars) {
      vars.add(new Stmt.Variable(t.getText(), span(t)));
    }
    return new Stmt.RecordItem(ctx.name.getText(), span(ctx.name), selectors, vars, span(ctx));
  }

  private Stmt.TargetItem targetItem(TargetItemContext ctx) {
    if (ctx instanceof NeuronsPerCoreItemContext c) {
      return new Stmt.NeuronsPerCore(Optional.ofNullable(c.popRef()).map(this::popRef),
          expr(c.expr()), span(c));
    } else if (ctx instanceof NumericsItemContext c) {
      NumericsNameContext n = c.numericsName();
      String profile = n.string() != null ? string(n.string())
          : n.getStart().getInputStream().getText(
              Interval.of(n.getStart().getStartIndex(), n.getStop().getStopIndex()));
      return new Stmt.Numerics(profile, span(c));
    } else if (ctx instanceof PinItemContext c) {
      return new Stmt.Pin(popRef(c.popRef()), expr(c.expr()), span(c));
    }
    throw new IllegalStateException("ast: unhandled target item " + ctx.getClass().getSimpleName());
  }

  private List<Expr.Arg> args(ArgListContext ctx) {
    List<Expr.Arg> out = new ArrayList<>();
    if (ctx == null) {
      return out;
    }
    for (ArgContext a : ctx.arg()) {
      Optional<String> name = Optional.ofNullable(a.name).map(ParserRuleContext::getText);
      Span nameSpan = a.name != null ? span(a.name) : span(a.value);
      out.add(new Expr.Arg(name, nameSpan, expr(a.value), Optional.ofNullable(a.seed)
          .map(this::expr), span(a)));
    }
    return out;
  }

  Expr expr(ExprContext ctx) {
    if (ctx instanceof NegExprContext c) {
      return new Expr.Negate(expr(c.expr()), span(c));
    } else if (ctx instanceof MulExprContext c) {
      return new Expr.Binary(c.op.getText(), expr(c.expr(0)), expr(c.expr(1)), span(c));
    } else if (ctx instanceof AddExprContext c) {
      return new Expr.Binary(c.op.getText(), expr(c.expr(0)), expr(c.expr(1)), span(c));
    } else if (ctx instanceof PrimaryExprContext c) {
      return primary(c.primary());
    }
    throw new IllegalStateException("ast: unhandled expression " + ctx.getClass().getSimpleName());
  }

  private Expr primary(PrimaryContext ctx) {
    if (ctx instanceof NumberPrimaryContext c) {
      String text = c.NUMBER().getText().replace("_", "");
      Expr number = new Expr.NumberLit(Double.parseDouble(text), text, span(c.NUMBER().getSymbol()));
      return c.unit == null ? number : new Expr.WithUnit(number, c.unit.getText(), span(c.unit),
          span(c));
    } else if (ctx instanceof ParenPrimaryContext c && c.expr().size() == 1) {
      Expr inner = expr(c.expr(0));
      return c.unit == null ? inner : new Expr.WithUnit(inner, c.unit.getText(), span(c.unit),
          span(c));
    } else if (ctx instanceof ParenPrimaryContext c) {
      List<Expr> items = new ArrayList<>();
      for (ExprContext e : c.expr()) {
        items.add(expr(e));
      }
      return new Expr.TupleLit(items, span(c));
    } else if (ctx instanceof ListPrimaryContext c) {
      return list(c.list());
    } else if (ctx instanceof CallPrimaryContext c) {
      return new Expr.Call(c.name.getText(), span(c.name), args(c.argList()), span(c));
    } else if (ctx instanceof NamePrimaryContext c) {
      return new Expr.Name(c.name.getText(), span(c));
    } else if (ctx instanceof BoolPrimaryContext c) {
      return new Expr.BoolLit(c.TRUE() != null, span(c));
    } else if (ctx instanceof StringPrimaryContext c) {
      return new Expr.StringLit(string(c.string()), span(c));
    }
    throw new IllegalStateException("ast: unhandled primary " + ctx.getClass().getSimpleName());
  }

  private Expr.ListLit list(ListContext ctx) {
    List<Expr> items = new ArrayList<>();
    for (ExprContext e : ctx.expr()) {
      items.add(expr(e));
    }
    return new Expr.ListLit(items, span(ctx));
  }

  /** The string's value: quotes removed, {@code \"}, {@code \\}, {@code \n}, {@code \t} resolved. */
  private static String string(StringContext ctx) {
    String raw = ctx.getText();
    String body = raw.length() >= 2 && raw.endsWith("\"") && ctx.STRING() != null
        ? raw.substring(1, raw.length() - 1) : raw.substring(1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> next;
        });
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
