package snnc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import snnc.ir.Network;
import snnc.ir.TargetHints;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
import snnc.ir.pass.PassRegistry;
import snnc.ir.verify.VerifyPass;
import snnc.sim.golden.GoldenSimulator;
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
            + "and, in fixed mode, quantisation.json.",
        "Projection names become file names by writing '->' as '-to-' and every character other "
            + "than a letter, digit, '.', '-' or '_' as '_' (stage[0]->stage[1] gives "
            + "weights_stage_0_-to-stage_1_.csv); a name that would clash gets '_2', '_3', ..."},
    footer = {"", "Examples:",
        "  snnc simulate examples/synfire.snn --out build/synfire",
        "  snnc simulate examples/brunel.snn --steps 2000 --threads 2 --seed 3 --out build/brunel",
        "  snnc simulate examples/stdp.snn --out build/stdp     # also writes weights_*.csv",
        "  snnc simulate examples/synfire.snn --mode fixed --numerics s16.15 --out build/fx",
        "",
        "Exit codes: 0 done, 1 a mistake in the model or the options (including weights that "
            + "a fixed-point profile cannot represent), 2 an internal error."})
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "float",
      description = "float (double precision, checked against Brian2) or fixed (the bit-exact "
          + "arithmetic of a numerics profile, as the hardware computes it). "
          + "Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(names = "--numerics", paramLabel = "PROFILE",
      description = "Numerics profile for --mode fixed: s16.15 or compact (default: the model's "
          + "target block, else compact). See docs/numerics.md.")
  String numerics;

  @Option(names = "--allow-zero-weights",
      description = "In fixed mode, accept weights that round to zero (a warning, not an error).")
  boolean allowZeroWeights;

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

  @Mixin DiagnosticOptions diagnostics;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    boolean fixed = fixedMode();
    if (steps != null && steps < 1) {
      throw new UserErrorException("--steps must be at least 1, not " + steps);
    }
    if (threads < 0) {
      throw new UserErrorException("--threads must be 0 (automatic) or more, not " + threads);
    }
    Compilation compilation = diagnostics.newCompilation(err);
    Optional<Network> compiled = compilation.frontend(file);
    Optional<NumericsProfile> profile = fixed ? compiled.map(this::profile) : Optional.empty();
    PassRegistry registry = PassRegistry.standard();
    List<String> pipeline = new ArrayList<>(List.of(VerifyPass.NAME));
    profile.ifPresent(p -> {
      registry.register(Quantiser.NAME,
          () -> new Quantiser(new Quantiser.Options(p, allowZeroWeights)));
      pipeline.add(Quantiser.NAME);
    });
    Optional<Object> checked = compiled.flatMap(n -> compilation.passes(n, registry, pipeline,
        Set.of(), PassContext.DumpHook.none()));
    compilation.printDiagnostics();
    if (checked.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    Network network = steps == null ? compiled.get() : withSteps(compiled.get(), steps);
    SimOptions floatOptions = SimOptions.defaults().withPoissonSeed(seed).withThreads(threads);
    SimResult result;
    Map<String, byte[]> extra = new LinkedHashMap<>();
    Optional<QuantisationReport> report = Optional.empty();
    try (ProgressReporter progress = ProgressReporter.forTerminal(network.name())) {
      result = new GoldenSimulator(floatOptions).run(network, progress);
    }
    if (profile.isPresent()) {
      SimResult floatResult = result;
      SimOptions fixedOptions = floatOptions.withFixed(profile.get())
          .withAllowZeroWeights(allowZeroWeights);
      Quantisation quantisation = (Quantisation) checked.get();
      try (ProgressReporter progress = ProgressReporter.forTerminal(network.name() + " (fixed)")) {
        result = new GoldenSimulator(fixedOptions).run(network, quantisation, progress);
      }
      QuantisationReport q = new QuantisationReport(quantisation,
          result.spikes().spikes().size(), floatResult.spikes().spikes().size(),
          result.stats().ringSaturations());
      extra.put("quantisation.json", q.json());
      report = Optional.of(q);
    }
    SimulationOutput output = SimulationOutput.of(network, result);
    try {
      output.writeTo(out, extra);
    } catch (IOException e) {
      throw new UserErrorException("cannot write into " + out + ": " + e.getMessage());
    }
    report.ifPresent(q -> spec.commandLine().getOut().println(q.summaryLine()));
    spec.commandLine().getOut().println(output.summaryLine() + "; wrote " + out);
    return 0;
  }

  /** Whether {@code --mode} asks for fixed-point arithmetic; checks the option combination. */
  private boolean fixedMode() {
    switch (mode) {
      case "float":
        if (numerics != null) {
          throw new UserErrorException("--numerics applies to --mode fixed only");
        }
        if (allowZeroWeights) {
          throw new UserErrorException("--allow-zero-weights applies to --mode fixed only");
        }
        return false;
      case "fixed":
        if (numerics != null && NumericsProfile.byName(numerics).isEmpty()) {
          throw new UserErrorException("--numerics: unknown profile '" + numerics + "'; known: "
              + String.join(", ", NumericsProfile.builtIns().stream()
                  .map(NumericsProfile::name).toList()));
        }
        return true;
      default:
        throw new UserErrorException("--mode: expected float or fixed, not '" + mode + "'");
    }
  }

  /** The profile of fixed mode: {@code --numerics}, else the model's target block, else compact. */
  private NumericsProfile profile(Network network) {
    String name = numerics != null ? numerics
        : network.target().flatMap(TargetHints::numerics).orElse(NumericsProfile.COMPACT.name());
    return NumericsProfile.byName(name).orElseThrow(() -> new UserErrorException(
        "the model's target block names numerics profile '" + name + "', which snnc does not "
            + "know; known: s16.15, compact"));
  }

  /** The network run for {@code n} steps of its own timestep. */
  static Network withSteps(Network n, long steps) {
    return new Network(n.name(), n.timestepMs(), steps * n.timestepMs(), n.populations(),
        n.projections(), n.recordings(), n.target(), n.span());
  }
}
