package snnc.ir.numerics;

import java.util.ArrayList;
import java.util.List;
import snnc.ir.Population;
import snnc.ir.expand.ParamValues;
import snnc.ir.model.CellType;

/**
 * The per-neuron constants and initial state of an IF_curr_exp or IF_curr_delta population as the
 * host computes them for a profile (docs/numerics.md, "Host conversions"): raw integers ready for a
 * target's parameter memory. Values that do not fit their format are listed in {@link #problems()}
 * and saturated in the arrays.
 *
 * @param vRest v_rest, voltage format
 * @param vReset v_reset, voltage format
 * @param vThresh v_thresh, voltage format
 * @param v0 initial v, voltage format
 * @param ie0 initial Ie, current format (zeros for IF_curr_delta)
 * @param ii0 initial Ii as a magnitude, current format (zeros for IF_curr_delta)
 * @param pm exp(−dt/τm), decay format
 * @param pe exp(−dt/τsynE), decay format (zeros for IF_curr_delta)
 * @param pi exp(−dt/τsynI), decay format (zeros for IF_curr_delta)
 * @param p21e the excitatory current-to-voltage propagator, coefficient format
 * @param p21i the inhibitory one
 * @param offset i_offset·R·(1 − Pm), voltage format
 * @param refractorySteps Rs = floor((τrefrac + 0.001·dt)/dt)
 */
public record NeuronConstants(long[] vRest, long[] vReset, long[] vThresh, long[] v0, long[] ie0,
    long[] ii0, long[] pm, long[] pe, long[] pi, long[] p21e, long[] p21i, long[] offset,
    long[] refractorySteps, List<Problem> problems) {

  /** A value that does not fit: parameter name, first neuron, its real value and the format. */
  public record Problem(String param, int neuron, double value, String format, String range) {}

  public NeuronConstants {
    problems = List.copyOf(problems);
  }

  /** Whether this model has a fixed-point implementation (IF_curr_exp, IF_curr_delta). */
  public static boolean supports(CellType type) {
    return type == CellType.IF_CURR_EXP || type == CellType.IF_CURR_DELTA;
  }

  /** Computes the constants of {@code p} at timestep {@code dtMs} for {@code profile}. */
  public static NeuronConstants of(Population p, double dtMs, NumericsProfile profile) {
    if (!supports(p.cellType())) {
      throw new IllegalArgumentException(p.cellType().pynnName() + " has no fixed-point form");
    }
    boolean exp = p.cellType() == CellType.IF_CURR_EXP;
    int n = p.size();
    Encoder enc = new Encoder(n);
    double[] tauM = ParamValues.orDefault(p, "tau_m");
    double[] cm = ParamValues.orDefault(p, "cm");
    double[] iOffset = ParamValues.orDefault(p, "i_offset");
    double[] tauRefrac = ParamValues.orDefault(p, "tau_refrac");
    QFormat vf = profile.voltage();
    QFormat cf = profile.current();
    QFormat df = profile.decay();
    long[] vRest = enc.encode("v_rest", ParamValues.orDefault(p, "v_rest"), vf);
    long[] vReset = enc.encode("v_reset", ParamValues.orDefault(p, "v_reset"), vf);
    long[] vThresh = enc.encode("v_thresh", ParamValues.orDefault(p, "v_thresh"), vf);
    long[] v0 = enc.encode("v", ParamValues.initialV(p), vf);
    double[] zero = new double[n];
    long[] ie0 = enc.encode("isyn_exc", exp ? ParamValues.orDefault(p, "isyn_exc") : zero, cf);
    double[] ii = exp ? ParamValues.orDefault(p, "isyn_inh") : zero;
    for (int i = 0; i < n; i++) {
      ii[i] = Math.abs(ii[i]);
    }
    long[] ii0 = enc.encode("isyn_inh", ii, cf);
    long[] pm = new long[n];
    long[] pe = new long[n];
    long[] pi = new long[n];
    double[] p21e = new double[n];
    double[] p21i = new double[n];
    double[] offset = new double[n];
    double[] refractory = new double[n];
    double[] tauE = exp ? ParamValues.orDefault(p, "tau_syn_E") : null;
    double[] tauI = exp ? ParamValues.orDefault(p, "tau_syn_I") : null;
    for (int i = 0; i < n; i++) {
      double pmReal = StrictMath.exp(-dtMs / tauM[i]);
      pm[i] = FixedPoint.decayFactor(dtMs, tauM[i], df.fracBits());
      offset[i] = iOffset[i] * (tauM[i] / cm[i]) * (1.0 - pmReal);
      refractory[i] = Math.floor((tauRefrac[i] + 0.001 * dtMs) / dtMs);
      if (exp) {
        pe[i] = FixedPoint.decayFactor(dtMs, tauE[i], df.fracBits());
        pi[i] = FixedPoint.decayFactor(dtMs, tauI[i], df.fracBits());
        p21e[i] = p21(tauM[i], tauE[i], cm[i], pmReal, StrictMath.exp(-dtMs / tauE[i]), dtMs);
        p21i[i] = p21(tauM[i], tauI[i], cm[i], pmReal, StrictMath.exp(-dtMs / tauI[i]), dtMs);
      }
    }
    long[] p21eRaw = enc.encode("tau_syn_E", p21e, profile.coefficient());
    long[] p21iRaw = enc.encode("tau_syn_I", p21i, profile.coefficient());
    long[] offsetRaw = enc.encode("i_offset", offset, vf);
    long[] refractoryRaw = new long[n];
    for (int i = 0; i < n; i++) {
      refractoryRaw[i] = (long) refractory[i];
      if (refractoryRaw[i] > profile.refractoryMaxSteps()) {
        enc.problem("tau_refrac", i, tauRefrac[i],
            profile.refractoryBits() + "-bit refractory counter",
            "at most " + profile.refractoryMaxSteps() + " steps");
        refractoryRaw[i] = profile.refractoryMaxSteps();
      }
    }
    return new NeuronConstants(vRest, vReset, vThresh, v0, ie0, ii0, pm, pe, pi, p21eRaw, p21iRaw,
        offsetRaw, refractoryRaw, enc.problems);
  }

  /** The current-to-voltage propagator; {@code dt/cm·Pm} when τsyn = τm exactly. */
  static double p21(double tauM, double tauSyn, double cm, double pm, double ps, double dt) {
    if (tauSyn == tauM) {
      return dt / cm * pm;
    }
    return tauM * tauSyn / (cm * (tauM - tauSyn)) * (pm - ps);
  }

  /** Encodes arrays, keeping the first out-of-range neuron per parameter. */
  private static final class Encoder {
    final int n;
    final List<Problem> problems = new ArrayList<>();

    Encoder(int n) {
      this.n = n;
    }

    long[] encode(String param, double[] real, QFormat format) {
      long[] raw = new long[n];
      boolean reported = false;
      for (int i = 0; i < n; i++) {
        long r = format.encode(real[i]);
        if (!format.contains(r)) {
          if (!reported) {
            problem(param, i, real[i], format.toString(),
                "[" + format.minReal() + ", " + format.maxReal() + "]");
            reported = true;
          }
          r = Math.max(format.minRaw(), Math.min(format.maxRaw(), r));
        }
        raw[i] = r;
      }
      return raw;
    }

    void problem(String param, int neuron, double value, String format, String range) {
      problems.add(new Problem(param, neuron, value, format, range));
    }
  }
}
