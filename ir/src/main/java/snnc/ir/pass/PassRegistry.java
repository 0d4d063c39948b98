package snnc.ir.pass;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import snnc.ir.expand.ExpandPass;
import snnc.ir.verify.VerifyPass;

/**
 * Passes by name, registered explicitly (no classpath scanning), so the set of passes a build can run
 * is visible in one place.
 */
public final class PassRegistry {

  private final Map<String, Supplier<? extends Pass<?, ?>>> factories = new LinkedHashMap<>();

  /** The passes of the {@code ir} module: {@code verify} and {@code expand} (default options). */
  public static PassRegistry standard() {
    return new PassRegistry()
        .register(VerifyPass.NAME, VerifyPass::new)
        .register(ExpandPass.NAME, () -> new ExpandPass(ExpandPass.Options.defaults()));
  }

  /** Adds a pass; {@code name} must be kebab-case, unique, and equal to the pass's own name. */
  public PassRegistry register(String name, Supplier<? extends Pass<?, ?>> factory) {
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("pass name must be kebab-case: " + name);
    }
    if (factories.putIfAbsent(name, factory) != null) {
      throw new IllegalArgumentException("pass " + name + " registered twice");
    }
    return this;
  }

  /** A new instance of the pass called {@code name}. */
  public Optional<Pass<?, ?>> create(String name) {
    Supplier<? extends Pass<?, ?>> f = factories.get(name);
    if (f == null) {
      return Optional.empty();
    }
    Pass<?, ?> pass = f.get();
    if (!pass.name().equals(name)) {
      throw new IllegalStateException(
          "pass registered as " + name + " calls itself " + pass.name());
    }
    return Optional.of(pass);
  }

  /** Registered names in registration order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(factories.keySet());
  }
}
