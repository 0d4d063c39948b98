package snnc.sim.golden;

import snnc.ir.SynapseDynamics;

/**
 * The pair-based STDP rule in float mode, with all-to-all pairing through exponential traces.
 * Each synapse s has a pre trace x_s (decay τ+, +1 when a spike of its pre neuron arrives at s,
 * i.e. at emission + delay: delays are axonal, as in PyNN's Brian2 backend); each post neuron has a
 * post trace y (decay τ−, +1 when it spikes). Weights are magnitudes (inhibitory weights
 * included) kept in [w_min, w_max].
 *
 * <pre>
 * at an arrival at s (step n), in step 5 before the input is added:
 *     additive:        w ← w − A−·w_max·y(n)
 *     multiplicative:  w ← w − A−·(w − w_min)·y(n)
 *     w ← clip(w, w_min, w_max); x_s ← x_s(n) + 1; then the new w is delivered
 * at a spike of post neuron j (step n), after all arrivals of step n:
 *     for each synapse s onto j, in row order:
 *     additive:        w ← w + A+·w_max·x_s(n)
 *     multiplicative:  w ← w + A+·(w_max − w)·x_s(n)
 *     w ← clip(w, w_min, w_max); then y_j ← y_j(n) + 1
 * traces decay exactly: x(n) = x(m)·exp(−(n − m)·dt/τ) since the last update m.
 * </pre>
 *
 * So a pre arrival and a post spike in the same step count as pre-before-post (potentiation with
 * x including that arrival), as in Brian2, where the pre pathway runs before the post pathway.
 * The additive form is PyNN's Brian2 backend's ({@code weight += w_max·trace}).
 */
record StdpRule(double tauPlusMs, double tauMinusMs, double aPlus, double aMinus, double wMin,
    double wMax, boolean multiplicative) {

  static StdpRule of(SynapseDynamics.Stdp stdp) {
    SynapseDynamics.PairRule t = stdp.timing();
    SynapseDynamics.WeightDependence wd = stdp.weightDependence();
    return new StdpRule(t.tauPlusMs(), t.tauMinusMs(), t.aPlus(), t.aMinus(), wd.wMin(), wd.wMax(),
        wd instanceof SynapseDynamics.Multiplicative);
  }

  double depress(double w, double postTrace) {
    double dw = multiplicative ? aMinus * (w - wMin) * postTrace : aMinus * wMax * postTrace;
    return clip(w - dw);
  }

  double potentiate(double w, double preTrace) {
    double dw = multiplicative ? aPlus * (wMax - w) * preTrace : aPlus * wMax * preTrace;
    return clip(w + dw);
  }

  private double clip(double w) {
    return Math.min(wMax, Math.max(wMin, w));
  }
}
