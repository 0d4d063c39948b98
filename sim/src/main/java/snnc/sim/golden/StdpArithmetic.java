package snnc.sim.golden;

/**
 * The arithmetic of the pair rule ({@link StdpRule} documents the schedule): trace decay over a
 * number of steps, the +1 of a spike, and the weight updates. Float mode computes in doubles;
 * fixed mode ({@link FixedStdp}) holds raw integers in the doubles (exact below 2^53).
 */
interface StdpArithmetic {

  double decayPre(double x, long steps);

  double decayPost(double y, long steps);

  /** A trace after one more spike. */
  double bump(double trace);

  double depress(double w, double postTrace);

  double potentiate(double w, double preTrace);

  /** Float mode: exact exponential decay. */
  static StdpArithmetic floating(StdpRule rule, double dt) {
    return new StdpArithmetic() {
      @Override
      public double decayPre(double x, long steps) {
        return x * Math.exp(-steps * dt / rule.tauPlusMs());
      }

      @Override
      public double decayPost(double y, long steps) {
        return y * Math.exp(-steps * dt / rule.tauMinusMs());
      }

      @Override
      public double bump(double trace) {
        return trace + 1.0;
      }

      @Override
      public double depress(double w, double postTrace) {
        return rule.depress(w, postTrace);
      }

      @Override
      public double potentiate(double w, double preTrace) {
        return rule.potentiate(w, preTrace);
      }
    };
  }
}
