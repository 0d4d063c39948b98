package snnc.hdl.emit;

import java.util.ArrayList;
import java.util.List;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.Item;
import snnc.hdl.lower.RtlModule;
import snnc.hdl.lower.RtlModule.Direction;
import snnc.hdl.lower.RtlModule.Port;
import snnc.hdl.lower.Stmt;

/**
 * A three-pin wrapper for measuring a module's clock on a small package: every input bit of the
 * wrapped module comes from a shift register fed by pin {@code sin}, every output bit is
 * registered and their XOR drives pin {@code sout}. So no input is a constant that synthesis
 * could fold into the logic (a tied-off load port would turn the parameter table into a ROM), no
 * output is unused logic that it could remove, and the only paths from and to the pins are one
 * flip-flop long: nextpnr's Fmax is the module's own register-to-register clock. The core's
 * 100-odd port bits would not fit an SG48 package otherwise.
 */
public final class TimingHarness {

  private TimingHarness() {}

  /** The wrapper's ports: the clock, the serial input and the output. */
  public static final List<String> PINS = List.of("clk", "sin", "sout");

  /**
   * The wrapper module {@code name} around module {@code wrapped} with {@code ports}, its
   * parameters set to {@code parameters}.
   */
  public static RtlModule wrap(String name, String wrapped, List<Item.Connection> parameters,
      List<Port> ports, String clockPort, List<String> header) {
    List<Item> items = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    int inBits = 0;
    int outBits = 0;
    for (Port p : ports) {
      if (p.name().equals(clockPort)) {
        continue;
      }
      if (p.direction() == Direction.INPUT) {
        inBits += p.width();
      } else {
        outBits += p.width();
      }
    }
    if (inBits < 2 || outBits < 1) {
      throw new IllegalArgumentException(wrapped + " needs inputs and outputs to be wrapped");
    }
    items.add(new Item.Comment("Inputs: a shift register from sin; outputs: registered, XORed "
        + "into sout."));
    items.add(new Item.Reg("chain", inBits, false));
    items.add(new Item.Reg("outs_q", outBits, false));
    body.add(Stmt.set("chain", Expr.cat(Expr.slice("chain", inBits - 2, 0), Expr.ref("sin"))));
    List<Item.Connection> conns = new ArrayList<>();
    List<Expr> outs = new ArrayList<>();
    int at = 0;
    for (Port p : ports) {
      if (p.name().equals(clockPort)) {
        conns.add(new Item.Connection(p.name(), Expr.ref("clk")));
      } else if (p.direction() == Direction.INPUT) {
        conns.add(new Item.Connection(p.name(), Expr.slice("chain", at + p.width() - 1, at)));
        at += p.width();
      } else {
        String w = "w_" + p.name();
        items.add(new Item.Wire(w, p.width(), false, null));
        conns.add(new Item.Connection(p.name(), Expr.ref(w)));
        outs.add(0, Expr.ref(w));
      }
    }
    items.add(new Item.Instance(wrapped, "dut", parameters, conns));
    body.add(Stmt.set("outs_q", outs.size() == 1 ? outs.get(0)
        : Expr.cat(outs.toArray(Expr[]::new))));
    body.add(Stmt.set("sout", new Expr.Un("^", Expr.ref("outs_q"))));
    items.add(new Item.Always("clk", body));
    List<Port> pins = List.of(
        new Port("clk", Direction.INPUT, 1, false, "the clock being measured"),
        new Port("sin", Direction.INPUT, 1, false, "serial input: every input bit of " + wrapped),
        new Port("sout", Direction.OUTPUT, 1, true, "XOR of the registered outputs"));
    return new RtlModule(name, header, List.of(), pins, items);
  }

  /** The wrapper's Verilog text. */
  public static String verilog(String name, String wrapped, List<Item.Connection> parameters,
      List<Port> ports, String clockPort, List<String> header) {
    return VerilogPrinter.print(wrap(name, wrapped, parameters, ports, clockPort, header));
  }
}
