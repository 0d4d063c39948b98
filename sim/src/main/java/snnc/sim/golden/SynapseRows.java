package snnc.sim.golden;

import snnc.ir.expand.SynapseBlock;

/**
 * One projection's synapses onto one post range, as compressed rows by pre neuron (CSR): the
 * synapses of pre neuron i are {@code rowStart[i] ≤ s < rowStart[i + 1]}, each with its post index
 * (within the post population), weight and delay in steps: 14 bytes a synapse. Within a row the
 * expander's order is kept. Weights of inhibitory projections are stored as magnitudes.
 */
final class SynapseRows {

  final int[] rowStart;
  final int[] post;
  final double[] weight;
  final short[] delay;
  final int maxDelay;

  private SynapseRows(int[] rowStart, int[] post, double[] weight, short[] delay, int maxDelay) {
    this.rowStart = rowStart;
    this.post = post;
    this.weight = weight;
    this.delay = delay;
    this.maxDelay = maxDelay;
  }

  /** Sorts the block by pre index (stable counting sort). */
  static SynapseRows of(SynapseBlock block, int nPre, int nPost, boolean magnitudes,
      String projection) {
    int n = block.size();
    int[] rowStart = new int[nPre + 1];
    int[] pre = block.pre();
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
    int[] fill = rowStart.clone();
    int[] post = new int[n];
    double[] weight = new double[n];
    short[] delay = new short[n];
    int maxDelay = 1;
    for (int k = 0; k < n; k++) {
      int s = fill[pre[k]]++;
      int j = block.post()[k];
      if (j < 0 || j >= nPost) {
        throw new IllegalArgumentException(projection + ": post index " + j + " outside 0.."
            + (nPost - 1));
      }
      // A delay under half a step rounds to 0; the schedule's minimum is one step.
      int d = Math.max(1, block.delaySteps()[k]);
      if (d > Short.MAX_VALUE) {
        throw new IllegalArgumentException(projection + ": delay of " + d + " steps");
      }
      post[s] = j;
      double w = block.weight()[k];
      weight[s] = magnitudes ? Math.abs(w) : w;
      delay[s] = (short) d;
      maxDelay = Math.max(maxDelay, d);
    }
    return new SynapseRows(rowStart, post, weight, delay, maxDelay);
  }

  int size() {
    return post.length;
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
