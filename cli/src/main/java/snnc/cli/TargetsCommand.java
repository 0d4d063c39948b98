package snnc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snnc targets}: lists the built-in target models (not built yet). */
@Command(name = "targets", mixinStandardHelpOptions = true,
    description = "Lists the built-in targets with their capacities.",
    footer = {"", "Example:", "  snnc targets"})
final class TargetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "targets", "the mapper's target models");
  }
}
