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
    }
    Files.createDirectories(out);
    for (String name : names) {
      if (name.equals("mapper")) {
        MapperBenchmark.runAndWrite(out, quick);
        continue;
      }
      if (!name.equals("frontend")) {
        System.err.println("unknown benchmark '" + name + "'; known: frontend, mapper");
        System.exit(1);
      }
      runFrontend(out, quick);
    }
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
