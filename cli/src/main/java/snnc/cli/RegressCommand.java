package snnc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snnc regress}: the hardware-in-the-loop regression suite (not built yet). */
@Command(name = "regress", mixinStandardHelpOptions = true,
    description = "Runs the regression corpus on every configured target and writes a report.",
    footer = {"", "Example:", "  snnc regress --targets golden-fixed,verilator --out build/regress"})
final class RegressCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--targets", split = ",", description = "Targets to run.")
  java.util.List<String> targets;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder for the report.")
  Path out;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "regress", "the regression harness");
  }
}
