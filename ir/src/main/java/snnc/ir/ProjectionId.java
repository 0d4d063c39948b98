package snnc.ir;

/** A projection's unique name: the user's label, or {@code pre->post} (with {@code #2}… on repeats). */
public record ProjectionId(String name) implements Comparable<ProjectionId> {
  @Override
  public int compareTo(ProjectionId o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
