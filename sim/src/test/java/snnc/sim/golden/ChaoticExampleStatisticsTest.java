package snnc.sim.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.Recording;
import snnc.ir.io.Digests;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.TraceWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * The chaotic examples (Poisson-driven or self-sustained, so no two simulators agree spike for
 * spike) against Brian2 2.5.1 statistically. bench/reference/expected/EXAMPLE holds Brian2's
 * {@code spikes.csv} (from bench/reference/brian2_run.py on this network's explicit JSON, with
 * Brian2's own Poisson sources at the same rates) and {@code network.sha256}, the digest of that
 * JSON, so a change to the example or the expander shows up as a stale reference.
 *
 * <p>For every population whose spikes the model records, over the window [{@link #WINDOW_START_MS},
 * end of run), skipping the start-up transient:
 *
 * <ul>
 *   <li><b>mean rate</b> = spikes in the window / (population size × window length in s); ours
 *       must be within {@link #RATE_TOLERANCE} (relative) of Brian2's;
 *   <li><b>CV of ISI</b> = the mean, over neurons with at least 3 spikes in the window, of
 *       std(ISI) / mean(ISI) of that neuron's inter-spike intervals in the window (std with
 *       divisor n, not n − 1); ours must be within {@link #CV_TOLERANCE} (relative) of Brian2's.
 * </ul>
 *
 * {@code -Dgolden.update=true} rewrites network.sha256; {@code -Dsnnc.reference.out=DIR} writes
 * the JSON and our spikes under DIR/EXAMPLE (bench/reference/compare.sh uses both).
 */
class ChaoticExampleStatisticsTest {

  static final String[] EXAMPLES = {"brunel", "vogels_abbott"};
  static final double WINDOW_START_MS = 100.0;
  static final double RATE_TOLERANCE = 0.05;
  static final double CV_TOLERANCE = 0.10;

  /** Rate and CV of ISI of one population. */
  record Stats(double rateHz, double cvIsi, int neuronsWithIsi) {}

  @TestFactory
  Stream<DynamicTest> statisticsMatchBrian2() {
    List<DynamicTest> tests = new ArrayList<>();
    String only = System.getProperty("snnc.reference.only", "");
    for (String name : EXAMPLES) {
      if (only.isEmpty() || only.equals(name)) {
        tests.add(DynamicTest.dynamicTest(name, () -> check(name)));
      }
    }
    return tests.stream();
  }

  private static void check(String name) throws IOException {
    Network net = ExampleReferenceTest.compile(name);
    Path dir = Brian2ReferenceTest.expectedDir(name);
    String json = Brian2Json.export(net, true);
    String digest = Digests.sha256Hex(json) + "\n";
    Path digestFile = dir.resolve("network.sha256");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(dir);
      Files.writeString(digestFile, digest, StandardCharsets.UTF_8);
    }
    SimResult result = new GoldenSimulator().run(net);
    String out = System.getProperty("snnc.reference.out", "");
    if (!out.isEmpty()) {
      Path caseOut = Path.of(out).resolve(name);
      Files.createDirectories(caseOut);
      Files.writeString(caseOut.resolve("network.json"), json, StandardCharsets.UTF_8);
      TraceWriter.writeSpikes(caseOut, result.spikes());
    }
    assertTrue(Files.exists(digestFile), digestFile + " is missing: run with -Dgolden.update=true");
    assertEquals(Files.readString(digestFile), digest, "the network changed: rerun "
        + "bench/reference/compare.sh --update " + name + " and review the statistics");
    Path expected = dir.resolve("spikes.csv");
    assertTrue(Files.exists(expected), expected + " is missing: bench/reference/compare.sh --update "
        + name);
    Map<String, List<long[]>> brian = readSpikes(expected, net.timestepMs());
    Map<String, List<long[]>> ours = new HashMap<>();
    for (SpikeRecord s : result.spikes().spikes()) {
      ours.computeIfAbsent(s.population(), k -> new ArrayList<>())
          .add(new long[] {s.index(), s.step()});
    }
    List<String> failures = new ArrayList<>();
    for (Population p : net.populations()) {
      boolean recorded = net.recordings().stream().anyMatch(r -> r.population().equals(p.id())
          && r.variables().contains(Recording.Variable.SPIKES));
      if (!recorded || p.cellType().isSource()) {
        continue;
      }
      Stats a = stats(ours.getOrDefault(p.name(), List.of()), p.size(), net);
      Stats b = stats(brian.getOrDefault(p.name(), List.of()), p.size(), net);
      String line = String.format(Locale.ROOT,
          "%s/%s: rate %.3f Hz (Brian2 %.3f, %+.1f%%), CV ISI %.4f (Brian2 %.4f, %+.1f%%), "
              + "neurons with ISIs %d (Brian2 %d)",
          name, p.name(), a.rateHz(), b.rateHz(), 100 * (a.rateHz() / b.rateHz() - 1), a.cvIsi(),
          b.cvIsi(), 100 * (a.cvIsi() / b.cvIsi() - 1), a.neuronsWithIsi(), b.neuronsWithIsi());
      System.out.println(line);
      assertTrue(b.rateHz() > 1.0, name + "/" + p.name() + ": Brian2's activity died out: " + line);
      if (Math.abs(a.rateHz() - b.rateHz()) > RATE_TOLERANCE * b.rateHz()
          || Math.abs(a.cvIsi() - b.cvIsi()) > CV_TOLERANCE * b.cvIsi()) {
        failures.add(line);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** The statistics of one population from (index, step) pairs, as documented above. */
  static Stats stats(List<long[]> spikes, int size, Network net) {
    double dt = net.timestepMs();
    long first = Math.round(WINDOW_START_MS / dt);
    long end = net.steps();
    List<List<Long>> perNeuron = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      perNeuron.add(new ArrayList<>());
    }
    long count = 0;
    for (long[] s : spikes) {
      if (s[1] >= first && s[1] < end) {
        perNeuron.get((int) s[0]).add(s[1]);
        count++;
      }
    }
    double windowS = (end - first) * dt / 1000.0;
    double cvSum = 0;
    int cvNeurons = 0;
    for (List<Long> steps : perNeuron) {
      if (steps.size() < 3) {
        continue;
      }
      steps.sort(null);
      int n = steps.size() - 1;
      double mean = 0;
      for (int k = 0; k < n; k++) {
        mean += steps.get(k + 1) - steps.get(k);
      }
      mean /= n;
      double var = 0;
      for (int k = 0; k < n; k++) {
        double d = steps.get(k + 1) - steps.get(k) - mean;
        var += d * d;
      }
      cvSum += Math.sqrt(var / n) / mean;
      cvNeurons++;
    }
    return new Stats(count / (size * windowS), cvNeurons == 0 ? 0 : cvSum / cvNeurons, cvNeurons);
  }

  /** population → (index, step) pairs of a spikes.csv. */
  static Map<String, List<long[]>> readSpikes(Path csv, double dt) throws IOException {
    Map<String, List<long[]>> spikes = new HashMap<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      spikes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new long[] {
          Integer.parseInt(f[1]), Math.round(Double.parseDouble(f[2]) / dt)});
    }
    return spikes;
  }
}
