package snnc.frontend.sema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.ast.SourceFile;
import snnc.frontend.parse.SourceParser;

/**
 * Reads and parses the main file and, transitively, every file it imports. Imports resolve against
 * the importing file's directory; a file is named by its normalised path. Cycles and missing files
 * are reported at the import statement.
 */
public final class ModuleLoader {

  /** The loaded program: files by name (main first), how each import resolved, broken files. */
  public record Program(SourceFile main, Map<String, SourceFile> files,
      Map<SourceFile.Import, String> resolved, Set<String> incomplete, boolean syntaxErrors) {}

  private final SourceMap sources;
  private final DiagnosticSink sink;
  private final Reporter reporter;
  private final Map<String, SourceFile> files = new LinkedHashMap<>();
  private final Map<String, String> nameByKey = new HashMap<>();
  private final Map<SourceFile.Import, String> resolved = new HashMap<>();
  private final Set<String> incomplete = new HashSet<>();
  private final List<String> stack = new ArrayList<>();
  private boolean syntaxErrors;

  public ModuleLoader(SourceMap sources, DiagnosticSink sink, Reporter reporter) {
    this.sources = sources;
    this.sink = sink;
    this.reporter = reporter;
  }

  /** Loads {@code text} as the main file {@code fileName} and everything it imports. */
  public Optional<Program> load(String fileName, String text) {
    sources.add(fileName, text);
    Optional<SourceFile> main = SourceParser.parse(fileName, text, sink);
    if (main.isEmpty()) {
      return Optional.empty();
    }
    files.put(fileName, main.get());
    try {
      nameByKey.put(key(Path.of(fileName)), fileName);
    } catch (InvalidPathException e) {
      // An in-memory file whose name is no path: it can import, but nothing can import it.
    }
    visit(main.get());
    if (syntaxErrors) {
      return Optional.empty();
    }
    return Optional.of(new Program(main.get(), files, resolved, incomplete, false));
  }

  /** The directory a file's relative paths resolve against (the working directory if none). */
  public static Path directoryOf(String file) {
    try {
      return Optional.ofNullable(Path.of(file).getParent()).orElse(Path.of(""));
    } catch (InvalidPathException e) {
      return Path.of("");
    }
  }

  private static String key(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  private void visit(SourceFile file) {
    stack.add(file.file());
    Path dir = directoryOf(file.file());
    for (SourceFile.TopItem item : file.items()) {
      if (!(item instanceof SourceFile.Import imp)) {
        continue;
      }
      Path path;
      try {
        path = dir.resolve(imp.path()).normalize();
      } catch (InvalidPathException e) {
        reporter.error("sema.import-not-found", imp.pathSpan(), "'" + imp.path()
            + "' is not a valid file name");
        incomplete.add(file.file());
        continue;
      }
      String name = path.toString();
      String existing = nameByKey.get(key(path));
      if (existing != null) {
        int at = stack.indexOf(existing);
        if (at >= 0) {
          List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
          cycle.add(existing);
          reporter.error("sema.import-cycle", imp.span(), "import cycle: "
              + String.join(" -> ", cycle), "a file cannot import itself, directly or through "
              + "other files");
          incomplete.add(file.file());
        } else {
          resolved.put(imp, existing);
        }
        continue;
      }
      if (!Files.isRegularFile(path)) {
        reporter.error("sema.import-not-found", imp.pathSpan(), "cannot find imported file '"
            + imp.path() + "'", "looked for " + path.toAbsolutePath().normalize());
        incomplete.add(file.file());
        continue;
      }
      String text;
      try {
        text = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        reporter.error("sema.import-not-found", imp.pathSpan(), "cannot read imported file '"
            + imp.path() + "': " + e.getMessage());
        incomplete.add(file.file());
        continue;
      }
      sources.add(name, text);
      nameByKey.put(key(path), name);
      Optional<SourceFile> parsed = SourceParser.parse(name, text, sink);
      if (parsed.isEmpty()) {
        syntaxErrors = true;
        continue;
      }
      files.put(name, parsed.get());
      resolved.put(imp, name);
      visit(parsed.get());
    }
    stack.remove(stack.size() - 1);
  }
}
