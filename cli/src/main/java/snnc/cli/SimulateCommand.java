package snnc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import snnc.ir.Network;
import snnc.ir.verify.VerifyPass;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.Numerics;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;

/**
 * {@code snnc simulate}: compiles a model, runs it on the golden simulator and writes the outputs
 * described in {@link SimulationOutput}. Nothing is written when the model or a run fails.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs a model on the golden simulator and writes into DIR: spikes.csv, v_<population>.csv "
            + "for recorded voltages, weights_<projection>.csv for plastic projections, raster.png "
            + "and summary.txt.",
        "Projection names become file names by writing '->' as '-to-' and every character other "
            + "than a letter, digit, '.', '-' or '_' as '_' (stage[0]->stage[1] gives "
            + "weights_stage_0_-to-stage_1_.csv); a name that would clash gets '_2', '_3', ..."},
    footer = {"", "Examples:",
        "  snnc simulate examples/synfire.snn --out build/synfire",
        "  snnc simulate examples/brunel.snn --steps 2000 --threads 2 --seed 3 --out build/brunel",
        "  snnc simulate examples/stdp.snn --out build/stdp     # also writes weights_*.csv",
        "",
        "Exit codes: 0 done, 1 a mistake in the model or the options, 2 an internal error or a "
            + "mode that is not built yet (--mode fixed)."})
final class SimulateCommand implements Callable<Integer> {

  /** Numerics profiles of fixed mode, defined in snnc.ir.numerics (wired in with fixed mode). */
  static final List<String> FIXED_PROFILES = List.of("s16.15", "compact");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "float",
      description = "float (double precision, checked against Brian2) or fixed (bit-exact "
          + "hardware arithmetic; not built yet). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(names = "--numerics", paramLabel = "PROFILE",
      description = "Numerics profile for --mode fixed: s16.15 or compact.")
  String numerics;

  @Option(names = "--steps", paramLabel = "N",
      description = "Run N timesteps instead of the model's run length.")
  Long steps;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Worker threads; 0 picks automatically (results never depend on it). "
          + "Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Seed of the SpikeSourcePoisson streams (connectivity uses the model's seed). "
          + "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--max-errors", paramLabel = "N", defaultValue = "100",
      description = "Stop listing errors after this many (default: ${DEFAULT-VALUE}).")
  int maxErrors;

  @Option(names = "--raw", description = "Print diagnostics as 'file:line:col: code' only.")
  boolean raw;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Numerics> arithmetic = arithmetic();
    if (arithmetic.isEmpty()) {
      err.println("snnc simulate: fixed-point mode is not built yet in this version of snnc.");
      return Main.INTERNAL_ERROR;
    }
    if (steps != null && steps < 1) {
      throw new UserErrorException("--steps must be at least 1, not " + steps);
    }
    if (threads < 0) {
      throw new UserErrorException("--threads must be 0 (automatic) or more, not " + threads);
    }
    Compilation compilation = new Compilation(err, maxErrors, raw);
    Optional<Network> compiled = compilation.frontend(file);
    Optional<Object> verified = compiled.flatMap(n -> compilation.passes(n,
        List.of(VerifyPass.NAME), Set.of(), (pass, printed) -> { }));
    compilation.printDiagnostics();
    if (verified.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    Network network = steps == null ? compiled.get() : withSteps(compiled.get(), steps);
    SimOptions options = SimOptions.defaults().withPoissonSeed(seed).withThreads(threads);
    SimResult result;
    try (ProgressReporter progress = ProgressReporter.forTerminal(network.name())) {
      result = new GoldenSimulator(options).run(network, progress);
    }
    SimulationOutput output = SimulationOutput.of(network, result);
    try {
      output.writeTo(out);
    } catch (IOException e) {
      throw new UserErrorException("cannot write into " + out + ": " + e.getMessage());
    }
    spec.commandLine().getOut().println(output.summaryLine() + "; wrote " + out);
    return 0;
  }

  /** The arithmetic of {@code --mode}, or empty for a mode that is valid but not built yet. */
  private Optional<Numerics> arithmetic() {
    switch (mode) {
      case "float":
        if (numerics != null) {
          throw new UserErrorException("--numerics applies to --mode fixed only");
        }
        return Optional.of(Numerics.FLOAT);
      case "fixed":
        if (numerics != null && !FIXED_PROFILES.contains(numerics)) {
          throw new UserErrorException("--numerics: unknown profile '" + numerics + "'; known: "
              + String.join(", ", FIXED_PROFILES));
        }
        return Optional.empty();
      default:
        throw new UserErrorException("--mode: expected float or fixed, not '" + mode + "'");
    }
  }

  /** The network run for {@code n} steps of its own timestep. */
  static Network withSteps(Network n, long steps) {
    return new Network(n.name(), n.timestepMs(), steps * n.timestepMs(), n.populations(),
        n.projections(), n.recordings(), n.target(), n.span());
  }
}
