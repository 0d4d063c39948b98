package snnc.hdl.emit;

import java.util.Locale;

/**
 * The settings of the iCE40 PLL (SB_PLL40_*, feedback path SIMPLE) that bring a reference clock
 * closest to a requested output clock, found by the search icestorm's {@code icepll} documents:
 * every DIVR (0–15) whose phase-detector frequency F_PFD = F_in / (DIVR + 1) lies in 10–133 MHz,
 * every DIVF (0–127) whose VCO frequency F_VCO = F_PFD · (DIVF + 1) lies in 533–1,066 MHz, and
 * every DIVQ (1–6) giving F_out = F_VCO / 2^DIVQ; the first setting with the smallest
 * |F_out − requested| in that order wins (so the result equals {@code icepll -i IN -o OUT}'s),
 * and the loop filter range follows from F_PFD.
 *
 * @param inputMhz reference clock (the board's oscillator)
 * @param requestedMhz requested output clock
 * @param divr reference divider (F_PFD = F_in / (DIVR + 1))
 * @param divf feedback divider (F_VCO = F_PFD · (DIVF + 1))
 * @param divq output divider (F_out = F_VCO / 2^DIVQ)
 * @param filterRange loop filter range (1–6, from F_PFD)
 */
public record Ice40Pll(double inputMhz, double requestedMhz, int divr, int divf, int divq,
    int filterRange) {

  /** Lowest PLL output clock of the iCE40 (sysCLOCK PLL guide; icepll refuses less). */
  public static final double MIN_OUTPUT_MHZ = 16;
  /** Highest PLL output clock of the iCE40. */
  public static final double MAX_OUTPUT_MHZ = 275;

  /** The phase-detector frequency F_in / (DIVR + 1). */
  public double pfdMhz() {
    return inputMhz / (divr + 1);
  }

  /** The VCO frequency F_PFD · (DIVF + 1). */
  public double vcoMhz() {
    return pfdMhz() * (divf + 1);
  }

  /** The output clock these settings achieve (not always the requested one). */
  public double outputMhz() {
    return vcoMhz() / (1 << divq);
  }

  /** The achieved output clock in whole hertz (what baud dividers and step periods use). */
  public long outputHz() {
    return Math.round(outputMhz() * 1e6);
  }

  /** A one-line description, e.g. {@code 12 MHz -> 48.000 MHz (DIVR 0, DIVF 63, DIVQ 4, ...)}. */
  public String describe() {
    return String.format(Locale.ROOT, "%.3f MHz -> %.3f MHz (DIVR %d, DIVF %d, DIVQ %d, "
        + "FILTER_RANGE %d; VCO %.3f MHz)", inputMhz, outputMhz(), divr, divf, divq,
        filterRange, vcoMhz());
  }

  /**
   * The settings for {@code requestedMhz} from {@code inputMhz}; throws
   * {@link IllegalArgumentException} when the request is outside 16–275 MHz or no setting keeps
   * F_PFD and F_VCO in range.
   */
  public static Ice40Pll forClock(double inputMhz, double requestedMhz) {
    if (!(requestedMhz >= MIN_OUTPUT_MHZ && requestedMhz <= MAX_OUTPUT_MHZ)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the iCE40 PLL makes %s-%s "
          + "MHz; %s MHz was requested", fmt(MIN_OUTPUT_MHZ), fmt(MAX_OUTPUT_MHZ),
          fmt(requestedMhz)));
    }
    Ice40Pll best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (int divr = 0; divr <= 15; divr++) {
      double pfd = inputMhz / (divr + 1);
      if (pfd < 10 || pfd > 133) {
        continue;
      }
      for (int divf = 0; divf <= 127; divf++) {
        double vco = pfd * (divf + 1);
        if (vco < 533 || vco > 1066) {
          continue;
        }
        for (int divq = 1; divq <= 6; divq++) {
          double error = Math.abs(vco / (1 << divq) - requestedMhz);
          if (error < bestError) {
            bestError = error;
            best = new Ice40Pll(inputMhz, requestedMhz, divr, divf, divq, filterRange(pfd));
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no iCE40 PLL setting reaches " + fmt(requestedMhz)
          + " MHz from " + fmt(inputMhz) + " MHz");
    }
    return best;
  }

  /**
   * The settings with the highest output clock at or below {@code limitMhz} (the first such
   * setting in {@link #forClock}'s search order), or empty when even the PLL's lowest output is
   * above it: the clock for a design that routes at {@code limitMhz} ({@code --clock auto}).
   * The lowest output counted is the one {@link #forClock} gives for 16 MHz (15.9375 from 12):
   * the dividers reach lower, but the iCE40 PLL is specified from 16 MHz.
   */
  public static java.util.Optional<Ice40Pll> highestAtMost(double inputMhz, double limitMhz) {
    double floor = forClock(inputMhz, MIN_OUTPUT_MHZ).outputMhz();
    Ice40Pll best = null;
    for (int divr = 0; divr <= 15; divr++) {
      double pfd = inputMhz / (divr + 1);
      if (pfd < 10 || pfd > 133) {
        continue;
      }
      for (int divf = 0; divf <= 127; divf++) {
        double vco = pfd * (divf + 1);
        if (vco < 533 || vco > 1066) {
          continue;
        }
        for (int divq = 1; divq <= 6; divq++) {
          double output = vco / (1 << divq);
          if (output <= limitMhz && output >= floor && output <= MAX_OUTPUT_MHZ
              && (best == null || output > best.outputMhz())) {
            best = new Ice40Pll(inputMhz, output, divr, divf, divq, filterRange(pfd));
          }
        }
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** The loop filter range for a phase-detector frequency (icepll's table). */
  static int filterRange(double pfdMhz) {
    if (pfdMhz < 17) {
      return 1;
    } else if (pfdMhz < 26) {
      return 2;
    } else if (pfdMhz < 44) {
      return 3;
    } else if (pfdMhz < 66) {
      return 4;
    } else if (pfdMhz < 101) {
      return 5;
    }
    return 6;
  }

  private static String fmt(double mhz) {
    return mhz == Math.rint(mhz) ? Long.toString((long) mhz)
        : String.format(Locale.ROOT, "%.3f", mhz);
  }
}
