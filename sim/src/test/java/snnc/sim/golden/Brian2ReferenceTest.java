package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.sim.trace.TraceWriter;

/**
 * The golden simulator against Brian2 2.5.1, spike for spike. Each case has a directory
 * bench/reference/expected/CASE holding {@code network.json} (written from the network here) and
 * {@code spikes.csv} (written by Brian2 from that JSON with bench/reference/brian2_run.py), both
 * checked in so CI needs no Brian2.
 *
 * <ul>
 *   <li>{@code -Dgolden.update=true} rewrites network.json; then regenerate the Brian2 side with
 *       {@code bench/reference/regenerate.sh} and review the diff;
 *   <li>{@code -Dsnnc.reference.out=DIR} also writes this simulator's spikes.csv and network.json
 *       per case under DIR, and {@code -Dsnnc.reference.only=CASE} runs one case (both used by
 *       bench/reference/compare.sh).
 * </ul>
 */
class Brian2ReferenceTest {

  static Path expectedDir(String name) {
    return RepositoryRoot.path().resolve("bench/reference/expected").resolve(name);
  }

  @TestFactory
  Stream<DynamicTest> identicalSpikesToBrian2() {
    List<DynamicTest> tests = new ArrayList<>();
    String only = System.getProperty("snnc.reference.only", "");
    for (Map.Entry<String, Supplier<Network>> e : cases().entrySet()) {
      if (!only.isEmpty() && !only.equals(e.getKey())) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue().get())));
    }
    return tests.stream();
  }

  /** The reference cases; the examples compiled by the frontend join them in ExampleReferences. */
  Map<String, Supplier<Network>> cases() {
    return ReferenceNetworks.all();
  }

  static void check(String name, Network net) throws IOException {
    Path dir = expectedDir(name);
    String json = Brian2Json.export(net);
    Path jsonFile = dir.resolve("network.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(dir);
      Files.writeString(jsonFile, json, StandardCharsets.UTF_8);
    }
    SimResult result = new GoldenSimulator(SimOptions.defaults().withRecordAllSpikes(true))
        .run(net);
    String out = System.getProperty("snnc.reference.out", "");
    if (!out.isEmpty()) {
      Path caseOut = Path.of(out).resolve(name);
      Files.createDirectories(caseOut);
      Files.writeString(caseOut.resolve("network.json"), json, StandardCharsets.UTF_8);
      TraceWriter.writeSpikes(caseOut, result.spikes());
    }
    assertTrue(Files.exists(jsonFile), jsonFile + " is missing: run with -Dgolden.update=true");
    assertEquals(Files.readString(jsonFile), json,
        "network.json is stale: rerun with -Dgolden.update=true and regenerate.sh");
    Path expected = dir.resolve("spikes.csv");
    assertTrue(Files.exists(expected), expected + " is missing: run bench/reference/regenerate.sh");
    Path tmp = Files.createTempDirectory("golden-" + name);
    try {
      String ours = Files.readString(TraceWriter.writeSpikes(tmp, result.spikes()));
      String brian = Files.readString(expected);
      if (!ours.equals(brian)) {
        fail(name + ": spikes differ from Brian2\n" + SpikeDiff.describe(brian, ours));
      }
      assertTrue(result.spikes().size() > 0, name + " should exercise the network: "
          + result.spikes().size() + " spikes");
    } finally {
      try (Stream<Path> files = Files.list(tmp)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(tmp);
    }
  }
}
