package snnc.sim.golden;

import java.util.Arrays;
import snnc.ir.Population;
import snnc.ir.expand.ParamValues;

/**
 * IF_curr_exp with exact integration (the propagators of the package documentation). The
 * inhibitory current {@code ii} is held as a magnitude and subtracted.
 */
final class CurrExpGroup extends CellGroup {

  private final double[] v;
  private final double[] ie;
  private final double[] ii;
  private final double[] vRest;
  private final double[] pm;
  private final double[] offsetTerm;
  private final double[] p21e;
  private final double[] p21i;
  private final double[] pe;
  private final double[] pi;
  private final double[] vThresh;
  private final double[] vReset;
  private final int[] refractorySteps;
  private final long[] lastSpike;
  /**
   * Whether all neurons share their constants (the usual case), so the update can keep them in
   * registers: then {@link #u} holds v_rest, Pm, the offset term, P21e, P21i, Pe, Pi, v_thresh.
   */
  private final boolean uniform;
  private final double[] u;
  private final int uRefractorySteps;
  /** Neurons per chunk of the shared-constant update ({@link #advanceUniform}). */
  private static final int CHUNK = 1024;
  /**
   * The largest worker range that takes {@link #advanceUniform} when the ring has more than one
   * slot. It saves and restores the voltages of the refractory neurons (about 4 % of them at 20 Hz
   * and 2 ms), which are scattered over the range; past the caches that costs more than the sweep
   * saves when the slot sits at an offset in the ring and the sweep runs scalar (see
   * {@link #advanceUniform}), so larger ranges keep {@link #advanceUniformScalar}. With a ring of
   * one slot the sweep is vectorised and wins at any size (brunel-100k, 40,000-neuron ranges: a
   * quarter less time for the update).
   */
  private static final int MAX_OFFSET_VECTOR_RANGE = 16_384;
  /** With shared constants: the state of each worker range (see {@link #workerRanges}). */
  private WorkerRange[] ranges;
  /** The bounds {@link #workerRanges} was given: worker p's range is [bounds[p], bounds[p + 1]). */
  private int[] rangeBounds;

  CurrExpGroup(Population p, double dt) {
    super(p);
    int n = size;
    v = ParamValues.initialV(p);
    ie = ParamValues.orDefault(p, "isyn_exc");
    ii = ParamValues.orDefault(p, "isyn_inh");
    for (int i = 0; i < n; i++) {
      ii[i] = Math.abs(ii[i]);
    }
    vRest = ParamValues.orDefault(p, "v_rest");
    vThresh = ParamValues.orDefault(p, "v_thresh");
    vReset = ParamValues.orDefault(p, "v_reset");
    double[] cm = ParamValues.orDefault(p, "cm");
    double[] tauM = ParamValues.orDefault(p, "tau_m");
    double[] tauE = ParamValues.orDefault(p, "tau_syn_E");
    double[] tauI = ParamValues.orDefault(p, "tau_syn_I");
    double[] iOffset = ParamValues.orDefault(p, "i_offset");
    double[] tauRefrac = ParamValues.orDefault(p, "tau_refrac");
    pm = new double[n];
    offsetTerm = new double[n];
    p21e = new double[n];
    p21i = new double[n];
    pe = new double[n];
    pi = new double[n];
    refractorySteps = new int[n];
    for (int i = 0; i < n; i++) {
      pm[i] = Math.exp(-dt / tauM[i]);
      pe[i] = Math.exp(-dt / tauE[i]);
      pi[i] = Math.exp(-dt / tauI[i]);
      double r = tauM[i] / cm[i];
      offsetTerm[i] = iOffset[i] * r * (1.0 - pm[i]);
      p21e[i] = p21(tauM[i], tauE[i], cm[i], pm[i], pe[i], dt);
      p21i[i] = p21(tauM[i], tauI[i], cm[i], pm[i], pi[i], dt);
      refractorySteps[i] = Steps.refractorySteps(tauRefrac[i], dt);
    }
    lastSpike = new long[n];
    Arrays.fill(lastSpike, Long.MIN_VALUE / 4);
    uniform = n > 0 && same(vRest) && same(pm) && same(offsetTerm) && same(p21e) && same(p21i)
        && same(pe) && same(pi) && same(vThresh) && same(refractorySteps);
    if (uniform) {
      u = new double[] {vRest[0], pm[0], offsetTerm[0], p21e[0], p21i[0], pe[0], pi[0],
          vThresh[0]};
      uRefractorySteps = refractorySteps[0];
    } else {
      u = null;
      uRefractorySteps = 0;
    }
  }

  /** Whether every entry has the bits of the first. */
  static boolean same(double[] a) {
    long first = Double.doubleToRawLongBits(a[0]);
    for (double x : a) {
      if (Double.doubleToRawLongBits(x) != first) {
        return false;
      }
    }
    return true;
  }

  static boolean same(int[] a) {
    for (int x : a) {
      if (x != a[0]) {
        return false;
      }
    }
    return true;
  }

  /** The propagator from synaptic current to voltage; {@code dt/cm·Pm} when τsyn = τm exactly. */
  static double p21(double tauM, double tauSyn, double cm, double pm, double ps, double dt) {
    if (tauSyn == tauM) {
      return dt / cm * pm;
    }
    return tauM * tauSyn / (cm * (tauM - tauSyn)) * (pm - ps);
  }

  @Override
  void workerRanges(int[] bounds) {
    if (!uniform) {
      return;
    }
    rangeBounds = bounds.clone();
    ranges = new WorkerRange[bounds.length - 1];
  }

  /** Each worker allocates its range's scratch itself (see {@link CellGroup#startWorker}). */
  @Override
  void startWorker(int p) {
    if (ranges != null) {
      ranges[p] = new WorkerRange(rangeBounds[p], rangeBounds[p + 1]);
    }
  }

  @Override
  void advance(long n, int from, int to, IndexList spikes) {
    WorkerRange range = rangeOf(from, to);
    // Step 0 has no pending input, so the shared-constant loop always takes some.
    if (uniform && n > 0) {
      if (range != null && (ring.length() == 1 || to - from <= MAX_OFFSET_VECTOR_RANGE)) {
        advanceUniform(n, from, to, spikes, range);
      } else {
        advanceUniformScalar(n, from, to, spikes);
      }
      return;
    }
    int first = spikes.size();
    takePending(n, from, to);
    for (int i = from; i < to; i++) {
      boolean active = n - lastSpike[i] >= refractorySteps[i];
      double vi = v[i];
      if (active) {
        vi = vRest[i] + (vi - vRest[i]) * pm[i] + offsetTerm[i] + ie[i] * p21e[i]
            - ii[i] * p21i[i];
        v[i] = vi;
      }
      ie[i] *= pe[i];
      ii[i] *= pi[i];
      if (active && vi > vThresh[i]) {
        lastSpike[i] = n;
        spikes.add(i);
      }
    }
    if (range != null) {
      for (int k = first; k < spikes.size(); k++) {
        range.add(spikes.get(k), n);
      }
    }
  }

  /** The state of the worker range {@code [from, to)}, null if there is none. */
  private WorkerRange rangeOf(int from, int to) {
    if (ranges != null) {
      // Only the caller's own slot is read: the other workers fill theirs concurrently.
      for (int p = 0; p < ranges.length; p++) {
        if (rangeBounds[p] == from && rangeBounds[p + 1] == to) {
          return ranges[p];
        }
      }
    }
    return null;
  }

  /**
   * {@link #advance} for n &gt; 0 with the shared constants, taking step n − 1's input in the same
   * sweep; the same operations in the same order, arranged so that the JIT can vectorise the
   * sweep: it has no branches, so it computes steps 1–3 for every neuron, refractory ones too,
   * whose voltages {@code range} saves before and puts back at the end (their currents decay
   * regardless, step 3). It sets them to −∞ meanwhile, which the sweep leaves at −∞ or NaN, so
   * the branch-free scan after each chunk of the sweep lists exactly the neurons that spike (step
   * 4), in ascending index order, without reading each one's last spike step: that read was a
   * cache miss per spike (the array is as large as the population), in a loop that waited on it.
   */
  private void advanceUniform(long n, int from, int to, IndexList spikes, WorkerRange range) {
    double vr = u[0];
    double decay = u[1];
    double offset = u[2];
    double toVe = u[3];
    double toVi = u[4];
    double decayE = u[5];
    double decayI = u[6];
    double threshold = u[7];
    int rs = uRefractorySteps;
    double[] v = this.v;
    double[] ie = this.ie;
    double[] ii = this.ii;
    long[] lastSpike = this.lastSpike;
    int[] above = range.above;
    range.expire(n, rs);
    int held = range.save(v);
    int base = ring.slotBase(n - 1);
    double[] exc = ring.exc;
    double[] inh = ring.inh;
    // Chunks small enough that the scan finds the voltages the sweep wrote still in L1.
    for (int lo = from; lo < to; lo += CHUNK) {
      int hi = Math.min(to, lo + CHUNK);
      // C2 vectorises a loop only when every array is indexed by the same i: with the ring slot at
      // an offset it cannot rule out that exc overlaps v shifted by base, and runs it scalar (five
      // times slower). A ring of one slot (delivery at arrival) and slot 0 of a longer one take
      // the same-index loop; the two loops compute the same values.
      if (base == 0) {
        for (int i = lo; i < hi; i++) {
          // Step 5 of step n − 1, deferred to here (see takePending).
          double e = ie[i] + exc[i];
          double h = ii[i] + inh[i];
          exc[i] = 0.0;
          inh[i] = 0.0;
          v[i] = vr + (v[i] - vr) * decay + offset + e * toVe - h * toVi;
          ie[i] = e * decayE;
          ii[i] = h * decayI;
        }
      } else {
        for (int i = lo; i < hi; i++) {
          double e = ie[i] + exc[base + i];
          double h = ii[i] + inh[base + i];
          exc[base + i] = 0.0;
          inh[base + i] = 0.0;
          v[i] = vr + (v[i] - vr) * decay + offset + e * toVe - h * toVi;
          ie[i] = e * decayE;
          ii[i] = h * decayI;
        }
      }
      // Few neurons cross the threshold, at random: appending every index and advancing the
      // count only for those above costs less than a branch the CPU mispredicts. Refractory
      // neurons sit at −∞ (see WorkerRange.save), so every neuron listed spikes.
      int count = 0;
      for (int i = lo; i < hi; i++) {
        above[count] = i;
        count += v[i] > threshold ? 1 : 0;
      }
      for (int k = 0; k < count; k++) {
        int i = above[k];
        lastSpike[i] = n;
        spikes.add(i);
        range.add(i, n);
      }
    }
    range.restore(v, held);
  }

  /**
   * {@link #advanceUniform} for ranges above {@link #MAX_OFFSET_VECTOR_RANGE} of a ring with
   * several slots: one pass that skips the
   * refractory neurons by a branch; the same operations in the same order.
   */
  private void advanceUniformScalar(long n, int from, int to, IndexList spikes) {
    double vr = u[0];
    double decay = u[1];
    double offset = u[2];
    double toVe = u[3];
    double toVi = u[4];
    double decayE = u[5];
    double decayI = u[6];
    double threshold = u[7];
    int rs = uRefractorySteps;
    double[] v = this.v;
    double[] ie = this.ie;
    double[] ii = this.ii;
    long[] lastSpike = this.lastSpike;
    int base = ring.slotBase(n - 1);
    double[] exc = ring.exc;
    double[] inh = ring.inh;
    for (int i = from; i < to; i++) {
      boolean active = n - lastSpike[i] >= rs;
      double vi = v[i];
      double e = ie[i];
      double h = ii[i];
      // Step 5 of step n − 1, deferred to here (see takePending).
      int k = base + i;
      e += exc[k];
      h += inh[k];
      exc[k] = 0.0;
      inh[k] = 0.0;
      if (active) {
        vi = vr + (vi - vr) * decay + offset + e * toVe - h * toVi;
        v[i] = vi;
      }
      ie[i] = e * decayE;
      ii[i] = h * decayI;
      if (active && vi > threshold) {
        lastSpike[i] = n;
        spikes.add(i);
      }
    }
  }

  /**
   * Step 5 of step n − 1 for neurons {@code [from, to)}: adds the input due then to the currents.
   * {@link #receive} leaves it in the ring so that {@link #advance} can take it in the same sweep
   * as steps 1–4 of step n: nothing reads the currents in between, and step n's delivery (which
   * may reuse that slot for its longest delay) comes after step n's advance. At n = 0 nothing is
   * pending.
   */
  private void takePending(long n, int from, int to) {
    if (n == 0) {
      return;
    }
    int base = ring.slotBase(n - 1);
    double[] exc = ring.exc;
    double[] inh = ring.inh;
    for (int i = from; i < to; i++) {
      ie[i] += exc[base + i];
      ii[i] += inh[base + i];
    }
    ring.clear(n - 1, from, to);
  }

  /** Step 6 only: step 5 is deferred to the next {@link #advance} (see {@link #takePending}). */
  @Override
  void receive(long n, int from, int to, IndexList spiked) {
    for (int k = 0; k < spiked.size(); k++) {
      int i = spiked.get(k);
      v[i] = vReset[i];
    }
  }

  @Override
  double v(int i) {
    return v[i];
  }

  /**
   * Scratch of one worker range for {@link #advanceUniform}: room for the indices above threshold
   * and the neurons that spiked recently, oldest first (all share Rs, so they leave in the order
   * they came): at step n those with n − spike step &lt; Rs are refractory. The queue holds the
   * spikes of at most Rs steps; it grows on demand.
   */
  private static final class WorkerRange {
    final int from;
    final int to;
    final int[] above;
    private int[] neuron = new int[16];
    private long[] step = new long[16];
    private double[] saved = new double[16];
    /** The oldest entry is at head, the others follow it cyclically. */
    private int head;
    private int size;

    WorkerRange(int from, int to) {
      this.from = from;
      this.to = to;
      this.above = new int[Math.min(to - from, CHUNK)];
    }

    void add(int i, long n) {
      if (size == neuron.length) {
        grow();
      }
      int k = (head + size++) & (neuron.length - 1);
      neuron[k] = i;
      step[k] = n;
    }

    /** Drops the neurons whose refractory period is over at step n. */
    void expire(long n, int rs) {
      while (size > 0 && n - step[head] >= rs) {
        head = (head + 1) & (neuron.length - 1);
        size--;
      }
    }

    /**
     * Saves the voltages of the neurons held now and sets them to −∞, which the sweep keeps at −∞
     * (or NaN), below any threshold; returns how many.
     */
    int save(double[] v) {
      int mask = neuron.length - 1;
      for (int c = 0; c < size; c++) {
        int k = (head + c) & mask;
        saved[k] = v[neuron[k]];
        v[neuron[k]] = Double.NEGATIVE_INFINITY;
      }
      return size;
    }

    /** Puts back the voltages of the first {@code held} neurons, those {@link #save} saw. */
    void restore(double[] v, int held) {
      int mask = neuron.length - 1;
      for (int c = 0; c < held; c++) {
        int k = (head + c) & mask;
        v[neuron[k]] = saved[k];
      }
    }

    private void grow() {
      int mask = neuron.length - 1;
      int[] n2 = new int[neuron.length * 2];
      long[] s2 = new long[neuron.length * 2];
      double[] v2 = new double[neuron.length * 2];
      for (int c = 0; c < size; c++) {
        n2[c] = neuron[(head + c) & mask];
        s2[c] = step[(head + c) & mask];
        v2[c] = saved[(head + c) & mask];
      }
      neuron = n2;
      step = s2;
      saved = v2;
      head = 0;
    }
  }
}
