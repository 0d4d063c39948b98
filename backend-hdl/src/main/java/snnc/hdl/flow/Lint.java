package snnc.hdl.flow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code verilator --lint-only -Wall}: the generated RTL must pass without a warning. */
public final class Lint {

  private Lint() {}

  /** Lints {@code files} (in {@code dir}) with {@code top} as the top module. */
  public static Tool.Result run(Path dir, String top, List<String> files) throws IOException {
    return run(dir, top, files, List.of());
  }

  /** As {@link #run(Path, String, List)} with extra verilator options (such as a waiver). */
  public static Tool.Result run(Path dir, String top, List<String> files, List<String> extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", top));
    args.addAll(extra);
    args.addAll(files);
    return Tool.VERILATOR.run(dir, dir.resolve("lint.log"), 120, args);
  }
}
