package snnc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snnc cosim}: Verilator / ARM co-simulation against the golden model (not built yet). */
@Command(name = "cosim", mixinStandardHelpOptions = true,
    description = "Co-simulates the compiled design and compares it spike for spike with the golden simulator.",
    footer = {"", "Example:", "  snnc cosim examples/synfire.snn --target ice40-up5k --out build/cosim"})
final class CosimCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--target", required = true, description = "Target name.")
  String target;

  @Option(names = "--trace", description = "Write a VCD waveform.")
  boolean trace;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "cosim", "co-simulation");
  }
}
