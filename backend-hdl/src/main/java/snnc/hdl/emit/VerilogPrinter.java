package snnc.hdl.emit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.RtlModule;
import snnc.hdl.lower.Stmt;

/** Prints an {@link RtlModule} as indented Verilog-2005. Deterministic: same model, same text. */
public final class VerilogPrinter {

  private final StringBuilder out = new StringBuilder();
  private Set<String> outputs = Set.of();
  private boolean lastWasComment;

  private VerilogPrinter() {}

  /** The module's Verilog text, header comment first. */
  public static String print(RtlModule module) {
    VerilogPrinter p = new VerilogPrinter();
    p.module(module);
    return p.out.toString();
  }

  private void module(RtlModule m) {
    for (String h : m.header()) {
      line(0, h.isEmpty() ? "//" : "// " + h);
    }
    line(0, "`default_nettype none");
    line(0, "");
    outputs = new HashSet<>();
    for (RtlModule.Port p : m.ports()) {
      if (p.direction() == RtlModule.Direction.OUTPUT && !p.reg()) {
        outputs.add(p.name());
      }
    }
    if (m.params().isEmpty()) {
      line(0, "module " + m.name() + " (");
    } else {
      line(0, "module " + m.name() + " #(");
      for (int k = 0; k < m.params().size(); k++) {
        RtlModule.Param p = m.params().get(k);
        String sep = k + 1 < m.params().size() ? "," : "";
        line(1, "parameter " + p.name() + " = " + expr(p.value()) + sep
            + (p.comment() == null ? "" : "  // " + p.comment()));
      }
      line(0, ") (");
    }
    for (int k = 0; k < m.ports().size(); k++) {
      RtlModule.Port p = m.ports().get(k);
      String sep = k + 1 < m.ports().size() ? "," : "";
      line(1, p.direction().keyword + " wire".repeat(p.reg() ? 0 : 1) + (p.reg() ? " reg" : "")
          + range(p.width(), false) + p.name() + sep
          + (p.comment() == null ? "" : "  // " + p.comment()));
    }
    line(0, ");");
    for (Item item : m.items()) {
      item(item);
    }
    line(0, "");
    line(0, "endmodule");
    line(0, "");
    line(0, "`default_nettype wire");
  }

  private void item(Item item) {
    boolean afterComment = lastWasComment;
    lastWasComment = item instanceof Item.Comment;
    if (item instanceof Item.Comment c) {
      if (!afterComment) {
        line(0, "");
      }
      line(1, "// " + c.text());
    } else if (item instanceof Item.LocalParam p) {
      line(1, "localparam " + p.name() + " = " + expr(p.value()) + ";");
    } else if (item instanceof Item.Wire w) {
        if (w.value() == null) {
          line(1, "wire" + range(w.width(), w.signed()) + w.name() + ";");
        } else if (outputs.contains(w.name())) {
          line(1, "assign " + w.name() + " = " + expr(w.value()) + ";");
        } else {
          line(1, "wire" + range(w.width(), w.signed()) + w.name() + " = " + expr(w.value()) + ";");
        }
    } else if (item instanceof Item.Reg r) {
      line(1, "reg" + range(r.width(), r.signed()) + r.name() + ";");
    } else if (item instanceof Item.Memory m) {
      memory(m);
    } else if (item instanceof Item.Always a) {
        line(1, "always @(posedge " + a.clock() + ") begin");
        stmts(2, a.body());
        line(1, "end");
    } else if (item instanceof Item.Instance i) {
      instance(i);
    }
  }

  private void memory(Item.Memory m) {
    line(0, "");
    line(1, "(* ram_style = \"" + m.style() + "\" *)");
    line(1, "reg" + range(m.width(), false) + m.name() + " [0:" + (m.depth() - 1) + "];");
    line(1, "reg" + range(m.width(), false) + m.readData() + ";");
    if (m.initParam() != null) {
      line(1, "generate");
      line(2, "if (" + m.initParam() + " != \"\") begin : g_" + m.name() + "_init");
      line(3, "initial $readmemh(" + m.initParam() + ", " + m.name() + ");");
      line(2, "end");
      line(1, "endgenerate");
    }
    line(1, "always @(posedge clk) begin");
    line(2, "if (" + m.writeEnable() + ") " + m.name() + "[" + m.writeAddress() + "] <= "
        + m.writeData() + ";");
    line(2, "if (" + m.readEnable() + ") " + m.readData() + " <= " + m.name() + "["
        + m.readAddress() + "];");
    line(1, "end");
  }

  private void instance(Item.Instance i) {
    line(0, "");
    if (i.parameters().isEmpty()) {
      line(1, i.module() + " " + i.name() + " (");
    } else {
      line(1, i.module() + " #(");
      connections(i.parameters());
      line(1, ") " + i.name() + " (");
    }
    connections(i.ports());
    line(1, ");");
  }

  private void connections(List<Item.Connection> cs) {
    for (int k = 0; k < cs.size(); k++) {
      Item.Connection c = cs.get(k);
      line(2, "." + c.name() + "(" + (c.value() == null ? "" : expr(c.value())) + ")"
          + (k + 1 < cs.size() ? "," : ""));
    }
  }

  private void stmts(int depth, List<Stmt> body) {
    for (Stmt s : body) {
      stmt(depth, s);
    }
  }

  private void stmt(int depth, Stmt s) {
    if (s instanceof Stmt.Assign a) {
      line(depth, expr(a.lhs()) + " <= " + expr(a.rhs()) + ";");
    } else if (s instanceof Stmt.If i) {
        line(depth, "if (" + expr(i.cond()) + ") begin");
        stmts(depth + 1, i.then());
        List<Stmt> rest = i.otherwise();
        while (rest.size() == 1 && rest.get(0) instanceof Stmt.If elif) {
          line(depth, "end else if (" + expr(elif.cond()) + ") begin");
          stmts(depth + 1, elif.then());
          rest = elif.otherwise();
        }
        if (!rest.isEmpty()) {
          line(depth, "end else begin");
          stmts(depth + 1, rest);
        }
        line(depth, "end");
    } else if (s instanceof Stmt.Case c) {
        line(depth, "case (" + expr(c.selector()) + ")");
        for (Stmt.Arm arm : c.arms()) {
          line(depth + 1, expr(arm.label()) + ": begin");
          stmts(depth + 2, arm.body());
          line(depth + 1, "end");
        }
        line(depth + 1, "default: begin");
        stmts(depth + 2, c.otherwise());
        line(depth + 1, "end");
        line(depth, "endcase");
    }
  }

  /** The Verilog text of an expression. */
  public static String expr(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.name();
    } else if (e instanceof Expr.Lit l) {
      return l.width() + (l.signed() ? "'sh" : "'h") + l.value().toString(16);
    } else if (e instanceof Expr.Int i) {
      return Long.toString(i.value());
    } else if (e instanceof Expr.Str s) {
      return "\"" + s.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    } else if (e instanceof Expr.Bin b) {
      return "(" + expr(b.a()) + " " + b.op() + " " + expr(b.b()) + ")";
    } else if (e instanceof Expr.Un u) {
      return "(" + u.op() + expr(u.a()) + ")";
    } else if (e instanceof Expr.Cond c) {
      return "(" + expr(c.c()) + " ? " + expr(c.a()) + " : " + expr(c.b()) + ")";
    } else if (e instanceof Expr.Cat c) {
      return "{" + String.join(", ", c.parts().stream().map(VerilogPrinter::expr).toList()) + "}";
    } else if (e instanceof Expr.Rep r) {
      return "{" + r.n() + "{" + expr(r.e()) + "}}";
    } else if (e instanceof Expr.Slice s) {
      return s.name() + "[" + (s.hi() == s.lo() ? s.hi() + "" : s.hi() + ":" + s.lo()) + "]";
    } else if (e instanceof Expr.Sys s) {
      return s.function() + "(" + String.join(", ", s.args().stream()
          .map(VerilogPrinter::expr).toList()) + ")";
    }
    throw new IllegalArgumentException("unknown expression " + e);
  }

  private static String range(int width, boolean signed) {
    String s = signed ? " signed" : "";
    return width == 1 ? s + " " : s + " [" + (width - 1) + ":0] ";
  }

  private void line(int depth, String text) {
    if (!text.isEmpty()) {
      out.append("  ".repeat(depth)).append(text);
    }
    out.append('\n');
  }
}
