package snnc.sim.golden;

import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/**
 * PyNN's Izhikevich model with forward Euler, as PyNN's Brian2 backend integrates it. With old
 * values on the right and I = 1000·i_offset (i_offset in nA through 1 pF gives mV/ms, as in PyNN's
 * Brian2 and NEST backends):
 *
 * <pre>
 * v ← v + dt·(0.04·v² + 5·v + 140 − u + I)
 * u ← u + dt·(a·(b·v − u))
 * spike ⇔ v ≥ 30 mV (Izhikevich's own test, not strict); then v ← c, u ← u + d
 * </pre>
 *
 * There is no refractory period. Input is a voltage jump in step 5: v ← v + w (excitatory) and
 * v ← v − |w| (inhibitory), the weight's number taken as mV, as PyNN's Brian2 backend adds the
 * weight to v.
 */
final class IzhikevichGroup extends CellGroup {

  static final double PEAK_MV = 30.0;

  private final double dt;
  private final double[] v;
  private final double[] u;
  private final double[] a;
  private final double[] b;
  private final double[] c;
  private final double[] d;
  private final double[] drive;

  IzhikevichGroup(Population p, double dt) {
    super(p);
    this.dt = dt;
    v = ParamValues.orDefault(p, "v");
    u = ParamValues.orDefault(p, "u");
    a = ParamValues.orDefault(p, "a");
    b = ParamValues.orDefault(p, "b");
    c = ParamValues.orDefault(p, "c");
    d = ParamValues.orDefault(p, "d");
    drive = ParamValues.orDefault(p, "i_offset");
    for (int i = 0; i < size; i++) {
      drive[i] *= 1000.0;
    }
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    for (int i = from; i < to; i++) {
      double vi = v[i];
      double ui = u[i];
      v[i] = vi + dt * (0.04 * vi * vi + 5.0 * vi + 140.0 - ui + drive[i]);
      u[i] = ui + dt * (a[i] * (b[i] * vi - ui));
      if (v[i] >= PEAK_MV) {
        spikes.add(i);
      }
    }
  }

  @Override
  void receive(long n, int from, int to, IndexList spiked) {
    int base = ring.slotBase(n);
    double[] exc = ring.exc;
    double[] inh = ring.inh;
    for (int i = from; i < to; i++) {
      v[i] = v[i] + exc[base + i] - inh[base + i];
    }
    ring.clear(n, from, to);
    for (int k = 0; k < spiked.size(); k++) {
      int i = spiked.get(k);
      v[i] = c[i];
      u[i] = u[i] + d[i];
    }
  }

  @Override
  double v(int i) {
    return v[i];
  }
}
