package snnc.mapper.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in targets and how a {@code --target} argument is resolved: a built-in name, optionally
 * with parameter overrides ({@code fpga-generic:cores=64,neurons_per_core=512}), or a path to a
 * JSON file (anything ending in {@code .json} or naming an existing file).
 */
public final class Targets {

  /** Built-in target names, in the order {@code snnc targets} lists them. */
  public static final List<String> BUILT_IN = List.of("spinn3", "spinn5", "spinn5x12",
      "spinn5x24", "ice40-up5k", "ice40-hx8k", "fpga-generic");

  private Targets() {}

  /** Resolves a {@code --target} argument. */
  public static Target resolve(String spec) throws TargetException {
    String name = spec;
    Map<String, String> overrides = new LinkedHashMap<>();
    int colon = spec.indexOf(':');
    if (colon > 0 && !Files.exists(Path.of(spec))) {
      name = spec.substring(0, colon);
      for (String kv : spec.substring(colon + 1).split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new TargetException("--target " + spec + ": overrides are written name=value, not '"
              + kv + "'");
        }
        overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    if (name.endsWith(".json") || Files.exists(Path.of(name))) {
      return TargetLoader.load(Path.of(name), overrides);
    }
    Target t = TargetLoader.loadResource(name, overrides);
    if (t == null) {
      throw new TargetException("unknown target '" + name + "'; built in: "
          + String.join(", ", BUILT_IN) + " (or a path to a target .json file)");
    }
    return t;
  }

  /** A built-in target; throws for a name that is not built in (a bug in the caller). */
  public static Target builtIn(String name) {
    try {
      Target t = TargetLoader.loadResource(name, Map.of());
      if (t == null) {
        throw new IllegalArgumentException("no built-in target " + name);
      }
      return t;
    } catch (TargetException e) {
      throw new IllegalStateException("built-in target " + name + " is broken: " + e.getMessage(), e);
    }
  }
}
