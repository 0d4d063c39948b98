package snnc.mapper.partition;

import snnc.ir.Connector;
import snnc.ir.Distribution;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.ValueSpec;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.DelaySteps;

/**
 * What a projection needs on a post slice, from its connector's statistics instead of its synapses:
 * the partitioner's fast path for large networks.
 *
 * <p>Each statistical connector is described per post neuron by {@code h_g}, the probability that a
 * given pre cell gives that post neuron no synapse of delay stage {@code g} ({@code g = 0}: delays a
 * core handles itself, {@code g ≥ 1}: the g-th delay-extension stage). A pre cell then needs a row of
 * stage {@code g} in a slice of {@code n} post neurons with probability {@code 1 − h_g^n}:
 *
 * <ul>
 *   <li>{@code all_to_all}: {@code h_g = 1 − π_g}; {@code one_to_one}: a row per overlapping cell and
 *       stage with probability {@code π_g};
 *   <li>{@code fixed_probability(p)}: {@code h_g = 1 − p·π_g};
 *   <li>{@code fixed_number_pre(k)} from a pool of {@code m}: {@code h_g = 1 − (k/m)·π_g}, or
 *       {@code (1 − π_g/m)^k} with replacement;
 * </ul>
 *
 * where {@code π_g} is the probability that one synapse's delay falls in stage {@code g}, computed from
 * the delay distribution's CDF and the rounding of {@link DelaySteps}. Rows, synapses and fan-in are
 * budgeted at a Bernstein upper bound that the real count exceeds with probability below
 * {@link #TAIL} per slice (the indicators are independent, or negatively associated for
 * {@code fixed_number_pre}, so the bound holds), capped at the count's maximum; counts that are fixed
 * ({@code all_to_all}, {@code one_to_one}, the synapses of {@code fixed_number_pre}) are exact.
 *
 * <p>A delay stage is provided when the projection is expected to put at least {@link #TAIL}
 * synapses in it; the expected count bounds the probability that any synapse lands there, so a
 * realisation needs a stage that is not provided with probability below {@link #TAIL}. Delays past
 * the target's last stage are judged the same way ({@code map.delay-range}).
 *
 * <p>{@code fixed_number_post}, {@code from_list}, kernels and delays given per synapse (arrays or the
 * connector's own column) are not modelled: {@link #exact()} says so and the partitioner expands them.
 */
final class ProjectionModel {

  /** Probability that a budget (rows, synapses, fan-in of one slice) is exceeded. */
  static final double TAIL = 1e-12;

  private static final double LOG_TAIL = Math.log(1 / TAIL);

  private final Projection projection;
  private final Connector connector;
  private final int nPre;
  private final int nPost;
  private final boolean exact;
  private final boolean selfExcluded;
  /** Probability of each delay stage, 0..stages. */
  private final double[] stageProb;
  /** Stages that some synapse reaches with probability at least {@link #TAIL}. */
  private final boolean[] stagePresent;
  /** The longest delay in steps a core must buffer for this projection, at most the core's slots. */
  private final int ringSteps;
  /** The longest delay in steps the projection is expected to realise (for map.delay-range). */
  private final int maxDelaySteps;

  ProjectionModel(Network network, Projection p, int slots, int stages) {
    this.projection = p;
    this.connector = p.connector();
    ConnectorExpander e = ConnectorExpander.of(network, p);
    this.nPre = e.preSize();
    this.nPost = e.postSize();
    boolean modelled = connector instanceof Connector.AllToAll
        || connector instanceof Connector.OneToOne
        || connector instanceof Connector.FixedProbability
        || connector instanceof Connector.FixedNumberPre;
    DelayCdf cdf = DelayCdf.of(p.delay(), network.timestepMs());
    this.exact = !modelled || cdf == null;
    this.selfExcluded = selfExcluded(p);
    this.stageProb = new double[stages + 1];
    this.stagePresent = new boolean[stages + 1];
    if (exact) {
      this.ringSteps = 0;
      this.maxDelaySteps = 0;
      return;
    }
    double dt = network.timestepMs();
    double total = e.estimatedSynapsesPerPost() * nPost;
    for (int g = 0; g <= stages; g++) {
      double upper = ((g + 1) * (double) slots + 0.5) * dt;
      double lower = g == 0 ? Double.NEGATIVE_INFINITY : (g * (double) slots + 0.5) * dt;
      stageProb[g] = cdf.mass(lower, upper);
      stagePresent[g] = stageProb[g] * total >= TAIL;
    }
    // The ring must hold every delay a synapse may have with probability at least TAIL.
    int ring = 1;
    for (int k = slots; k >= 1; k--) {
      if (cdf.mass((k - 0.5) * dt, Double.POSITIVE_INFINITY) * total >= TAIL) {
        ring = k;
        break;
      }
    }
    this.ringSteps = ring;
    int longest = 1;
    int limit = slots * (stages + 1);
    // Measured directly: 1 − Σ stages carries rounding errors far above TAIL / synapses.
    double beyond = cdf.mass((limit + 0.5) * dt, Double.POSITIVE_INFINITY);
    if (beyond * total >= TAIL) {
      // Find the step the projection is expected to reach, for the error message.
      longest = limit + 1;
      for (int k = limit + 1; k < limit * 64; k++) {
        if (cdf.mass((k + 0.5) * dt, Double.POSITIVE_INFINITY) * total < TAIL) {
          longest = k;
          break;
        }
      }
    } else {
      for (int g = stages; g >= 0; g--) {
        if (stagePresent[g]) {
          longest = g == 0 ? ring : g * slots + 1;
          break;
        }
      }
    }
    this.maxDelaySteps = longest;
  }

  Projection projection() {
    return projection;
  }

  /** Whether the partitioner must expand this projection instead. */
  boolean exact() {
    return exact;
  }

  int preSize() {
    return nPre;
  }

  int ringSteps() {
    return ringSteps;
  }

  int maxDelaySteps() {
    return maxDelaySteps;
  }

  /** The highest delay stage provided (0 = none beyond the core's own slots). */
  int maxStage() {
    for (int g = stagePresent.length - 1; g > 0; g--) {
      if (stagePresent[g]) {
        return g;
      }
    }
    return 0;
  }

  /** Budget of one post slice of {@code n} cells starting at {@code lo}. */
  record Budget(long rows, long synapses, int maxFanIn) {}

  Budget budget(int lo, int hi) {
    int n = hi - lo;
    if (connector instanceof Connector.OneToOne) {
      int m = Math.max(0, Math.min(hi, nPre) - lo);
      long rows = 0;
      for (int g = 0; g < stageProb.length; g++) {
        if (stagePresent[g]) {
          rows += Math.min(m, upper(m * stageProb[g], 0));
        }
      }
      return new Budget(Math.min(rows, m), m, m > 0 ? 1 : 0);
    }
    long rows = 0;
    for (int g = 0; g < stageProb.length; g++) {
      if (stagePresent[g]) {
        rows += Math.min(nPre, upper(nPre * -Math.expm1(n * Math.log(absent(g))), 0));
      }
    }
    long synapses;
    int fanIn;
    if (connector instanceof Connector.AllToAll) {
      synapses = (long) nPre * n;
      fanIn = nPre;
    } else if (connector instanceof Connector.FixedNumberPre f) {
      synapses = (long) f.n() * n;
      fanIn = f.n();
    } else {
      double p = Math.max(0, Math.min(1, ((Connector.FixedProbability) connector).probability()));
      synapses = Math.min((long) nPre * n, upper((double) nPre * n * p, 0));
      fanIn = (int) Math.min(nPre, upper(nPre * p, Math.log(Math.max(1, n))));
    }
    return new Budget(rows, synapses, fanIn);
  }

  /** Whether sources connect one to one (see {@link #cellProbability}). */
  boolean oneToOne() {
    return connector instanceof Connector.OneToOne;
  }

  /**
   * The probability that one pre cell has at least one delayed (stage ≥ 1) or direct synapse into a
   * post slice of {@code n} cells; for {@code one_to_one}, of a pre cell whose partner is in the slice.
   */
  double cellProbability(int n, boolean delayed) {
    if (connector instanceof Connector.OneToOne) {
      return classProbability(delayed);
    }
    double none = 1;
    for (int g = delayed ? 1 : 0; g < (delayed ? stageProb.length : 1); g++) {
      if (stagePresent[g]) {
        none *= Math.pow(absent(g), n);
      }
    }
    return 1 - none;
  }

  /**
   * The expected number of cells of pre slice {@code [preLo, preHi)} with at least one synapse into
   * post slice {@code [postLo, postHi)}: delayed ones (stage ≥ 1) or direct ones.
   */
  double expectedSources(int preLo, int preHi, int postLo, int postHi, boolean delayed) {
    if (connector instanceof Connector.OneToOne) {
      int m = Math.max(0, Math.min(Math.min(preHi, postHi), nPre) - Math.max(preLo, postLo));
      return m * classProbability(delayed);
    }
    return (preHi - preLo) * cellProbability(postHi - postLo, delayed);
  }

  /** Expected synapses from pre slice to post slice: an edge below {@link #TAIL} has none. */
  double expectedSynapses(int preLo, int preHi, int postLo, int postHi) {
    if (connector instanceof Connector.OneToOne) {
      return Math.max(0, Math.min(Math.min(preHi, postHi), nPre) - Math.max(preLo, postLo));
    }
    double perPair;
    if (connector instanceof Connector.AllToAll) {
      perPair = 1;
    } else if (connector instanceof Connector.FixedNumberPre f) {
      perPair = f.n() / (double) Math.max(1, nPre - (selfExcluded() ? 1 : 0));
    } else {
      perPair = ((Connector.FixedProbability) connector).probability();
    }
    return perPair * (preHi - preLo) * (double) (postHi - postLo);
  }

  /** The probability that one synapse is delayed (stage ≥ 1, provided) or direct. */
  double classProbability(boolean delayed) {
    double p = 0;
    for (int g = delayed ? 1 : 0; g < (delayed ? stageProb.length : 1); g++) {
      if (stagePresent[g]) {
        p += stageProb[g];
      }
    }
    return Math.min(1, p);
  }

  private boolean selfExcluded() {
    return selfExcluded;
  }

  private static boolean selfExcluded(Projection projection) {
    Connector connector = projection.connector();
    if (!projection.pre().equals(projection.post())) {
      return false;
    } else if (connector instanceof Connector.AllToAll a) {
      return !a.allowSelfConnections();
    } else if (connector instanceof Connector.FixedProbability f) {
      return !f.allowSelfConnections();
    } else if (connector instanceof Connector.FixedNumberPre f) {
      return !f.allowSelfConnections();
    }
    return false;
  }

  /** {@code h_g}: the probability that one pre cell gives one post neuron no synapse of stage g. */
  private double absent(int g) {
    double pi = stageProb[g];
    if (connector instanceof Connector.AllToAll) {
      return 1 - pi;
    } else if (connector instanceof Connector.FixedProbability fp) {
      return 1 - Math.max(0, Math.min(1, fp.probability())) * pi;
    }
    Connector.FixedNumberPre f = (Connector.FixedNumberPre) connector;
    int pool = Math.max(1, nPre - (selfExcluded() ? 1 : 0));
    if (f.withReplacement()) {
      return Math.pow(1 - pi / pool, f.n());
    }
    return 1 - Math.min(1.0, f.n() / (double) pool) * pi;
  }

  /**
   * Bernstein's bound for a sum of independent (or negatively associated) indicators with mean
   * {@code mean}: exceeded with probability below TAIL·e^{-extraLog}; rounded up.
   */
  static long upper(double mean, double extraLog) {
    double l = LOG_TAIL + extraLog;
    return (long) Math.ceil(mean + l / 3 + Math.sqrt(l * l / 9 + 2 * mean * l));
  }

  /** The distribution of one delay in ms, as interval masses; null when not modelled. */
  abstract static class DelayCdf {

    /** P(lower ≤ delay < upper). */
    abstract double mass(double lower, double upper);

    static DelayCdf of(ValueSpec delay, double dt) {
      if (delay instanceof ValueSpec.Constant c) {
        // A point at the centre of its step, so the step boundaries classify it exactly.
        double at = Math.max(1, DelaySteps.of(c.value(), dt)) * dt;
        return new DelayCdf() {
          double mass(double lower, double upper) {
            return lower <= at && at < upper ? 1 : 0;
          }
        };
      }
      if (!(delay instanceof ValueSpec.Random r)) {
        return null;
      }
      Distribution d = r.distribution();
      if (d instanceof Distribution.Uniform u) {
        if (u.high() <= u.low()) {
          return of(new ValueSpec.Constant(u.low()), dt);
        }
        return new DelayCdf() {
          double mass(double lower, double upper) {
            double a = Math.max(lower, u.low());
            double b = Math.min(upper, u.high());
            return b > a ? (b - a) / (u.high() - u.low()) : 0;
          }
        };
      }
      if (d instanceof Distribution.Normal n) {
        return n.sd() <= 0 ? of(new ValueSpec.Constant(n.mean()), dt)
            : normal(n.mean(), n.sd(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      }
      if (d instanceof Distribution.NormalClipped c) {
        double z = c.sd() <= 0 ? 0 : normalMass(c.mean(), c.sd(), c.low(), c.high());
        if (c.sd() <= 0 || z < 1e-300) {
          // Nothing to redraw into: the expander falls back to the nearer bound.
          double at = c.sd() <= 0 ? Math.max(c.low(), Math.min(c.high(), c.mean()))
              : Math.abs(c.mean() - c.low()) <= Math.abs(c.mean() - c.high()) ? c.low() : c.high();
          return of(new ValueSpec.Constant(at), dt);
        }
        return normal(c.mean(), c.sd(), c.low(), c.high());
      }
      if (d instanceof Distribution.Exponential e && e.mean() > 0) {
        return new DelayCdf() {
          double mass(double lower, double upper) {
            double a = Math.max(0, lower);
            double b = Math.max(0, upper);
            return b > a ? Math.exp(-a / e.mean()) - Math.exp(-b / e.mean()) : 0;
          }
        };
      }
      return null;
    }

    private static DelayCdf normal(double mean, double sd, double low, double high) {
      double z = normalMass(mean, sd, low, high);
      return new DelayCdf() {
        double mass(double lower, double upper) {
          double a = Math.max(lower, low);
          double b = Math.min(upper, high);
          return b > a ? Math.min(1, normalMass(mean, sd, a, b) / z) : 0;
        }
      };
    }

    /** P(a ≤ X ≤ b) for X ~ N(mean, sd²), accurate in either tail. */
    static double normalMass(double mean, double sd, double a, double b) {
      double za = (a - mean) / sd;
      double zb = (b - mean) / sd;
      if (za >= 0) {
        return Math.max(0, upperTail(za) - upperTail(zb));
      }
      if (zb <= 0) {
        return Math.max(0, upperTail(-zb) - upperTail(-za));
      }
      return Math.max(0, 1 - upperTail(-za) - upperTail(zb));
    }

    /** P(Z > z) for a standard normal Z, z may be infinite. */
    static double upperTail(double z) {
      if (z == Double.POSITIVE_INFINITY) {
        return 0;
      }
      if (z == Double.NEGATIVE_INFINITY) {
        return 1;
      }
      return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * The complementary error function by the Chebyshev fit of Press et al. (Numerical Recipes,
     * {@code erfcc}): relative error below 1.2e-7 everywhere, tails included.
     */
    static double erfc(double x) {
      double z = Math.abs(x);
      double t = 1 / (1 + 0.5 * z);
      double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
          + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
          + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
      return x >= 0 ? r : 2 - r;
    }
  }
}
