package snnc.ir;

/** A population's unique name; array populations are named {@code stage[3]}. */
public record PopulationId(String name) implements Comparable<PopulationId> {
  @Override
  public int compareTo(PopulationId o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
