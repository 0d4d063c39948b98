package snnc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snnc deploy}: loads a build onto a board (not built yet). */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Loads a compiled model onto a board (FPGA flash or a SpiNNaker machine) and runs it.",
    footer = {"", "Example:", "  snnc deploy build/synfire --board 192.168.240.253"})
final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUILD", description = "A folder written by 'snnc compile'.")
  Path build;

  @Option(names = "--board", description = "Board address (SpiNNaker) or programmer (FPGA).")
  String board;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "deploy", "deployment to boards");
  }
}
