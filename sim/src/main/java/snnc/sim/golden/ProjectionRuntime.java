package snnc.sim.golden;

import snnc.ir.expand.SynapseBlock;
import java.util.Arrays;
import snnc.ir.Projection;
import snnc.ir.Receptor;

/**
 * A projection during a run: its synapse rows per post range ("part", one per worker) and, for
 * STDP, the traces and the queue of spikes on their way to each synapse. Worker p only touches
 * part p, whose post neurons it also owns, so parts need no locking.
 */
final class ProjectionRuntime {

  final Projection projection;
  final int preGroup;
  final int postGroup;
  final boolean inhibitory;
  final SynapseRows[] parts;
  final int[] partPostFrom;
  /** Null for static synapses. */
  final StdpArithmetic stdp;
  private final Plastic[] plastic;
  /** Per part, scratch for {@link #slotBases}; worker p alone uses entry p. */
  private final int[][] slotBases;
  /**
   * Fixed mode: per part, how many additions into a ring entry hit the ring's limit (so the
   * entry lost input); worker p alone counts into entry p.
   */
  private final long[] ringSaturations;
  /**
   * Where {@link #touchRows} leaves the sum of the indices it read, so that the JIT keeps the
   * loads; part p writes entry {@code p * SINK_STRIDE}, a cache line away from the others'.
   */
  private final int[] touchSink;
  private static final int SINK_STRIDE = 16;

  ProjectionRuntime(Projection projection, int preGroup, int postGroup, SynapseRows[] parts,
      int[] partPostFrom, int[] partPostTo, StdpArithmetic stdp, double dt) {
    this.projection = projection;
    this.preGroup = preGroup;
    this.postGroup = postGroup;
    this.inhibitory = projection.receptor() == Receptor.INHIBITORY;
    this.parts = parts;
    this.partPostFrom = partPostFrom;
    this.stdp = stdp;
    slotBases = new int[parts.length][];
    ringSaturations = new long[parts.length];
    touchSink = new int[parts.length * SINK_STRIDE];
    for (int p = 0; p < parts.length; p++) {
      slotBases[p] = new int[parts[p].maxDelay + 1];
    }
    if (stdp != null) {
      plastic = new Plastic[parts.length];
      for (int p = 0; p < parts.length; p++) {
        plastic[p] = new Plastic(parts[p], partPostFrom[p], partPostTo[p]);
      }
    } else {
      plastic = null;
    }
  }

  int maxDelay() {
    int d = 1;
    for (SynapseRows r : parts) {
      d = Math.max(d, r.maxDelay);
    }
    return d;
  }

  /** The shortest delay in steps of any synapse (1 with no synapses). */
  int minDelay() {
    int d = Integer.MAX_VALUE;
    for (SynapseRows r : parts) {
      if (r.size() > 0) {
        d = Math.min(d, r.minDelay);
      }
    }
    return d == Integer.MAX_VALUE ? 1 : d;
  }

  /** Whether every synapse of every part has delay {@code d} steps (true with no synapses). */
  boolean hasOnlyDelay(int d) {
    for (SynapseRows r : parts) {
      if (r.size() > 0 && (r.minDelay != d || r.maxDelay != d)) {
        return false;
      }
    }
    return true;
  }

  long synapseCount() {
    long n = 0;
    for (SynapseRows r : parts) {
      n += r.size();
    }
    return n;
  }

  /**
   * Sends the spikes of pre neurons emitted at step {@code n} into part {@code p}: static synapses
   * add their weight to the ring slot n + D; plastic ones queue the synapse for step n + D. Spikes
   * are taken in the order given (ascending pre index), each row in its stored order, so every
   * ring entry sums its inputs in one order whatever the number of workers.
   */
  void emit(int p, long n, IndexList preSpikes, InputRing ring) {
    SynapseRows rows = parts[p];
    if (plastic != null) {
      Plastic pl = plastic[p];
      int[] rowStart = rows.rowStart;
      short[] delay = rows.delay;
      for (int k = 0; k < preSpikes.size(); k++) {
        int i = preSpikes.get(k);
        for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
          pl.arrivals[(int) ((n + delay[s]) % pl.arrivals.length)].add(s);
        }
      }
      return;
    }
    if (preSpikes.size() == 0) {
      return;
    }
    double[] entries = inhibitory ? ring.inh : ring.exc;
    if (ring.saturates) {
      ringSaturations[p] +=
          emitSaturating(rows, slotBases(p, n, ring, 0), preSpikes, entries, ring.limit);
    } else if (rows.post == null) {
      touchSink[p * SINK_STRIDE] += touchRows(rows.rowStart, rows.postNear, preSpikes);
      // Post indices relative to the part's first target: the ring offsets shift by it.
      int offset = rows.postOffset;
      if (rows.delay == null) {
        int base = ring.slotBase(n + rows.constantDelay) + offset;
        if (rows.weight == null) {
          scatter(rows.rowStart, rows.postNear, rows.constantWeight, preSpikes, entries, base);
        } else {
          scatter(rows.rowStart, rows.postNear, rows.weight, preSpikes, entries, base);
        }
      } else {
        int[] bases = slotBases(p, n, ring, offset);
        if (rows.weight == null) {
          scatter(rows.rowStart, rows.postNear, rows.delay, rows.constantWeight, preSpikes,
              entries, bases);
        } else {
          scatter(rows.rowStart, rows.postNear, rows.delay, rows.weight, preSpikes, entries,
              bases);
        }
      }
    } else if (rows.delay == null) {
      touchSink[p * SINK_STRIDE] += touchRows(rows.rowStart, rows.post, preSpikes);
      int base = ring.slotBase(n + rows.constantDelay);
      if (rows.weight == null) {
        scatter(rows.rowStart, rows.post, rows.constantWeight, preSpikes, entries, base);
      } else {
        scatter(rows.rowStart, rows.post, rows.weight, preSpikes, entries, base);
      }
    } else {
      touchSink[p * SINK_STRIDE] += touchRows(rows.rowStart, rows.post, preSpikes);
      int[] bases = slotBases(p, n, ring, 0);
      if (rows.weight == null) {
        scatter(rows.rowStart, rows.post, rows.delay, rows.constantWeight, preSpikes, entries,
            bases);
      } else {
        scatter(rows.rowStart, rows.post, rows.delay, rows.weight, preSpikes, entries, bases);
      }
    }
  }

  /**
   * Part p's table of ring offsets by delay: bases[d] = slotBase(n + d) + offset for
   * 1 ≤ d ≤ maxDelay.
   */
  private int[] slotBases(int p, long n, InputRing ring, int offset) {
    int[] bases = slotBases[p];
    int length = ring.length();
    int first = (int) (n % length);
    int size = ring.exc.length / length;
    for (int d = 1; d < bases.length; d++) {
      bases[d] = (int) ((first + (long) d) % length) * size + offset;
    }
    return bases;
  }

  /**
   * Reads the first and the last post index of each spike's row, before {@link #scatter} walks
   * the rows. A short row (100 synapses of a 100,000-neuron network, about 80 bytes a part) is
   * one or two cache misses away, in memory; the scatter loop's trip count changes from row to
   * row, so the processor mispredicts each row's end and cannot start the next row's misses
   * before, and the rows arrive one at a time. This loop has no such branch: its loads are
   * independent, so the misses of all the rows overlap, and the scatter then finds them in
   * cache. Returns the sum of the indices read, for the caller to keep.
   */
  private static int touchRows(int[] rowStart, char[] post, IndexList preSpikes) {
    int sum = 0;
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int from = rowStart[i];
      int last = rowStart[i + 1] - 1;
      if (last >= from) {
        sum += post[from] + post[last];
      }
    }
    return sum;
  }

  /** {@link #touchRows(int[], char[], IndexList)} for 4-byte post indices. */
  private static int touchRows(int[] rowStart, int[] post, IndexList preSpikes) {
    int sum = 0;
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int from = rowStart[i];
      int last = rowStart[i + 1] - 1;
      if (last >= from) {
        sum += post[from] + post[last];
      }
    }
    return sum;
  }

  private static void scatter(int[] rowStart, int[] post, double w, IndexList preSpikes,
      double[] entries, int base) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[base + post[s]] += w;
      }
    }
  }

  private static void scatter(int[] rowStart, int[] post, double[] weight, IndexList preSpikes,
      double[] entries, int base) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[base + post[s]] += weight[s];
      }
    }
  }

  private static void scatter(int[] rowStart, int[] post, short[] delay, double w,
      IndexList preSpikes, double[] entries, int[] bases) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[bases[delay[s]] + post[s]] += w;
      }
    }
  }

  private static void scatter(int[] rowStart, int[] post, short[] delay, double[] weight,
      IndexList preSpikes, double[] entries, int[] bases) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[bases[delay[s]] + post[s]] += weight[s];
      }
    }
  }

  private static void scatter(int[] rowStart, char[] post, double w, IndexList preSpikes,
      double[] entries, int base) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[base + post[s]] += w;
      }
    }
  }

  private static void scatter(int[] rowStart, char[] post, double[] weight, IndexList preSpikes,
      double[] entries, int base) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[base + post[s]] += weight[s];
      }
    }
  }

  private static void scatter(int[] rowStart, char[] post, short[] delay, double w,
      IndexList preSpikes, double[] entries, int[] bases) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[bases[delay[s]] + post[s]] += w;
      }
    }
  }

  private static void scatter(int[] rowStart, char[] post, short[] delay, double[] weight,
      IndexList preSpikes, double[] entries, int[] bases) {
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      int end = rowStart[i + 1];
      for (int s = rowStart[i]; s < end; s++) {
        entries[bases[delay[s]] + post[s]] += weight[s];
      }
    }
  }

  /**
   * Fixed mode: every addition saturates at {@code limit}, so the order is part of the value.
   * Returns how many additions hit the limit.
   */
  private static long emitSaturating(SynapseRows rows, int[] bases, IndexList preSpikes,
      double[] entries, double limit) {
    int[] rowStart = rows.rowStart;
    long saturated = 0;
    for (int k = 0; k < preSpikes.size(); k++) {
      int i = preSpikes.get(k);
      for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
        int e = bases[rows.delay(s)] + rows.post(s);
        double sum = entries[e] + rows.weight(s);
        if (sum > limit) {
          saturated++;
          sum = limit;
        }
        entries[e] = sum;
      }
    }
    return saturated;
  }

  /** Fixed mode: additions into a ring entry that hit the ring's limit, over the whole run. */
  long ringSaturations() {
    long n = 0;
    for (long c : ringSaturations) {
      n += c;
    }
    return n;
  }

  /** STDP: the spikes arriving at part p's synapses at step n depress, then deliver into slot n. */
  void arrive(int p, long n, InputRing ring) {
    Plastic pl = plastic[p];
    IndexList due = pl.arrivals[(int) (n % pl.arrivals.length)];
    SynapseRows rows = parts[p];
    for (int k = 0; k < due.size(); k++) {
      int s = due.get(k);
      int j = rows.post(s);
      int local = j - pl.postFrom;
      double y = stdp.decayPost(pl.postTrace[local], n - pl.postTraceStep[local]);
      double w = stdp.depress(rows.weight[s], y);
      rows.weight[s] = w;
      pl.preTrace[s] = stdp.bump(stdp.decayPre(pl.preTrace[s], n - pl.preTraceStep[s]));
      pl.preTraceStep[s] = n;
      boolean saturated = inhibitory ? ring.addInhibitory(n, j, w) : ring.addExcitatory(n, j, w);
      if (saturated) {
        ringSaturations[p]++;
      }
    }
    due.clear();
  }

  /** STDP: post neurons of part p that spiked at step n potentiate their incoming synapses. */
  void postSpikes(int p, long n, IndexList spiked) {
    Plastic pl = plastic[p];
    SynapseRows rows = parts[p];
    for (int k = 0; k < spiked.size(); k++) {
      int local = spiked.get(k) - pl.postFrom;
      for (int c = pl.colStart[local]; c < pl.colStart[local + 1]; c++) {
        int s = pl.colSynapse[c];
        double x = stdp.decayPre(pl.preTrace[s], n - pl.preTraceStep[s]);
        rows.weight[s] = stdp.potentiate(rows.weight[s], x);
      }
      pl.postTrace[local] =
          stdp.bump(stdp.decayPost(pl.postTrace[local], n - pl.postTraceStep[local]));
      pl.postTraceStep[local] = n;
    }
  }

  /** The weights now (magnitudes for inhibitory projections), sorted by pre, then post. */
  SynapseBlock weights() {
    int total = (int) synapseCount();
    long[] keys = new long[total];
    int[][] pre = new int[parts.length][];
    int k = 0;
    for (int p = 0; p < parts.length; p++) {
      pre[p] = parts[p].preOfEach();
      for (int s = 0; s < parts[p].size(); s++) {
        keys[k++] = ((long) pre[p][s] << 32) | parts[p].post(s);
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
    int[] offsets = new int[parts.length + 1];
    for (int p = 0; p < parts.length; p++) {
      offsets[p + 1] = offsets[p] + parts[p].size();
    }
    int[] outPre = new int[total];
    int[] outPost = new int[total];
    double[] outW = new double[total];
    int[] outD = new int[total];
    for (int i = 0; i < total; i++) {
      int g = order[i];
      int p = 0;
      while (g >= offsets[p + 1]) {
        p++;
      }
      int s = g - offsets[p];
      outPre[i] = pre[p][s];
      outPost[i] = parts[p].post(s);
      outW[i] = parts[p].weight(s);
      outD[i] = parts[p].delay(s);
    }
    return new SynapseBlock(outPre, outPost, outW, outD, total);
  }

  /** STDP state of one part. */
  private static final class Plastic {
    final int postFrom;
    final double[] preTrace;
    final long[] preTraceStep;
    final double[] postTrace;
    final long[] postTraceStep;
    /** Synapses by post neuron: those onto local post j are colSynapse[colStart[j]..colStart[j+1]). */
    final int[] colStart;
    final int[] colSynapse;
    final IndexList[] arrivals;

    Plastic(SynapseRows rows, int postFrom, int postTo) {
      this.postFrom = postFrom;
      int n = rows.size();
      int range = postTo - postFrom;
      preTrace = new double[n];
      preTraceStep = new long[n];
      postTrace = new double[range];
      postTraceStep = new long[range];
      colStart = new int[range + 1];
      for (int s = 0; s < n; s++) {
        colStart[rows.post(s) - postFrom + 1]++;
      }
      for (int j = 0; j < range; j++) {
        colStart[j + 1] += colStart[j];
      }
      int[] fill = colStart.clone();
      colSynapse = new int[n];
      for (int s = 0; s < n; s++) {
        colSynapse[fill[rows.post(s) - postFrom]++] = s;
      }
      arrivals = new IndexList[rows.maxDelay + 1];
      for (int d = 0; d < arrivals.length; d++) {
        arrivals[d] = new IndexList();
      }
    }
  }
}
