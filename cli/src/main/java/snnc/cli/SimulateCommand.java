package snnc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code snnc simulate}: the golden simulator (not built yet). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs a model on the golden simulator and writes spikes, voltages and a raster plot.",
    footer = {"", "Example:", "  snnc simulate examples/synfire.snn --mode fixed --numerics compact --out build/sim"})
final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--mode", defaultValue = "float", description = "float or fixed (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--numerics", description = "Numerics profile for fixed mode: s16.15 or compact.")
  String numerics;

  @Option(names = "--steps", description = "Number of timesteps (default: the model's run length).")
  Long steps;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "simulate", "the golden simulator");
  }
}
