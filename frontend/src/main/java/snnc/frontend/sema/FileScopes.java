package snnc.frontend.sema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import snnc.frontend.ast.SourceFile;

/**
 * Evaluates the file-level {@code let}s and {@code cell}s of every loaded file, imported files
 * first, and builds each file's top scope: the names it imports followed by its own. A file exports
 * only its own names (not those it imports).
 */
public final class FileScopes {

  private final ModuleLoader.Program program;
  private final Evaluator evaluator;
  private final CellChecker cells;
  private final Reporter reporter;
  private final Map<String, Scope> scopes = new HashMap<>();
  private final Map<String, List<Binding>> exports = new HashMap<>();

  public FileScopes(ModuleLoader.Program program, Evaluator evaluator) {
    this.program = program;
    this.evaluator = evaluator;
    this.cells = new CellChecker(evaluator);
    this.reporter = evaluator.reporter();
  }

  /** The top scope of the main file (after evaluating every file it depends on). */
  public Scope mainScope() {
    return scope(program.main());
  }

  private Scope scope(SourceFile file) {
    Scope existing = scopes.get(file.file());
    if (existing != null) {
      return existing;
    }
    Scope scope = Scope.root(program.incomplete().contains(file.file()));
    scopes.put(file.file(), scope);
    List<Binding> own = new ArrayList<>();
    boolean isMain = file == program.main();
    for (SourceFile.TopItem item : file.items()) {
      if (item instanceof SourceFile.Import imp) {
        String target = program.resolved().get(imp);
        SourceFile imported = target == null ? null : program.files().get(target);
        if (imported == null) {
          continue;
        }
        scope(imported);
        for (Binding b : exports.getOrDefault(imported.file(), List.of())) {
          Optional<Binding> first = scope.local(b.name());
          if (first.isPresent() && first.get() != b) {
            reporter.error("sema.duplicate-name", imp.span(), "'" + b.name() + "' imported from "
                + imported.file() + " is already defined", Reporter.firstDefined(first.get()
                .definedAt()));
          } else {
            scope.define(b);
          }
        }
      } else if (item instanceof SourceFile.Let let) {
        Value v = evaluator.eval(let.value(), scope);
        define(scope, new Binding(let.name(), v, let.nameSpan())).ifPresent(own::add);
      } else if (item instanceof SourceFile.Cell cell) {
        Value v = cells.check(cell.cell(), scope).<Value>map(c -> c).orElse(Value.POISON);
        define(scope, new Binding(cell.name(), v, cell.nameSpan())).ifPresent(own::add);
      } else if (item instanceof SourceFile.NetworkDecl net && !isMain) {
        reporter.error("sema.network-in-import", net.nameSpan(), "imported file " + file.file()
            + " declares network '" + net.name() + "'", "an imported file may contain only "
            + "import, let and cell; move the network to the main file");
      }
    }
    exports.put(file.file(), own);
    return scope;
  }

  /** Defines {@code b} in {@code scope}, or reports a duplicate and returns empty. */
  public static Optional<Binding> define(Scope scope, Binding b, Reporter reporter) {
    Optional<Binding> first = scope.local(b.name());
    if (first.isPresent()) {
      reporter.error("sema.duplicate-name", b.definedAt(), "'" + b.name()
          + "' is already defined", Reporter.firstDefined(first.get().definedAt()));
      return Optional.empty();
    }
    scope.define(b);
    return Optional.of(b);
  }

  private Optional<Binding> define(Scope scope, Binding b) {
    return define(scope, b, reporter);
  }
}
