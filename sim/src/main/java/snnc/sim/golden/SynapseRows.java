package snnc.sim.golden;

import snnc.ir.expand.SynapseBlock;

/**
 * One projection's synapses onto one post range, as compressed rows by pre neuron (CSR): the
 * synapses of pre neuron i are {@code rowStart[i] ≤ s < rowStart[i + 1]}, each with its post index
 * (within the post population). Within a row the expander's order is kept. Weights of inhibitory
 * projections are stored as magnitudes.
 *
 * <p>Post indices take 2 bytes when the part's targets span at most 65,536 neurons (every worker
 * range of a population up to 131,072 neurons with two workers): {@link #postNear} holds
 * {@code post − postOffset}; otherwise {@link #post} holds the index. Delivery reads these arrays
 * once per synaptic event, so half the bytes is half the memory traffic of the largest array.
 *
 * <p>Weights and delays are stored per synapse only where they differ: when every synapse of the
 * part has the same weight (bit for bit) {@link #weight} is null and {@link #constantWeight} holds
 * it; likewise {@link #delay} and {@link #constantDelay}. A static projection with one weight and
 * one delay thus costs 2 or 4 bytes a synapse (the post index), the general case 12 or 14 (post,
 * double weight, short delay). Plastic parts always hold per-synapse weights and delays, since STDP
 * changes the weights and queues each synapse by its delay.
 */
final class SynapseRows {

  final int[] rowStart;
  /** Post indices, or null when {@link #postNear} holds them. */
  final int[] post;
  /** Post indices minus {@link #postOffset}, or null when {@link #post} holds them. */
  final char[] postNear;
  /** The smallest post index (0 with no synapses). */
  final int postOffset;
  /** Per-synapse weights, or null when all are {@link #constantWeight}. */
  final double[] weight;
  final double constantWeight;
  /** Per-synapse delays in steps, or null when all are {@link #constantDelay}. */
  final short[] delay;
  final int constantDelay;
  final int maxDelay;
  /** The shortest delay, 1 with no synapses. */
  final int minDelay;

  private SynapseRows(int[] rowStart, int[] post, char[] postNear, int postOffset,
      double[] weight, double constantWeight, short[] delay, int constantDelay, int minDelay,
      int maxDelay) {
    this.minDelay = minDelay;
    this.rowStart = rowStart;
    this.post = post;
    this.postNear = postNear;
    this.postOffset = postOffset;
    this.weight = weight;
    this.constantWeight = constantWeight;
    this.delay = delay;
    this.constantDelay = constantDelay;
    this.maxDelay = maxDelay;
  }

  /**
   * Sorts the block by pre index (stable counting sort). {@code perSynapse} keeps a weight and a
   * delay for every synapse even when they are all equal (plastic projections).
   */
  static SynapseRows of(SynapseBlock block, int nPre, int nPost, boolean magnitudes,
      boolean perSynapse, String projection) {
    int n = block.size();
    int[] rowStart = new int[nPre + 1];
    int[] pre = block.pre();
    int[] blockPost = block.post();
    double[] blockWeight = block.weight();
    int[] blockDelay = block.delaySteps();
    for (int k = 0; k < n; k++) {
      int i = pre[k];
      if (i < 0 || i >= nPre) {
        throw new IllegalArgumentException(projection + ": pre index " + i + " outside 0.."
            + (nPre - 1));
      }
      rowStart[i + 1]++;
    }
    for (int i = 0; i < nPre; i++) {
      rowStart[i + 1] += rowStart[i];
    }
    // One pass to check indices and delays and to see whether weights and delays vary.
    int maxDelay = 1;
    int minDelay = n > 0 ? Short.MAX_VALUE : 1;
    boolean sameWeight = true;
    boolean sameDelay = true;
    double firstWeight = n > 0 ? stored(blockWeight[0], magnitudes) : 0.0;
    int firstDelay = n > 0 ? delaySteps(blockDelay[0], projection) : 1;
    long firstBits = Double.doubleToRawLongBits(firstWeight);
    int minPost = n > 0 ? Integer.MAX_VALUE : 0;
    int maxPost = 0;
    for (int k = 0; k < n; k++) {
      int j = blockPost[k];
      if (j < 0 || j >= nPost) {
        throw new IllegalArgumentException(projection + ": post index " + j + " outside 0.."
            + (nPost - 1));
      }
      minPost = Math.min(minPost, j);
      maxPost = Math.max(maxPost, j);
      int d = delaySteps(blockDelay[k], projection);
      maxDelay = Math.max(maxDelay, d);
      minDelay = Math.min(minDelay, d);
      sameDelay &= d == firstDelay;
      sameWeight &=
          Double.doubleToRawLongBits(stored(blockWeight[k], magnitudes)) == firstBits;
    }
    int[] fill = rowStart.clone();
    boolean near = maxPost - minPost <= Character.MAX_VALUE;
    int[] post = near ? null : new int[n];
    char[] postNear = near ? new char[n] : null;
    double[] weight = perSynapse || !sameWeight ? new double[n] : null;
    short[] delay = perSynapse || !sameDelay ? new short[n] : null;
    for (int k = 0; k < n; k++) {
      int s = fill[pre[k]]++;
      if (near) {
        postNear[s] = (char) (blockPost[k] - minPost);
      } else {
        post[s] = blockPost[k];
      }
      if (weight != null) {
        weight[s] = stored(blockWeight[k], magnitudes);
      }
      if (delay != null) {
        delay[s] = (short) delaySteps(blockDelay[k], projection);
      }
    }
    return new SynapseRows(rowStart, post, postNear, minPost, weight, firstWeight, delay,
        firstDelay, minDelay, maxDelay);
  }

  private static double stored(double w, boolean magnitudes) {
    return magnitudes ? Math.abs(w) : w;
  }

  /** A delay under half a step rounds to 0; the schedule's minimum is one step. */
  private static int delaySteps(int d, String projection) {
    int steps = Math.max(1, d);
    if (steps > Short.MAX_VALUE) {
      throw new IllegalArgumentException(projection + ": delay of " + steps + " steps");
    }
    return steps;
  }

  int size() {
    return rowStart[rowStart.length - 1];
  }

  int post(int s) {
    return post == null ? postOffset + postNear[s] : post[s];
  }

  double weight(int s) {
    return weight == null ? constantWeight : weight[s];
  }

  int delay(int s) {
    return delay == null ? constantDelay : delay[s];
  }

  /** The pre index of every synapse, recovered from the row starts. */
  int[] preOfEach() {
    int[] pre = new int[size()];
    for (int i = 0; i + 1 < rowStart.length; i++) {
      for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
        pre[s] = i;
      }
    }
    return pre;
  }
}
