package snnc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.mapper.Mapper;
import snnc.mapper.partition.TrafficGraph;
import snnc.mapper.place.Placer;
import snnc.mapper.place.PlacementProblem;
import snnc.mapper.report.MappingReport;
import snnc.mapper.target.Machine;
import snnc.mapper.target.Targets;

/**
 * {@code bench/run mapper}: maps benchmark networks (with {@code --compress-full}, as compared with
 * sPyNNaker) and reports mapping time, cores and chips, objective vs scan-order baseline and bound,
 * and routing entries before/after compression; then the JaCoP proof rate on a fixed instance set.
 */
final class MapperBenchmark {

  private MapperBenchmark() {}

  /** One benchmark case: a model (text or example file) on a target. */
  record Case(String name, String target, String model, Path file, boolean compressFull) {
    Case(String name, String target, String model, Path file) {
      this(name, target, model, file, true);
    }
  }

  static List<Case> cases(Path repo, boolean quick) {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("synfire", "spinn5", null, repo.resolve("examples/synfire.snn")));
    cases.add(new Case("brunel-10k", "spinn5", brunel(quick ? 1000 : 10_000), null));
    cases.add(new Case("random-200x256", "spinn5", randomPopulations(quick ? 40 : 200, 256,
        quick ? 2400 : 12_000), null));
    // 100 layers of 80 neurons on 64 FPGA cores: several layers must share a core.
    cases.add(new Case("chain100", "fpga-generic:cores=64", null,
        repo.resolve("bench/models/chain100.snn")));
    if (!quick) { // Potjans & Diesmann's full-scale microcircuit (77k neurons, 285M synapses)
      cases.add(new Case("microcircuit", "spinn5x12", null,
          repo.resolve("bench/models/microcircuit.snn")));
      // 1,000,000 neurons, 10^9 synapses, every slice talking to every other, on 24 boards.
      // No peer figures to compare with (sPyNNaker cannot place it), so tables are compressed only
      // until they fit, not fully.
      cases.add(new Case("brunel1m", "spinn5x24", null, repo.resolve("bench/models/brunel1m.snn"),
          false));
    }
    // -Dsnnc.bench.mapper.cases=a,b runs only the named cases (for measuring one at a time).
    String only = System.getProperty("snnc.bench.mapper.cases");
    if (only != null && !only.isBlank()) {
      List<String> names = List.of(only.split(","));
      cases.removeIf(c -> !names.contains(c.name()));
    }
    return cases;
  }

  /** A built-in target, with {@code name:key=value} overrides as on the command line. */
  static snnc.mapper.target.Target target(String spec) {
    try {
      return Targets.resolve(spec);
    } catch (snnc.mapper.target.TargetException e) {
      throw new IllegalStateException("bench target " + spec + ": " + e.getMessage(), e);
    }
  }

  /** Brunel's balanced network with {@code n} neurons (80 % excitatory), p = 0.1, Poisson drive. */
  static String brunel(int n) {
    int exc = n * 4 / 5;
    int inh = n - exc;
    return """
        network brunel {
          timestep 0.1 ms
          seed 1234
          population exc = IF_curr_exp(tau_m = 20 ms) * %d
          population inh = IF_curr_exp(tau_m = 20 ms) * %d
          population ext = SpikeSourcePoisson(rate = 20 Hz) * %d
          connect ext -> exc fixed_probability(0.1) weight 0.1 nA delay 1.5 ms
          connect ext -> inh fixed_probability(0.1) weight 0.1 nA delay 1.5 ms
          connect exc -> exc fixed_probability(0.1, allow_self = false) weight 0.1 nA delay 1.5 ms
          connect exc -> inh fixed_probability(0.1) weight 0.1 nA delay 1.5 ms
          connect inh -> exc fixed_probability(0.1) receptor inhibitory weight -0.5 nA delay 1.5 ms
          connect inh -> inh fixed_probability(0.1, allow_self = false) receptor inhibitory
                  weight -0.5 nA delay 1.5 ms
          run 1000 ms
        }
        """.formatted(exc, inh, exc);
  }

  /**
   * {@code pops} populations of {@code size} neurons and {@code projections} random projections
   * (fixed_probability 0.05, delays 1–10 ms); a quarter of the populations are Poisson sources, and
   * rates differ between populations so traffic is not uniform.
   */
  static String randomPopulations(int pops, int size, int projections) {
    Random r = new Random(42);
    StringBuilder s = new StringBuilder("network random {\n  timestep 1 ms\n  seed 7\n");
    boolean[] source = new boolean[pops];
    for (int i = 0; i < pops; i++) {
      source[i] = i % 4 == 0;
      s.append("  population p").append(i).append(" = ").append(source[i]
          ? "SpikeSourcePoisson(rate = " + (1 + r.nextInt(40)) + " Hz)"
          : "IF_curr_exp(tau_m = 20 ms)").append(" * ").append(size).append('\n');
    }
    int made = 0;
    while (made < projections) {
      int a = r.nextInt(pops);
      int b = r.nextInt(pops);
      if (source[b]) {
        continue;
      }
      s.append("  connect p").append(a).append(" -> p").append(b)
          .append(" fixed_probability(0.05) weight 0.1 nA delay ").append(1 + r.nextInt(10))
          .append(" ms seed ").append(made + 1).append('\n');
      made++;
    }
    s.append("  run 1000 ms\n}\n");
    return s.toString();
  }

  /** Runs every case and the proof rate; writes {@code out/mapper.json}. */
  static void runAndWrite(Path out, boolean quick) throws java.io.IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "mapper");
    json.put("cases", run(Path.of(""), quick));
    String only = System.getProperty("snnc.bench.mapper.cases");
    if (only == null || only.isBlank() || List.of(only.split(",")).contains("optimality")) {
      json.put("optimality", proofRate());
    }
    new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("mapper.json").toFile(), json);
  }

  static List<Map<String, Object>> run(Path repo, boolean quick) {
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.println("mapper: map benchmark networks (--compress-full)");
    System.out.printf("  %-16s %-8s %8s %6s %6s %9s %12s %12s %12s %7s %9s %9s %8s%n", "case",
        "target", "neurons", "cores", "chips", "time s", "objective", "baseline", "bound",
        "vs base", "ent.max0", "ent.max", "ent.tot");
    for (Case c : cases(repo, quick)) {
      DiagnosticSink sink = new DiagnosticSink();
      long t0 = System.nanoTime();
      Frontend fe = new Frontend(new SourceMap(), sink);
      Network n = (c.file() != null ? fe.compileFile(c.file())
          : fe.compileText(c.name() + ".snn", c.model())).orElseThrow(
              () -> new IllegalStateException(c.name() + ": " + sink.all()));
      double frontendS = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      long cpu1 = processCpuNanos();
      Mapper.Result r = new Mapper(Mapper.Options.defaults().withCompressFull(c.compressFull()))
          .map(n, target(c.target()), sink);
      double mapS = (System.nanoTime() - t1) / 1e9;
      double mapCpuS = (processCpuNanos() - cpu1) / 1e9;
      if (r == null) {
        System.out.printf("  %-16s %-8s failed: %s%n", c.name(), c.target(), sink.all());
        continue;
      }
      Map<String, Object> report = MappingReport.report(r);
      @SuppressWarnings("unchecked")
      Map<String, Object> place = (Map<String, Object>) report.get("placement");
      @SuppressWarnings("unchecked")
      Map<String, Object> routing = (Map<String, Object>) report.get("routing");
      System.out.printf("  %-16s %-8s %,8d %6s %6s %9.2f %,12d %,12d %,12d %6.1f%% %9s %9s %8s%n",
          c.name(), c.target(), n.cellCount(), report.get("cores_used"), report.get("chips_used"),
          mapS, (Long) place.get("objective"), (Long) place.get("baseline_objective"),
          (Long) place.get("bound"), 100 * (Double) place.get("improvement_vs_baseline"),
          routing.get("entries_before_compression_max"), routing.get("entries_max"),
          routing.get("entries_total"));
      StringBuilder stages = new StringBuilder();
      r.stageSeconds().forEach((k, v) -> stages.append(String.format(" %s %.2f", k, v)));
      System.out.printf("  %-16s stages (s):%s; %d slices; CPU %.2f s (all threads); max link "
          + "load %s%n", "", stages, r.partitioned().slices().size(), mapCpuS,
          routing.get("max_link_load"));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("case", c.name());
      row.put("target", c.target());
      row.put("neurons", n.cellCount());
      row.put("frontend_seconds", frontendS);
      row.put("mapping_seconds", mapS);
      row.put("mapping_cpu_seconds", mapCpuS);
      row.put("stage_seconds", r.stageSeconds());
      row.put("report", report);
      rows.add(row);
    }
    return rows;
  }

  /**
   * CPU time of the whole process (every thread, JIT and GC included): unlike wall time it hardly
   * grows when other jobs share the machine.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * The JaCoP proof rate: 20 fixed instances of 10–20 slices (random traffic, 3 edges per slice on
   * average) on a 3×3 hex torus with 3 cores per chip, default placer options.
   */
  static Map<String, Object> proofRate() {
    List<int[]> chips = new ArrayList<>();
    for (int x = 0; x < 3; x++) {
      for (int y = 0; y < 3; y++) {
        chips.add(new int[] {x, y});
      }
    }
    Machine m = Machine.of(chips, 3, 3, true, Machine.LinkSet.HEX);
    int proven = 0;
    double gaps = 0;
    long t0 = System.nanoTime();
    List<Object> instances = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = 10 + (i % 11);
      Random r = new Random(1000 + i);
      List<long[]> edges = new ArrayList<>();
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          if (a != b && r.nextDouble() < 3.0 / n) {
            edges.add(new long[] {a, b, 1 + r.nextInt(100)});
          }
        }
      }
      PlacementProblem p = new PlacementProblem(m, new TrafficGraph(n, edges), 3, 0,
          new long[n], null);
      Placer.Solution s = new Placer(Placer.Options.defaults()).solve(p);
      proven += s.proven() ? 1 : 0;
      double gap = s.objective() == 0 ? 0 : (s.objective() - s.bound()) / (double) s.objective();
      gaps += gap;
      instances.add(Map.of("slices", n, "objective", s.objective(), "bound", s.bound(),
          "proven", s.proven(), "nodes", s.statistics().cpNodes()));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("  optimality: JaCoP proved %d of 20 fixed instances (10–20 slices, 3×3 torus, "
        + "3 cores/chip) optimal; mean gap to bound %.1f%%; %.1f s%n", proven, 100 * gaps / 20,
        seconds);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("instances", 20);
    out.put("proven", proven);
    out.put("mean_gap", gaps / 20);
    out.put("seconds", seconds);
    out.put("per_instance", instances);
    return out;
  }
}
