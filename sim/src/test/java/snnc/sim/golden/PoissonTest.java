package snnc.sim.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import snnc.ir.Network;
import snnc.ir.Recording;
import snnc.ir.model.CellType;
import snnc.sim.trace.SpikeRecord;

class PoissonTest {

  private static Network net(double rate, double start, double duration) {
    return new Nets("poisson", 1.0, 1000).population("p", 1000, CellType.SPIKE_SOURCE_POISSON,
        "rate", rate, "start", start, "duration", duration)
        .record("p", Recording.Variable.SPIKES).build();
  }

  private static SimResult run(Network net, long seed) {
    return new GoldenSimulator(SimOptions.defaults().withPoissonSeed(seed)).run(net);
  }

  @Test
  void pinnedVectorsOfTheDocumentedStream() {
    // Computed from the formula in PoissonSpikes' javadoc by an independent Python script, so a
    // C or Verilog port can check itself against the same numbers.
    assertEquals(0xc766438095195b88L, new PoissonSpikes(0, "p").word(0, 0));
    assertEquals(0x626fa5c2ead85bd3L, new PoissonSpikes(0, "p").word(5, 123));
    assertEquals(0x3262f4229c1b9f05L, new PoissonSpikes(42, "noise").word(999, 100_000));
    assertEquals(85_899_345L, PoissonSpikes.threshold(20, 1.0));
    assertEquals(8_589_934L, PoissonSpikes.threshold(20, 0.1));
    assertEquals(1L << 32, PoissonSpikes.threshold(5000, 1.0), "p ≥ 1 spikes every step");
  }

  @Test
  void rateMatchesWithinFiveSigma() {
    int count = run(net(20, 0, 1e10), 1).spikes().size();
    double mean = 1000 * 1000 * 0.02;
    double sd = Math.sqrt(1000 * 1000 * 0.02 * 0.98);
    assertTrue(Math.abs(count - mean) < 5 * sd, count + " spikes, expected about " + mean);
  }

  @Test
  void spikesOnlyInsideTheWindow() {
    SimResult r = run(net(50, 100, 200), 3);
    for (SpikeRecord s : r.spikes().spikes()) {
      assertTrue(s.step() >= 100 && s.step() < 300, "spike at step " + s.step());
    }
    double mean = 1000 * 200 * 0.05;
    assertTrue(Math.abs(r.spikes().size() - mean) < 5 * Math.sqrt(mean), r.spikes().size() + "");
  }

  @Test
  void simulatorFiresExactlyTheDrawsOfTheStreamInsideTheWindow() {
    // Rates 0 and 5000 Hz pin the thresholds 0 (never) and 2^32 (every step).
    for (double rate : new double[] {0, 50, 5000}) {
      SimResult r = run(net(rate, 100, 200), 3);
      PoissonSpikes stream = new PoissonSpikes(3, "p");
      long threshold = PoissonSpikes.threshold(rate, 1.0);
      java.util.List<SpikeRecord> expected = new java.util.ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        for (long n = 100; n < 300; n++) {
          if (stream.spikes(i, n, threshold)) {
            expected.add(new SpikeRecord("p", i, n));
          }
        }
      }
      expected.sort(SpikeRecord.CSV_ORDER);
      java.util.List<SpikeRecord> actual = new java.util.ArrayList<>(r.spikes().spikes());
      actual.sort(SpikeRecord.CSV_ORDER);
      assertEquals(expected, actual, "rate " + rate);
    }
  }

  @Test
  void sameSeedSameSpikesOtherSeedOtherSpikes() {
    Network n = net(30, 0, 1e10);
    assertEquals(run(n, 7).spikes(), run(n, 7).spikes());
    assertEquals(run(n, 7).spikes(), new GoldenSimulator(SimOptions.defaults().withPoissonSeed(7)
        .withThreads(2)).run(n).spikes());
    assertNotEquals(run(n, 7).spikes(), run(n, 8).spikes());
  }
}
