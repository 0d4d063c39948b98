package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.Ice40Pll;
import snnc.hdl.flow.Tool;

/** The PLL search gives icestorm's icepll settings for the boards' 12 MHz oscillator. */
class Ice40PllTest {

  /** icepll from fpga-icestorm (computes the same settings; only this test runs it). */
  private static final Tool ICEPLL = new Tool("icepll");

  @Test
  void knownSettings() {
    // icepll -i 12 -o 48: DIVR 0, DIVF 63, DIVQ 4, FILTER_RANGE 1 (VCO 768 MHz).
    Ice40Pll p = Ice40Pll.forClock(12, 48);
    assertEquals(List.of(0, 63, 4, 1), List.of(p.divr(), p.divf(), p.divq(), p.filterRange()));
    assertEquals(48_000_000L, p.outputHz());
    assertEquals(768.0, p.vcoMhz(), 1e-9);
    // Not every clock is reachable: 93.6 MHz becomes 93 (VCO 744 MHz / 8; the next is 94.5).
    Ice40Pll q = Ice40Pll.forClock(12, 93.6);
    assertEquals(93.0, q.outputMhz(), 1e-9, q.describe());
    // 16 MHz is not reachable either: 15.9375 (VCO 510 would be below 533 MHz).
    assertEquals(15_937_500L, Ice40Pll.forClock(12, 16).outputHz());
  }

  /** --clock auto: the highest output at or below a design's Fmax, never below the PLL's floor. */
  @Test
  void highestAtMostStaysAtOrBelowTheLimit() {
    // From 12 MHz the outputs near 18 MHz are 12·k/32: 18.375 (k = 49), then 18.75 (k = 50).
    assertEquals(18.375, Ice40Pll.highestAtMost(12, 18.7).orElseThrow().outputMhz(), 1e-9);
    assertEquals(18.75, Ice40Pll.highestAtMost(12, 18.75).orElseThrow().outputMhz(), 1e-9);
    Ice40Pll p48 = Ice40Pll.highestAtMost(12, 48).orElseThrow();
    assertEquals(48_000_000L, p48.outputHz());
    assertEquals(List.of(0, 63, 4), List.of(p48.divr(), p48.divf(), p48.divq()));
    assertEquals(15_937_500L, Ice40Pll.highestAtMost(12, 15.95).orElseThrow().outputHz());
    assertTrue(Ice40Pll.highestAtMost(12, 15.9).isEmpty(), "below the PLL's lowest output");
    // The top: 270 MHz (VCO 540 / 2); 275 itself is not reachable from 12 MHz.
    assertEquals(270.0, Ice40Pll.highestAtMost(12, 1000).orElseThrow().outputMhz(), 1e-9);
    for (double limit = 16; limit < 275; limit += 7.3) {
      double got = Ice40Pll.highestAtMost(12, limit).orElseThrow().outputMhz();
      assertTrue(got <= limit, got + " > " + limit);
      // Nothing the search reaches lies between the answer and the limit.
      double closest = Ice40Pll.forClock(12, limit).outputMhz();
      assertTrue(closest > limit || closest <= got, limit + ": " + closest + " beats " + got);
    }
  }

  @Test
  void outOfRangeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ice40Pll.forClock(12, 12.5));
    assertTrue(e.getMessage().contains("16-275 MHz"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ice40Pll.forClock(12, 300));
  }

  @Test
  void equalsIcepllOverTheRange() throws Exception {
    ExternalTools.require(ICEPLL);
    Path dir = Files.createDirectories(Path.of("target", "icepll"));
    Pattern field = Pattern.compile("(DIVR|DIVF|DIVQ|FILTER_RANGE):\\s+(\\d+)");
    int compared = 0;
    for (double mhz = 16; mhz <= 275; mhz += mhz < 120 ? 3.7 : 17.3) {
      String out = String.format(Locale.ROOT, "%.3f", mhz);
      Tool.Result r = ICEPLL.run(dir, dir.resolve("icepll.log"), 30,
          List.of("-i", "12", "-o", out));
      assertEquals(0, r.exitCode(), r.output());
      int[] want = new int[4];
      Matcher m = field.matcher(r.output());
      int found = 0;
      while (m.find()) {
        int k = List.of("DIVR", "DIVF", "DIVQ", "FILTER_RANGE").indexOf(m.group(1));
        want[k] = Integer.parseInt(m.group(2));
        found++;
      }
      assertEquals(4, found, r.output());
      Ice40Pll p = Ice40Pll.forClock(12, Double.parseDouble(out));
      assertEquals(List.of(want[0], want[1], want[2], want[3]),
          List.of(p.divr(), p.divf(), p.divq(), p.filterRange()), "icepll -o " + out);
      compared++;
    }
    assertTrue(compared > 30, "compared " + compared);
  }
}
