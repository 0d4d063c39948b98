package snnc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The parts of {@code bench/run fpga} that need no tools: log parsing and the summary. */
class FpgaBenchmarkTest {

  @Test
  void logicCellsAreNextpnrsLastUtilisationLine() {
    String log = """
        Info: Device utilisation:
        Info: 	         ICESTORM_LC:  4702/ 5280    89%
        Info: 	        ICESTORM_RAM:    25/   30    83%
        Info: Device utilisation:
        Info: 	         ICESTORM_LC:  4600/ 5280    87%
        """;
    assertArrayEquals(new int[] {4600, 5280}, FpgaBenchmark.logicCells(log));
    assertArrayEquals(new int[] {0, 0}, FpgaBenchmark.logicCells("nextpnr failed early"));
  }

  @Test
  void realTimeFactorIsClockCyclesPerMillisecondOverCyclesPerStep() {
    assertEquals(29.57, FpgaBenchmark.realTime(36, 1217.5), 0.01);
    assertEquals(7.27, FpgaBenchmark.realTime(36, 4953), 0.01);
  }

  @Test
  void theHx8kIsPlacedWithFiveSeedsAndQuickBuildsOneOfEach() {
    List<FpgaBenchmark.Design> full = FpgaBenchmark.designs(false);
    assertEquals(List.of(1, 2, 3, 4, 5), full.stream()
        .filter(d -> d.name().equals("synfire240")).map(FpgaBenchmark.Design::seed).toList());
    assertEquals(List.of("compile", "bench/models/synfire240.snn", "--target", "ice40-hx8k",
        "--clock", "90", "--bitstream", "--pnr-seed", "3"), full.get(4).args(true));
    assertEquals(1, full.stream().map(FpgaBenchmark.Design::rtlKey)
        .filter(k -> k.contains("synfire240")).distinct().count(), "one RTL for every seed");
    assertEquals(List.of("synfire", "ring1k", "synfire240", "chain2 (2 cores)"),
        FpgaBenchmark.designs(true).stream().map(FpgaBenchmark.Design::name).toList());
  }

  @Test
  void largestIsTheBiggestDesignThatMetItsClock() {
    FpgaBenchmark.BoardRun run = new FpgaBenchmark.BoardRun(10, 100, 20, true, true, 1);
    List<FpgaBenchmark.Design> d = FpgaBenchmark.designs(false);
    FpgaBenchmark.Built synfire = built(d.get(0), 0, 1_000, 20_000, 1000, run);
    FpgaBenchmark.Built ring = built(d.get(1), 0, 1_024, 32_768, 1000, run);
    FpgaBenchmark.Built ringMissed = built(d.get(1), 1, 1_024, 32_768, 0, run);
    assertEquals(ring, FpgaBenchmark.largest(List.of(synfire, ring), "UP5K"));
    assertEquals(synfire, FpgaBenchmark.largest(List.of(synfire, ringMissed), "UP5K"));
    assertNull(FpgaBenchmark.largest(List.of(synfire, ring), "HX8K"));
  }

  private static FpgaBenchmark.Built built(FpgaBenchmark.Design d, int status, int neurons,
      long synapses, long bitstreamBytes, FpgaBenchmark.BoardRun run) {
    return new FpgaBenchmark.Built(d, status, "", "pipelined (spram)", 1, neurons, synapses, 24,
        3000, 2500, 4600, 5280, 25, 4, 5, OptionalDouble.of(37.6), bitstreamBytes, 1, run);
  }
}
