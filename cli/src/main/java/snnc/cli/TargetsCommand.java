package snnc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import snnc.mapper.target.ChipCapacity;
import snnc.mapper.target.CoreCapacity;
import snnc.mapper.target.Target;
import snnc.mapper.target.TargetException;
import snnc.mapper.target.Targets;

/** {@code snnc targets}: lists the built-in target models (or the given ones) with capacities. */
@Command(name = "targets", mixinStandardHelpOptions = true,
    description = "Lists the built-in targets with their capacities.",
    footer = {"", "Examples:", "  snnc targets", "  snnc targets fpga-generic:cores=64 my-board.json"})
final class TargetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", arity = "0..*",
      description = "Targets to describe (default: every built-in one).")
  java.util.List<String> names = java.util.List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-14s %-9s %-8s %7s %7s %8s %7s %10s %11s  %s%n", "target", "family", "numerics",
        "chips", "cores", "neurons", "router", "local", "synaptic", "topology");
    for (String name : names.isEmpty() ? Targets.BUILT_IN : names) {
      Target t;
      try {
        t = Targets.resolve(name);
      } catch (TargetException e) {
        throw new UserErrorException(e.getMessage());
      }
      long neurons = t.applicationCores() * t.core().maxNeurons();
      String synaptic = t.core().synapticMemoryBytes() > 0
          ? t.core().synapticMemoryBytes() + " B/core"
          : mib(t.chip().sharedMemoryBytes()) + "/chip";
      out.printf("%-14s %-9s %-8s %,7d %,7d %,8d %7d %8s/c %11s  %s%n", t.name(), t.family(),
          t.numerics(), t.machine().chips(), t.applicationCores(), neurons,
          t.chip().routerEntries(), kib(t.core().localMemoryBytes()), synaptic,
          t.topologySummary());
      for (ChipCapacity.MemoryKind m : t.chip().memories()) {
        if (t.family().equals("fpga")) {
          out.printf("%14s   memory: %d × %,d bits %s%s, ports %s, %s%n", "", m.count(), m.bits(),
              m.kind(), m.width() > 0 ? String.format(" (%,d × %d)", m.depth(), m.width()) : "",
              m.ports().label, m.initialisable() ? "preloaded by the bitstream"
              : "loaded at start-up (the bitstream cannot preload it)");
        }
      }
      if (t.family().equals("fpga")) {
        out.printf("%14s   core: %s layout%s%n", "", t.core().layout().label,
            t.core().layout() == CoreCapacity.Layout.SPRAM ? ", one core per device: the "
            + "single-core board design for " + t.board() : t.boardName().map(
                b -> ", the multi-core system with the " + b + " demo top").orElse(
                ", the multi-core system"));
      }
    }
    out.println("cores: application cores (monitors excluded); neurons: cores × neurons per core; "
        + "local: DTCM or block RAM per core.");
    return 0;
  }

  private static String kib(long bytes) {
    return bytes % 1024 == 0 ? bytes / 1024 + "K" : bytes + "B";
  }

  private static String mib(long bytes) {
    return String.format("%.1fM", bytes / 1048576.0);
  }
}
