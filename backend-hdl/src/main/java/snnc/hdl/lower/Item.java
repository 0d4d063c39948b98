package snnc.hdl.lower;

import java.util.List;

/** A module-level item of the RTL model. */
public sealed interface Item {

  /** A line comment (why, not what) before the items that follow. */
  record Comment(String text) implements Item {}

  /** {@code localparam name = value;}. */
  record LocalParam(String name, Expr value) implements Item {}

  /** A wire, continuously assigned unless {@code value} is null (driven by an instance). */
  record Wire(String name, int width, boolean signed, Expr value) implements Item {}

  /** A register written by a clocked process. */
  record Reg(String name, int width, boolean signed) implements Item {}

  /**
   * A memory with one synchronous write port and one synchronous read port with read enable, the
   * shape iCE40 block RAM (and every FPGA's simple dual-port RAM) implements. The named ports are
   * wires the generator declares; {@code readData} is a register this item declares. When the
   * module parameter {@code initParam} is a non-empty file name, the memory starts from that
   * {@code $readmemh} image.
   */
  record Memory(String name, int width, int depth, String style, String initParam,
      String writeEnable, String writeAddress, String writeData, String readEnable,
      String readAddress, String readData) implements Item {}

  /** {@code always @(posedge clk)} with the given body. */
  record Always(String clock, List<Stmt> body) implements Item {
    public Always {
      body = List.copyOf(body);
    }
  }

  /** An instance of another module, ports connected by name. */
  record Instance(String module, String name, List<Connection> parameters,
      List<Connection> ports) implements Item {
    public Instance {
      parameters = List.copyOf(parameters);
      ports = List.copyOf(ports);
    }
  }

  /** {@code .name(value)}. */
  record Connection(String name, Expr value) {}
}
