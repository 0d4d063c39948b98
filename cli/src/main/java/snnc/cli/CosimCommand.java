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
import snnc.mapper.target.TargetException;
import snnc.mapper.target.Targets;
import snnc.sim.cosim.Cosim;
import snnc.sim.cosim.VerilatedCore;
import snnc.sim.trace.TraceWriter;

/**
 * {@code snnc cosim}: runs the model on the Verilated FPGA core (the whole network on one core,
 * spike sources fed from the host) and compares it spike for spike with the golden simulator in
 * fixed mode.
 */
@Command(name = "cosim", mixinStandardHelpOptions = true,
    description = "Co-simulates the compiled design and compares it spike for spike with the "
        + "golden simulator (fixed mode, same numerics profile). Exit status 3 on the first "
        + "mismatch.",
    footer = {"", "Example:",
        "  snnc cosim examples/synfire.snn --target fpga-generic --out build/cosim"})
final class CosimCommand implements Callable<Integer> {

  /** Exit status when the design and the golden simulator disagree. */
  static final int MISMATCH = 3;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--target", required = true,
      description = "Target name. Built: fpga-generic (one Verilated core).")
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

  @Option(names = "--trace", description = "Also write DIR/trace.vcd, every clock edge of the "
      + "core for GTKWave (a Verilator --trace build, cached separately; 10 ns per cycle).")
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
    if (!target.equals("fpga-generic")) {
      return NotBuiltYet.report(err, "cosim", "co-simulation for target " + target);
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
    Compilation compilation = diagnostics.newCompilation(err);
    Optional<Network> compiled = compilation.frontend(file);
    compilation.printDiagnostics();
    if (compiled.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    Cosim.Result r;
    try {
      r = new Cosim(profile, cache != null ? cache : VerilatedCore.defaultCacheDir(),
          allowZeroWeights, template)
          .run(compiled.get(), trace ? out.resolve("trace.vcd") : null);
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
      TraceWriter.writeSpikes(out, r.hardware());
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + out.resolve("spikes.csv") + ": "
          + e.getMessage());
    }
    if (trace) {
      stdout.printf("waveform: %s%n", out.resolve("trace.vcd"));
    }
    if (!r.exact()) {
      err.println("snnc cosim: MISMATCH at " + r.firstDifference() + " (core "
          + r.hardware().size() + " spikes, golden " + r.golden().size() + ")");
      return MISMATCH;
    }
    stdout.printf("%s on %s (%s, %s core): %d spikes, identical to the golden simulator; %d "
        + "cycles, at most %d per step%n", compiled.get().name(), target, profile.name(),
        template.forShape(r.image().shape()).label(),
        r.hardware().size(), r.cycles(), r.maxStepCycles());
    return 0;
  }
}
