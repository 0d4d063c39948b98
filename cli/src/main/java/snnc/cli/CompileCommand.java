package snnc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
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
import snnc.ir.expand.ExpandPass;
import snnc.ir.expand.ExpansionSummary;
import snnc.ir.json.IrJson;
import snnc.ir.pass.PassContext;
import snnc.ir.io.AtomicFiles;
import snnc.ir.verify.VerifyPass;

/** {@code snnc compile}: check, validate and expand a model and write the requested artefacts. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = "Compiles a model and writes the requested artefacts into an output folder.",
    footer = {"", "Examples:",
        "  snnc compile examples/synfire.snn --emit ir --out build/synfire",
        "  snnc compile model.snn --emit ir --dump-after verify --out build/model"})
final class CompileCommand implements Callable<Integer> {

  /** Artefacts that {@code --emit} knows; only {@code ir} is built so far. */
  private static final Set<String> KNOWN_ARTEFACTS =
      Set.of("ir", "mapping", "tables", "verilog", "spinnaker");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The model (.snn).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--emit", split = ",", paramLabel = "WHAT", defaultValue = "ir",
      description = "Artefacts to write: ir (default: ${DEFAULT-VALUE}); mapping, tables, "
          + "verilog and spinnaker come with the mapper and backends.")
  List<String> emit;

  @Option(names = "--target", paramLabel = "T", description = "Target to map onto (needs the mapper).")
  String target;

  @Option(names = "--dump-after", split = ",", paramLabel = "PASS",
      description = "Also write the IR after these passes (verify, expand, or *) to DIR/dump/.")
  List<String> dumpAfter = List.of();

  @Mixin DiagnosticOptions diagnostics;

  @Override
  public Integer call() {
    Set<String> artefacts = new LinkedHashSet<>(emit);
    for (String a : artefacts) {
      if (!KNOWN_ARTEFACTS.contains(a)) {
        throw new UserErrorException("--emit: unknown artefact '" + a + "'; known: "
            + String.join(", ", KNOWN_ARTEFACTS.stream().sorted().toList()));
      }
    }
    Compilation compilation = diagnostics.newCompilation(spec.commandLine().getErr());
    Optional<Network> network = compilation.frontend(file);
    Optional<Object> summary = network.flatMap(n -> compilation.passes(n,
        List.of(VerifyPass.NAME, ExpandPass.NAME), Set.copyOf(dumpAfter), this::writeDump));
    compilation.printDiagnostics();
    if (summary.isEmpty() || compilation.hasErrors()) {
      return Main.USER_ERROR;
    }
    if (target != null) {
      return NotBuiltYet.report(spec.commandLine().getErr(), "compile --target",
          "mapping onto targets");
    }
    for (String a : artefacts) {
      if (!a.equals("ir")) {
        return NotBuiltYet.report(spec.commandLine().getErr(), "compile --emit " + a,
            "emitting '" + a + "'");
      }
    }
    ExpansionSummary expansion = (ExpansionSummary) summary.get();
    Path irFile = outputFolder().resolve("ir.json");
    try {
      IrJson.write(network.get(), expansion, irFile);
    } catch (IOException | UncheckedIOException e) {
      throw new UserErrorException("cannot write " + irFile + ": " + e.getMessage());
    }
    spec.commandLine().getOut().printf("wrote %s (%d populations, %d projections, %d synapses)%n",
        out.resolve("ir.json"), network.get().populations().size(), network.get().projections().size(),
        expansion.totalSynapses());
    return 0;
  }

  private Path outputFolder() {
    try {
      return Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserErrorException("cannot create output folder " + out + ": " + e.getMessage());
    }
  }

  private void writeDump(String pass, String printed) {
    Path dump = outputFolder().resolve("dump").resolve("after-" + pass + ".json");
    try {
      AtomicFiles.writeString(dump, printed);
    } catch (IOException e) {
      throw new UserErrorException("cannot write " + dump + ": " + e.getMessage());
    }
  }
}
