package snnc.hdl.lower;

import java.util.List;

/**
 * One Verilog module of the RTL model: a header (what generated it, from which model), module
 * parameters, ports and items, printed by {@code snnc.hdl.emit.VerilogPrinter}.
 */
public record RtlModule(String name, List<String> header, List<Param> params, List<Port> ports,
    List<Item> items) {

  public RtlModule {
    header = List.copyOf(header);
    params = List.copyOf(params);
    ports = List.copyOf(ports);
    items = List.copyOf(items);
  }

  /** A module parameter with its default. */
  public record Param(String name, Expr value, String comment) {}

  /** Port direction. */
  public enum Direction {
    INPUT("input"), OUTPUT("output");

    public final String keyword;

    Direction(String keyword) {
      this.keyword = keyword;
    }
  }

  /** A port; outputs are wires driven by an item of the same name unless {@code reg}. */
  public record Port(String name, Direction direction, int width, boolean reg, String comment) {}
}
