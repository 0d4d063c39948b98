package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import snnc.hdl.flow.Bitstream;

/** Reading nextpnr-ice40's timing lines: the achieved Fmax and whether --freq was missed. */
class NextpnrLogTest {

  // The lines nextpnr-ice40 0.4 prints after placement and after routing (the last one counts).
  private static final String PASSED = """
      Info: Max frequency for clock 'clk': 83.85 MHz (PASS at 48.00 MHz)
      Info: Max frequency for clock '$PACKER_GND_NET_$glb_clk': 308.55 MHz (PASS at 48.00 MHz)
      Info: Max frequency for clock 'clk': 79.76 MHz (PASS at 48.00 MHz)
      """;
  private static final String FAILED = """
      Info: Max frequency for clock 'clk': 83.85 MHz (FAIL at 400.00 MHz)
      ERROR: Max frequency for clock 'clk': 79.76 MHz (FAIL at 400.00 MHz)
      0 warnings, 1 error
      """;

  @Test
  void fmaxIsTheRoutedFigureAndFailuresAreSeen() {
    assertEquals(79.76, Bitstream.fmax(PASSED).getAsDouble(), 1e-9);
    assertFalse(Bitstream.timingFailed(PASSED));
    assertEquals(79.76, Bitstream.fmax(FAILED).getAsDouble(), 1e-9);
    assertTrue(Bitstream.timingFailed(FAILED));
  }
}
