package snnc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.Projection;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;

/**
 * The golden simulator (float mode) against Brian2 on Brunel-style networks: IF_curr_exp neurons,
 * 80 % excitatory, recurrent fixed-probability connectivity with inhibition 5 times excitation,
 * delay 1.5 ms, and 1,000 Poisson sources at 20 Hz onto every neuron with probability 0.1. The same
 * network runs in Brian2 (bench/brian2/brunel_bench.py, cython target) with Brian2's own random
 * connectivity and Poisson spikes, so synapse and spike counts agree statistically, not exactly.
 *
 * <p>Both sides time only the run: snnc its second run of the whole model (the first, untimed, lets
 * the JIT compile the hot loops), without building the synapse matrices; Brian2 after a 10 ms
 * warm-up run (code generation and compilation).
 * Bytes per synapse is the heap the simulator holds during the run (measured after a full GC at
 * the first step, minus the heap before the run) divided by the number of synapses.
 */
final class SimBenchmark {

  /** One network size and timestep. */
  record Case(String model, int neurons, double p, double jRecNa, double dtMs, double runMs) {}

  /** One measured case. */
  record Result(Case c, long synapses, long spikes, double snncSeconds, long brian2Synapses,
      long brian2Spikes, double brian2Seconds, String brian2Target, double eventsPerSecond,
      double bytesPerSynapse, int threads) {

    double ratio() {
      return brian2Seconds / snncSeconds;
    }
  }

  private SimBenchmark() {}

  static List<Case> cases(boolean quick) {
    if (quick) {
      return List.of(new Case("brunel-1k", 1_000, 0.1, 0.1, 0.1, 200));
    }
    return List.of(
        // 10,000 neurons, p = 0.1: 10 M recurrent synapses (+1 M from the Poisson sources); the
        // weight is scaled by 100 / 800 so that the mean input equals examples/brunel.snn's.
        new Case("brunel-10k", 10_000, 0.1, 0.0125, 1.0, 1000),
        new Case("brunel-10k", 10_000, 0.1, 0.0125, 0.1, 1000),
        // 100,000 neurons, p = 0.001: 100 recurrent inputs per neuron as in examples/brunel.snn
        // (10 M recurrent synapses, +10 M from the Poisson sources).
        new Case("brunel-100k", 100_000, 0.001, 0.1, 0.1, 300));
  }

  static String model(Case c) {
    int nExc = c.neurons() * 4 / 5;
    int nInh = c.neurons() - nExc;
    String cell = "IF_curr_exp(cm = 1 nF, tau_m = 20 ms, tau_refrac = 2 ms, tau_syn_E = 5 ms, "
        + "tau_syn_I = 5 ms, v_rest = -65 mV, v_reset = -65 mV, v_thresh = -50 mV)";
    String j = num(c.jRecNa()) + " nA";
    String gj = num(-5 * c.jRecNa()) + " nA";
    String p = num(c.p());
    return "network bench {\n"
        + "  timestep " + num(c.dtMs()) + " ms\n"
        + "  seed 1\n"
        + "  population exc = " + cell + " * " + nExc + "\n"
        + "  population inh = " + cell + " * " + nInh + "\n"
        + "  population ext = SpikeSourcePoisson(rate = 20 Hz) * 1000\n"
        + "  connect ext -> exc fixed_probability(0.1) weight 0.1 nA delay 1.5 ms\n"
        + "  connect ext -> inh fixed_probability(0.1) weight 0.1 nA delay 1.5 ms\n"
        + "  connect exc -> exc fixed_probability(" + p + ", allow_self = false) weight " + j
        + " delay 1.5 ms\n"
        + "  connect exc -> inh fixed_probability(" + p + ") weight " + j + " delay 1.5 ms\n"
        + "  connect inh -> exc fixed_probability(" + p + ") receptor inhibitory weight " + gj
        + " delay 1.5 ms\n"
        + "  connect inh -> inh fixed_probability(" + p + ", allow_self = false) receptor "
        + "inhibitory weight " + gj + " delay 1.5 ms\n"
        + "  record exc.spikes, inh.spikes, ext.spikes\n"
        + "  run " + num(c.runMs()) + " ms\n"
        + "}\n";
  }

  static Result run(Case c, Path work, Path brian2Script) throws IOException, InterruptedException {
    Path file = work.resolve(c.model() + "-dt" + num(c.dtMs()) + ".snn");
    Files.writeString(file, model(c), StandardCharsets.UTF_8);
    DiagnosticSink sink = new DiagnosticSink();
    Network full = new Frontend(new SourceMap(), sink).compileFile(file)
        .orElseThrow(() -> new IllegalStateException("benchmark model does not compile: "
            + sink.all()));
    GoldenSimulator sim = new GoldenSimulator(SimOptions.defaults().withPoissonSeed(1));
    // The untimed first run is the JVM's code generation: a 10 ms warm-up (Brian2's) leaves the
    // hot loops to be compiled during the timed run, which then times the JIT (up to twice the
    // steady-state time on brunel-10k).
    sim.run(full);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    long[] held = new long[1];
    long[] gcNanos = new long[1];
    SimResult r = sim.run(full, (done, total) -> {
      if (done == 1) {
        long t0 = System.nanoTime();
        System.gc();
        held[0] = memory.getHeapMemoryUsage().getUsed() - baseline;
        gcNanos[0] = System.nanoTime() - t0;
      }
    });
    double seconds = (r.stats().runNanos() - gcNanos[0]) / 1e9;
    Map<String, Integer> counts = r.spikes().countsByPopulation();
    long spikes = counts.getOrDefault("exc", 0) + counts.getOrDefault("inh", 0);
    // Synaptic events: each spike reaches the mean out-degree of its population.
    double events = 0;
    for (Population pop : full.populations()) {
      long out = 0;
      for (Projection pr : full.projections()) {
        if (pr.pre().equals(pop.id())) {
          out += expandedSize(full, pr);
        }
      }
      events += counts.getOrDefault(pop.name(), 0) * (double) out / pop.size();
    }
    JsonNode brian = brian2(c, brian2Script);
    return new Result(c, r.stats().synapses(), spikes, seconds,
        brian == null ? 0 : brian.get("synapses").asLong(),
        brian == null ? 0 : brian.get("spikes").asLong(),
        brian == null ? Double.NaN : brian.get("seconds").asDouble(),
        brian == null ? "unavailable" : brian.get("target").asText(),
        events / seconds, held[0] / (double) r.stats().synapses(), r.stats().threads());
  }

  private static long expandedSize(Network net, Projection pr) {
    int nPost = net.population(pr.post()).orElseThrow().size();
    return snnc.sim.golden.SynapseExpander.shared().expand(net, pr, 0, nPost).size();
  }

  private static JsonNode brian2(Case c, Path script) throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python) || !Files.exists(script)) {
      return null;
    }
    List<String> cmd = new ArrayList<>(List.of(python.toString(), "-W", "ignore",
        script.toString(), Integer.toString(c.neurons()), num(c.p()), num(c.jRecNa()),
        num(c.dtMs()), num(c.runMs())));
    Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
      System.err.println("brian2 failed for " + c + ": " + out);
      return null;
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    return new ObjectMapper().readTree(last);
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
