package snnc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import snnc.ir.Network;
import snnc.ir.pass.PassContext;
import snnc.ir.verify.VerifyPass;

/** {@code snnc check}: parse, check and validate a model without writing anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Parses, checks and validates a model and prints every diagnostic.",
    footer = {"", "Examples:", "  snnc check examples/tiny.snn",
        "  snnc check --raw model.snn      # file:line:col: code, one per line"})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Mixin DiagnosticOptions diagnostics;

  @Override
  public Integer call() {
    Compilation compilation = diagnostics.newCompilation(spec.commandLine().getErr());
    Optional<Network> network = compilation.frontend(file);
    network.ifPresent(n -> compilation.passes(n, List.of(VerifyPass.NAME), Set.of(),
        PassContext.DumpHook.none()));
    compilation.printDiagnostics();
    if (network.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    Network n = network.get();
    spec.commandLine().getOut().printf("%s: network '%s' is valid: %d populations (%d cells), "
        + "%d projections%n", file, n.name(), n.populations().size(), n.cellCount(),
        n.projections().size());
    return 0;
  }
}
