package snnc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import snnc.diag.Diagnostic;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.HdlException;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.mapper.target.Target;
import snnc.mapper.target.TargetException;
import snnc.mapper.target.Targets;
import snnc.sim.cosim.Cosim;
import snnc.sim.cosim.SystemCosim;
import snnc.sim.cosim.VerilatedCore;
import snnc.sim.trace.SpikeTrace;
import snnc.sim.trace.TraceWriter;

/**
 * {@code snnc cosim}: maps the model onto an FPGA target, runs the mapped multi-core system
 * (cores, spike router, timestep controller) under Verilator with the spike sources fed from the
 * host, and compares it spike for spike with the golden simulator in fixed mode. With
 * {@code --one-core} the whole network goes onto one core instead.
 */
@Command(name = "cosim", mixinStandardHelpOptions = true,
    description = "Co-simulates the compiled design and compares it spike for spike with the "
        + "golden simulator (fixed mode, same numerics profile). Exit status 3 on the first "
        + "mismatch.",
    footer = {"", "Example:",
        "  snnc cosim examples/synfire.snn --target fpga-generic --out build/cosim",
        "  snnc cosim model.snn --target fpga-generic:cores=8,neurons_per_core=64 --out b",
        "  snnc cosim examples/tiny.snn --target ice40-up5k --numerics s16.15 --out b"})
final class CosimCommand implements Callable<Integer> {

  /** Exit status when the design and the golden simulator disagree. */
  static final int MISMATCH = 3;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--target", required = true,
      description = "FPGA target: ice40-up5k, ice40-hx8k, fpga-generic (NAME:param=value,... "
          + "overrides parameters) or a target .json file.")
  String target;

  @Option(names = "--numerics", paramLabel = "PROFILE", defaultValue = "compact",
      description = "Numerics profile: compact or s16.15. Default: ${DEFAULT-VALUE}.")
  String numerics;

  @Option(names = "--template", paramLabel = "NAME",
      description = "Core template: pipelined (one neuron update per clock) or compact (7 cycles "
          + "per neuron, less logic; networks with STDP always get it). Default: the "
          + "target's (pipelined where it has block RAM).")
  String templateName;

  @Option(names = "--allow-zero-weights",
      description = "Accept weights that round to zero (a warning, not an error).")
  boolean allowZeroWeights;

  @Option(names = "--one-core",
      description = "Put the whole network on one core (no mapper, no router) instead of the "
          + "mapped multi-core system; --template and --trace apply to this design.")
  boolean oneCore;

  @Option(names = "--trace", description = "With --one-core: also write DIR/trace.vcd, every "
      + "clock edge of the core for GTKWave (a Verilator --trace build, cached separately; 10 ns "
      + "per cycle).")
  boolean trace;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
      description = "Output folder for spikes.csv. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Where Verilated cores are cached (default: $SNNC_CACHE_DIR, else "
          + "~/.cache/snnc).")
  Path cache;

  @Mixin DiagnosticOptions diagnostics;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Target resolved;
    try {
      resolved = Targets.resolve(target);
    } catch (TargetException e) {
      throw new UserErrorException(e.getMessage());
    }
    if (!resolved.family().equals("fpga")) {
      return NotBuiltYet.report(err, "cosim", "co-simulation for target " + target
          + " (family " + resolved.family() + ")");
    }
    NumericsProfile profile = NumericsProfile.byName(numerics).orElseThrow(
        () -> new UserErrorException("unknown numerics profile '" + numerics
            + "' (compact or s16.15)"));
    CoreTemplate template;
    if (templateName != null) {
      template = CoreTemplate.byLabel(templateName).orElseThrow(
          () -> new UserErrorException("unknown core template '" + templateName
              + "' (pipelined or compact)"));
    } else {
      try {
        template = CoreTemplate.forTarget(Targets.resolve(target));
      } catch (TargetException e) {
        throw new UserErrorException(e.getMessage());
      }
    }
    if (!oneCore && (trace || templateName != null)) {
      throw new UserErrorException("--trace and --template apply to the one-core design: add "
          + "--one-core (the mapped multi-core system uses the compact core and has no trace "
          + "build yet)");
    }
    Compilation compilation = diagnostics.newCompilation(err);
    Optional<Network> compiled = compilation.frontend(file);
    Mapper.Result mapped = null;
    if (!oneCore && compiled.isPresent() && !compilation.hasErrors()) {
      mapped = new Mapper(Mapper.Options.defaults()).map(compiled.get(), resolved,
          compilation.sink());
    }
    compilation.printDiagnostics();
    if (compiled.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    Path cacheDir = cache != null ? cache : VerilatedCore.defaultCacheDir();
    SpikeTrace hardware;
    SpikeTrace golden;
    Optional<String> mismatch;
    String design;
    long cycles;
    long maxStep;
    String weights;
    try {
      if (oneCore) {
        Cosim.Result r = new Cosim(profile, cacheDir, allowZeroWeights, template)
            .run(compiled.get(), trace ? out.resolve("trace.vcd") : null);
        hardware = r.hardware();
        golden = r.golden();
        // A single core also compares the STDP weights read back after the run.
        mismatch = r.exact() ? Optional.empty() : Optional.of(r.firstDifference());
        cycles = r.cycles();
        maxStep = r.maxStepCycles();
        design = "one " + template.forShape(r.image().shape()).label() + " core";
        weights = weightsLine(r.image().plastic().size(), r.changedWeights());
      } else {
        SystemCosim.Result r = new SystemCosim(profile, cacheDir, allowZeroWeights)
            .run(mapped);
        hardware = r.hardware();
        golden = r.golden();
        // A system also compares the STDP weights of every core read back after the run.
        mismatch = r.exact() ? Optional.empty() : Optional.of(r.firstDifference());
        cycles = r.cycles();
        maxStep = r.maxStepCycles();
        int n = r.image().cores().size();
        design = n + (n == 1 ? " compact core" : " compact cores");
        weights = weightsLine(r.image().cores().stream()
            .mapToInt(c -> c.image().plastic().size()).sum(), r.changedWeights());
      }
    } catch (HdlException e) {
      for (Diagnostic d : e.diagnostics()) {
        err.println(file + ": error[" + d.code() + "]: " + d.message());
      }
      return Main.USER_ERROR;
    } catch (snnc.sim.golden.NumericsException e) {
      err.println(file + ": " + e.getMessage());
      return Main.USER_ERROR;
    } catch (IOException e) {
      err.println("snnc cosim: " + e.getMessage());
      return Main.INTERNAL_ERROR;
    }
    try {
      Files.createDirectories(out);
      TraceWriter.writeSpikes(out, hardware);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + out.resolve("spikes.csv") + ": "
          + e.getMessage());
    }
    if (trace) {
      stdout.printf("waveform: %s%n", out.resolve("trace.vcd"));
    }
    if (mismatch.isPresent()) {
      err.println("snnc cosim: MISMATCH at " + mismatch.get() + " (hardware "
          + hardware.size() + " spikes, golden " + golden.size() + ")");
      return MISMATCH;
    }
    stdout.printf("%s on %s (%s, %s): %d spikes%s, identical to the golden simulator; %d "
        + "cycles, at most %d per step%n", compiled.get().name(), target, design, profile.name(),
        hardware.size(), weights, cycles, maxStep);
    return 0;
  }

  /** What the run says about STDP weights: nothing without plastic synapses. */
  private static String weightsLine(int plastic, int changed) {
    return plastic == 0 ? "" : " and " + plastic + " final STDP weights (" + changed
        + " changed by the run)";
  }
}
