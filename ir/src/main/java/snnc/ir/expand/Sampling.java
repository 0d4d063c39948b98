package snnc.ir.expand;

import snnc.ir.Distribution;

/**
 * Draws values of a {@link Distribution} from a {@link CounterRng}. Only {@link StrictMath} is used,
 * so every JVM on every platform draws the same bits.
 *
 * <ul>
 *   <li>uniform: {@code low + (high − low)·u};
 *   <li>normal: Box–Muller, one value per pair of uniforms: {@code mean + sd·sqrt(−2 ln(1 − u1))·
 *       cos(2π·u2)};
 *   <li>normal_clipped: normal draws repeated until one lies in [low, high]; after
 *       {@value #MAX_REDRAWS} misses the nearer bound is returned (the verifier warns about such
 *       intervals);
 *   <li>exponential: inversion, {@code −mean·ln(1 − u)}.
 * </ul>
 */
public final class Sampling {

  /** Redraws of normal_clipped before giving up and clamping. */
  public static final int MAX_REDRAWS = 10_000;

  private Sampling() {}

  public static double sample(Distribution distribution, CounterRng rng) {
    if (distribution instanceof Distribution.Uniform u) {
      return u.low() + (u.high() - u.low()) * rng.nextDouble();
    } else if (distribution instanceof Distribution.Normal n) {
      return n.mean() + n.sd() * standardNormal(rng);
    } else if (distribution instanceof Distribution.NormalClipped c) {
      return clipped(c, rng);
    } else if (distribution instanceof Distribution.Exponential e) {
      return -e.mean() * StrictMath.log1p(-rng.nextDouble());
    }
    throw new IllegalArgumentException("unknown distribution " + distribution);
  }

  private static double clipped(Distribution.NormalClipped c, CounterRng rng) {
    for (int attempt = 0; attempt < MAX_REDRAWS; attempt++) {
      double v = c.mean() + c.sd() * standardNormal(rng);
      if (v >= c.low() && v <= c.high()) {
        return v;
      }
    }
    return Math.abs(c.mean() - c.low()) <= Math.abs(c.mean() - c.high()) ? c.low() : c.high();
  }

  static double standardNormal(CounterRng rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log1p(-u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }
}
