package snnc.hdl.lower;

import java.util.List;

/**
 * The generators' item builders (comments, wires, registers, memories), appending to one
 * module's item list: the core generators, the Poisson generator (a part of a core, sharing the
 * core's list) and the system generator extend it instead of each keeping copies.
 */
abstract class ItemBuilder {

  /** The module's items, in declaration order. */
  protected final List<Item> items;

  protected ItemBuilder(List<Item> items) {
    this.items = items;
  }

  protected void comment(String text) {
    items.add(new Item.Comment(text));
  }

  /** An unsigned wire, continuously assigned unless {@code value} is null. */
  protected void wire(String name, int width, Expr value) {
    items.add(new Item.Wire(name, width, false, value));
  }

  protected void swire(String name, int width, Expr value) {
    items.add(new Item.Wire(name, width, true, value));
  }

  protected void reg(String name, int width) {
    items.add(new Item.Reg(name, width, false));
  }

  protected void sreg(String name, int width) {
    items.add(new Item.Reg(name, width, true));
  }

  /**
   * A block-RAM memory whose ports are the wires {@code NAME_we}, {@code NAME_wa},
   * {@code NAME_wd}, {@code NAME_re}, {@code NAME_ra} and the register {@code NAME_rd};
   * {@code init} names the module parameter with its image, or is null.
   */
  protected void memory(String name, int width, int depth, String init) {
    items.add(new Item.Memory(name, width, depth, "block", init, name + "_we", name + "_wa",
        name + "_wd", name + "_re", name + "_ra", name + "_rd"));
  }
}
