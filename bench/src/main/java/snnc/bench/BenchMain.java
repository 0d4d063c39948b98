package snnc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code bench/run}: runs the named benchmarks (all by default), prints a table and
 * writes {@code <out>/<name>.json}. {@code --quick} runs each at a tenth of its size (a smoke test).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of("bench/results");
    boolean quick = false;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--quick" -> quick = true;
        default -> names.add(args[i]);
      }
    }
    if (names.isEmpty()) {
      names.add("frontend");
      names.add("sim");
      names.add("mapper");
      names.add("fpga");
    }
    Files.createDirectories(out);
    for (String name : names) {
      switch (name) {
        case "frontend" -> runFrontend(out, quick);
        case "sim" -> runSim(out, quick);
        case "mapper" -> MapperBenchmark.runAndWrite(out, quick);
        case "fpga" -> FpgaBenchmark.runAndWrite(out, quick);
        default -> {
          System.err.println("unknown benchmark '" + name + "'; known: frontend, sim, mapper, "
              + "fpga");
          System.exit(1);
        }
      }
    }
  }

  private static void runSim(Path out, boolean quick) throws Exception {
    Path work = Files.createTempDirectory("snnc-bench-sim");
    List<SimBenchmark.Result> results = new ArrayList<>();
    for (SimBenchmark.Case c : SimBenchmark.cases(quick)) {
      System.err.printf("sim: %s dt %s ms...%n", c.model(), SimBenchmark.num(c.dtMs()));
      results.add(SimBenchmark.run(c, work, Path.of("bench/brian2/brunel_bench.py")));
    }
    System.out.println("sim: golden simulator (float) vs Brian2, run time only "
        + "(targets: Brian2 s / snnc s >= 3 on 2 cores, <= 16 bytes per synapse)");
    String header = String.format("  %-12s %5s %8s %12s %9s %9s %9s %6s %14s %9s",
        "model", "dt ms", "neurons", "synapses", "spikes", "snnc s", "Brian2 s", "ratio",
        "syn events/s", "B/synapse");
    System.out.println(header);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SimBenchmark.Result r : results) {
      SimBenchmark.Case c = r.c();
      System.out.printf("  %-12s %5s %,8d %,12d %,9d %9.2f %9.2f %6.2f %,14.0f %9.1f%n", c.model(),
          SimBenchmark.num(c.dtMs()), c.neurons(), r.synapses(), r.spikes(), r.snncSeconds(),
          r.brian2Seconds(), r.ratio(), r.eventsPerSecond(), r.bytesPerSynapse());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", c.model());
      row.put("dt_ms", c.dtMs());
      row.put("run_ms", c.runMs());
      row.put("neurons", c.neurons());
      row.put("p_connect", c.p());
      row.put("synapses", r.synapses());
      row.put("spikes", r.spikes());
      row.put("snnc_seconds", r.snncSeconds());
      row.put("snnc_threads", r.threads());
      row.put("brian2_synapses", r.brian2Synapses());
      row.put("brian2_spikes", r.brian2Spikes());
      row.put("brian2_seconds", r.brian2Seconds());
      row.put("brian2_target", r.brian2Target());
      row.put("ratio_brian2_over_snnc", r.ratio());
      row.put("synaptic_events_per_second", r.eventsPerSecond());
      row.put("bytes_per_synapse", r.bytesPerSynapse());
      rows.add(row);
    }
    System.out.printf("  (Brian2 target: %s; cores: %d; run times exclude building synapses and "
        + "code generation)%n", results.isEmpty() ? "-" : results.get(0).brian2Target(),
        Runtime.getRuntime().availableProcessors());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "sim");
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("results", rows);
    json.put("targets", Map.of("ratio_brian2_over_snnc", 3, "bytes_per_synapse", 16));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("sim.json").toFile(), json);
  }

  private static void runFrontend(Path out, boolean quick) throws Exception {
    long neurons = quick ? 100_000 : 1_000_000;
    int fanIn = 100;
    Path work = Files.createTempDirectory("snnc-bench");
    FrontendBenchmark.Result r = FrontendBenchmark.run(neurons, fanIn, work);
    System.out.println("frontend: parse, validate and expand a generated model");
    System.out.printf("  %-22s %,15d%n", "neurons", r.neurons());
    System.out.printf("  %-22s %,15d%n", "synapses", r.synapses());
    for (Map.Entry<String, Double> e : r.stageSeconds().entrySet()) {
      System.out.printf("  %-22s %13.2f s%n", e.getKey(), e.getValue());
    }
    System.out.printf("  %-22s %13.2f s   (target < 20 s)%n", "total", r.totalSeconds());
    System.out.printf("  %-22s %13.2f GiB (target < 4 GiB; -Xmx %.1f GiB)%n", "peak heap (sampled)",
        r.peakHeapBytes() / (double) (1L << 30), r.maxHeapBytes() / (double) (1L << 30));
    System.out.printf("  %-22s %15d%n", "cores", r.cores());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "frontend");
    json.put("neurons", r.neurons());
    json.put("synapses", r.synapses());
    json.put("stage_seconds", r.stageSeconds());
    json.put("total_seconds", r.totalSeconds());
    json.put("peak_heap_bytes", r.peakHeapBytes());
    json.put("max_heap_bytes", r.maxHeapBytes());
    json.put("cores", r.cores());
    json.put("targets", Map.of("total_seconds", 20, "peak_heap_bytes", 4L << 30));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("frontend.json").toFile(), json);
  }
}
