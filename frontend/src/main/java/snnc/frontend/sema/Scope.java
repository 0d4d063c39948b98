package snnc.frontend.sema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nested name scopes: file level (own and imported names), network level, loop bodies. A name may
 * shadow one from an enclosing scope but not repeat one in the same scope.
 */
public final class Scope {

  private final Scope parent;
  private final Map<String, Binding> bindings = new LinkedHashMap<>();
  private final boolean incomplete;

  private Scope(Scope parent, boolean incomplete) {
    this.parent = parent;
    this.incomplete = incomplete;
  }

  /** A file-level scope; {@code incomplete} when an import failed, so unknown names are expected. */
  public static Scope root(boolean incomplete) {
    return new Scope(null, incomplete);
  }

  public Scope child() {
    return new Scope(this, false);
  }

  /** Whether names may be missing because an import failed (unknown names are then not reported). */
  public boolean incomplete() {
    return incomplete || (parent != null && parent.incomplete());
  }

  public Optional<Binding> lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Binding b = s.bindings.get(name);
      if (b != null) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** The binding of {@code name} in this scope only. */
  public Optional<Binding> local(String name) {
    return Optional.ofNullable(bindings.get(name));
  }

  public void define(Binding binding) {
    bindings.put(binding.name(), binding);
  }

  /** Every visible name, innermost first, for "did you mean" suggestions. */
  public List<String> visibleNames() {
    List<String> names = new ArrayList<>();
    for (Scope s = this; s != null; s = s.parent) {
      names.addAll(s.bindings.keySet());
    }
    return names;
  }

  /** This scope's own bindings in definition order. */
  public List<Binding> bindings() {
    return List.copyOf(bindings.values());
  }
}
