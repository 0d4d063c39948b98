package snnc.ir.expand;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import snnc.ir.Connector;
import snnc.ir.Doubles;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.Projection;
import snnc.ir.ValueSpec;

/**
 * Expands a projection's connector into synapses for a range of post neurons, deterministically.
 *
 * <p>Every random choice for post neuron {@code j} comes from {@link CounterRng} keyed by
 * {@code (projection seed, stream, j)}: connections from {@link CounterRng#STREAM_CONNECT}, weights
 * from {@link CounterRng#STREAM_WEIGHT} and delays from {@link CounterRng#STREAM_DELAY}, drawn for the
 * synapses of {@code j} in canonical order. So expanding {@code [a, c)} gives exactly the
 * concatenation of {@code [a, b)} and {@code [b, c)}, and no slice needs the whole matrix. The one
 * exception in shape is {@code fixed_number_post}, whose choices belong to pre neurons: pre neuron
 * {@code i}'s targets come from {@link CounterRng#STREAM_CONNECT_POST} keyed by {@code i}, and a slice
 * replays every pre neuron's choices and keeps those that land in it ({@code O(nPre·n)} per slice).
 *
 * <p>Connector rules (self-connections matter only when pre and post are the same population):
 *
 * <ul>
 *   <li>{@code all_to_all}: every pre, minus {@code j} itself unless self-connections are allowed;
 *   <li>{@code one_to_one}: pre {@code j};
 *   <li>{@code fixed_probability(p)}: each pre independently with probability {@code p}, sampled by
 *       geometric skipping: from the previous hit, {@code skip = floor(ln(1 − u) / ln(1 − p))};
 *   <li>{@code fixed_number_pre(n)}: {@code n} pres uniformly from the pool (all pres, minus
 *       {@code j} when excluded); distinct by Floyd's algorithm (for {@code k} from pool − n to
 *       pool − 1: {@code t = nextInt(k + 1)}; take {@code t}, or {@code k} if {@code t} was taken),
 *       or {@code n} independent {@code nextInt(pool)} draws with replacement; pool index {@code t}
 *       maps to pre {@code t}, or {@code t + 1} when {@code t ≥ j} and {@code j} is excluded;
 *   <li>{@code fixed_number_post(n)}: the same choice made per pre neuron over post neurons;
 *   <li>{@code from_list}: the listed pairs, stably sorted by (post, pre);
 *   <li>{@code convolution}: as documented on {@link Connector.Kernel}.
 * </ul>
 *
 * <p>Values: a constant; an array ({@code one_to_one}: index {@code i}, otherwise
 * {@code i·nPost + j}); a distribution sampled per synapse ({@link Sampling}); or the connector's own
 * column or kernel cell. Delays become steps with {@link DelaySteps}.
 *
 * <p>An expander is immutable after construction and may be shared between threads. It assumes a
 * network the verifier accepted; invalid input throws {@link IllegalArgumentException}.
 */
public final class ConnectorExpander {

  /** Pools up to this size use a bitmap (at most 2 MB per thread) as Floyd's set. */
  private static final int BITMAP_POOL_LIMIT = 1 << 24;

  private final Projection projection;
  private final Connector connector;
  private final int nPre;
  private final int nPost;
  private final long seed;
  private final double timestepMs;
  private final boolean excludeSelf;
  private final double[] weightArray;
  private final double[] delayArray;
  private final int constantDelaySteps;
  private final double[] connectorWeights;
  private final double[] connectorDelays;
  /** from_list entries sorted by (post, pre, list position), and their post indices. */
  private final int[] listOrder;
  private final int[] listPostSorted;

  private ConnectorExpander(Network network, Projection projection) {
    this.projection = projection;
    this.connector = projection.connector();
    Population pre = network.population(projection.pre()).orElseThrow(
        () -> new IllegalArgumentException("unknown population " + projection.pre()));
    Population post = network.population(projection.post()).orElseThrow(
        () -> new IllegalArgumentException("unknown population " + projection.post()));
    this.nPre = pre.size();
    this.nPost = post.size();
    this.seed = projection.seed();
    this.timestepMs = network.timestepMs();
    boolean samePopulation = projection.pre().equals(projection.post());
    this.excludeSelf = samePopulation && !allowsSelf(connector);
    this.weightArray = projection.weight() instanceof ValueSpec.Array a ? a.values().toArray() : null;
    this.delayArray = projection.delay() instanceof ValueSpec.Array a ? a.values().toArray() : null;
    this.constantDelaySteps = projection.delay() instanceof ValueSpec.Constant c
        ? DelaySteps.of(c.value(), timestepMs) : 0;
    if (connector instanceof Connector.FromList list) {
      this.connectorWeights = list.weights().map(Doubles::toArray).orElse(null);
      this.connectorDelays = list.delays().map(Doubles::toArray).orElse(null);
      int[] preIdx = list.pre().toArray();
      int[] postIdx = list.post().toArray();
      for (int k = 0; k < preIdx.length; k++) {
        if (preIdx[k] < 0 || preIdx[k] >= nPre || postIdx[k] < 0 || postIdx[k] >= nPost) {
          throw new IllegalArgumentException("from_list entry " + k + " is out of range");
        }
      }
      this.listOrder = IntStream.range(0, preIdx.length).boxed()
          .sorted(Comparator.<Integer>comparingInt(k -> postIdx[k]).thenComparingInt(k -> preIdx[k]))
          .mapToInt(Integer::intValue).toArray();
      this.listPostSorted = new int[listOrder.length];
      for (int k = 0; k < listOrder.length; k++) {
        listPostSorted[k] = postIdx[listOrder[k]];
      }
    } else if (connector instanceof Connector.Kernel kernel) {
      this.connectorWeights = kernel.kernelWeights().map(Doubles::toArray).orElse(null);
      this.connectorDelays = null;
      this.listOrder = null;
      this.listPostSorted = null;
    } else {
      this.connectorWeights = null;
      this.connectorDelays = null;
      this.listOrder = null;
      this.listPostSorted = null;
    }
  }

  /** An expander for {@code projection} of {@code network}. */
  public static ConnectorExpander of(Network network, Projection projection) {
    return new ConnectorExpander(network, projection);
  }

  /** The synapses of {@code projection} onto post neurons {@code [postFrom, postTo)}. */
  public static SynapseBlock expand(Network network, Projection projection, int postFrom,
      int postTo) {
    return of(network, projection).expand(postFrom, postTo);
  }

  /** The synapses onto post neurons {@code [postFrom, postTo)}, in canonical order. */
  public SynapseBlock expand(int postFrom, int postTo) {
    SynapseBlock.Builder out = new SynapseBlock.Builder(
        (int) Math.min(1 << 20, Math.ceil(estimatedSynapsesPerPost() * (postTo - postFrom))));
    expandInto(postFrom, postTo, out, new Scratch());
    return out.build();
  }

  public Projection projection() {
    return projection;
  }

  public int preSize() {
    return nPre;
  }

  public int postSize() {
    return nPost;
  }

  /** The expected number of synapses per post neuron, to size slices. */
  public double estimatedSynapsesPerPost() {
    if (connector instanceof Connector.AllToAll) {
      return nPre;
    } else if (connector instanceof Connector.OneToOne) {
      return 1;
    } else if (connector instanceof Connector.FixedProbability p) {
      return Math.max(0, Math.min(1, p.probability())) * nPre;
    } else if (connector instanceof Connector.FixedNumberPre f) {
      return Math.max(0, f.n());
    } else if (connector instanceof Connector.FixedNumberPost f) {
      return nPost == 0 ? 0 : (double) nPre * Math.max(0, f.n()) / nPost;
    } else if (connector instanceof Connector.FromList l) {
      return nPost == 0 ? 0 : (double) l.size() / nPost;
    } else if (connector instanceof Connector.Kernel k) {
      return (double) k.kernelHeight() * k.kernelWidth();
    }
    throw new IllegalArgumentException("unknown connector " + connector);
  }

  /** Per-call working memory, so one expander can serve several threads. */
  static final class Scratch {
    final CounterRng rng = CounterRng.of(0, 0, 0);
    int[] chosen = new int[16];
    int[] table = new int[32];
    long[] bits = new long[0];
    long[] pairs = new long[16];
  }

  /** Appends the synapses onto {@code [from, to)} to {@code out}. */
  void expandInto(int from, int to, SynapseBlock.Builder out, Scratch scratch) {
    if (from < 0 || to > nPost || from > to) {
      throw new IllegalArgumentException(
          "post range [" + from + ", " + to + ") outside [0, " + nPost + ")");
    }
    if (connector instanceof Connector.FixedNumberPost f) {
      expandFixedNumberPost(f, from, to, out, scratch);
      return;
    }
    if (connector instanceof Connector.FromList) {
      expandFromList(from, to, out, scratch);
      return;
    }
    for (int j = from; j < to; j++) {
      int start = out.size;
      connectPost(j, out, scratch);
      assignValues(j, start, out.size, out, scratch);
    }
  }

  private void connectPost(int j, SynapseBlock.Builder out, Scratch s) {
    if (connector instanceof Connector.AllToAll) {
      for (int i = 0; i < nPre; i++) {
        if (!(excludeSelf && i == j)) {
          out.add(i, j, -1);
        }
      }
    } else if (connector instanceof Connector.OneToOne) {
      if (j < nPre) {
        out.add(j, j, -1);
      }
    } else if (connector instanceof Connector.FixedProbability fp) {
      connectProbability(fp.probability(), j, out, s);
    } else if (connector instanceof Connector.FixedNumberPre f) {
      s.rng.reset(seed, CounterRng.STREAM_CONNECT, j);
      int count = choose(f.n(), nPre, excludeSelf ? j : -1, f.withReplacement(), s);
      for (int k = 0; k < count; k++) {
        out.add(s.chosen[k], j, -1);
      }
    } else if (connector instanceof Connector.Kernel k) {
      connectKernel(k, j, out);
    } else {
      throw new IllegalArgumentException("unknown connector " + connector);
    }
  }

  private void connectProbability(double p, int j, SynapseBlock.Builder out, Scratch s) {
    if (p <= 0) {
      return;
    }
    if (p >= 1) {
      for (int i = 0; i < nPre; i++) {
        if (!(excludeSelf && i == j)) {
          out.add(i, j, -1);
        }
      }
      return;
    }
    s.rng.reset(seed, CounterRng.STREAM_CONNECT, j);
    double logQ = StrictMath.log1p(-p);
    long i = -1;
    while (true) {
      double skip = Math.floor(StrictMath.log1p(-s.rng.nextDouble()) / logQ);
      if (skip >= nPre) {
        return;
      }
      i += (long) skip + 1;
      if (i >= nPre) {
        return;
      }
      if (!(excludeSelf && i == j)) {
        out.add((int) i, j, -1);
      }
    }
  }

  private void connectKernel(Connector.Kernel k, int j, SynapseBlock.Builder out) {
    int r = j / k.postWidth();
    int c = j % k.postWidth();
    for (int kr = 0; kr < k.kernelHeight(); kr++) {
      int pr = r * k.strideY() - k.padY() + kr;
      if (pr < 0 || pr >= k.preHeight()) {
        continue;
      }
      for (int kc = 0; kc < k.kernelWidth(); kc++) {
        int pc = c * k.strideX() - k.padX() + kc;
        if (pc >= 0 && pc < k.preWidth()) {
          out.add(pr * k.preWidth() + pc, j, kr * k.kernelWidth() + kc);
        }
      }
    }
  }

  /**
   * Chooses {@code n} of {@code m} candidates (minus {@code self} when it is ≥ 0) into
   * {@code s.chosen}, sorted ascending; returns {@code n}.
   */
  private static int choose(int n, int m, int self, boolean withReplacement, Scratch s) {
    int pool = self >= 0 ? m - 1 : m;
    if (n < 0 || (n > 0 && pool <= 0) || (!withReplacement && n > pool)) {
      throw new IllegalArgumentException("cannot choose " + n + " of " + pool);
    }
    if (s.chosen.length < n) {
      s.chosen = new int[Math.max(n, s.chosen.length * 2)];
    }
    int[] chosen = s.chosen;
    if (withReplacement) {
      for (int k = 0; k < n; k++) {
        chosen[k] = s.rng.nextInt(pool);
      }
    } else if (pool <= BITMAP_POOL_LIMIT) {
      chooseWithBitmap(n, pool, s);
    } else {
      int capacity = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
      if (s.table.length < capacity) {
        s.table = new int[capacity];
      }
      int[] table = s.table;
      Arrays.fill(table, 0, capacity, 0);
      int mask = capacity - 1;
      int count = 0;
      for (int k = pool - n; k < pool; k++) {
        int t = s.rng.nextInt(k + 1);
        if (insert(table, mask, t)) {
          chosen[count++] = t;
        } else if (insert(table, mask, k)) {
          chosen[count++] = k;
        } else {
          throw new IllegalStateException("Floyd sampling drew " + k + " twice");
        }
      }
    }
    if (self >= 0) {
      for (int k = 0; k < n; k++) {
        if (chosen[k] >= self) {
          chosen[k]++;
        }
      }
    }
    if (withReplacement || pool > BITMAP_POOL_LIMIT) {
      Arrays.sort(chosen, 0, n);
    }
    return n;
  }

  /**
   * Floyd's algorithm with a bitmap as the set; the same draws and picks as the hashed variant, and
   * the picks come out sorted (scanned from the bitmap when it is small, sorted otherwise). The
   * bitmap is all zero again on return.
   */
  private static void chooseWithBitmap(int n, int pool, Scratch s) {
    int words = (pool + 63) >>> 6;
    if (s.bits.length < words) {
      s.bits = new long[words];
    }
    long[] bits = s.bits;
    int[] chosen = s.chosen;
    int count = 0;
    for (int k = pool - n; k < pool; k++) {
      int t = s.rng.nextInt(k + 1);
      int pick = (bits[t >>> 6] & (1L << t)) == 0 ? t : k;
      bits[pick >>> 6] |= 1L << pick;
      chosen[count++] = pick;
    }
    if (words <= 8L * n) {
      count = 0;
      for (int w = 0; w < words; w++) {
        long word = bits[w];
        while (word != 0) {
          chosen[count++] = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
        }
        bits[w] = 0;
      }
    } else {
      for (int k = 0; k < n; k++) {
        bits[chosen[k] >>> 6] = 0;
      }
      Arrays.sort(chosen, 0, n);
    }
  }

  /** Open-addressing insert of {@code value} (stored as value + 1); false if already present. */
  private static boolean insert(int[] table, int mask, int value) {
    int stored = value + 1;
    int slot = (int) (CounterRng.mix64(value) & mask);
    while (table[slot] != 0) {
      if (table[slot] == stored) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = stored;
    return true;
  }

  private void expandFixedNumberPost(Connector.FixedNumberPost f, int from, int to,
      SynapseBlock.Builder out, Scratch s) {
    int pairCount = 0;
    for (int i = 0; i < nPre; i++) {
      s.rng.reset(seed, CounterRng.STREAM_CONNECT_POST, i);
      int count = choose(f.n(), nPost, excludeSelf ? i : -1, f.withReplacement(), s);
      for (int k = 0; k < count; k++) {
        int j = s.chosen[k];
        if (j >= from && j < to) {
          if (pairCount == s.pairs.length) {
            s.pairs = Arrays.copyOf(s.pairs, pairCount * 2);
          }
          s.pairs[pairCount++] = ((long) j << 32) | i;
        }
      }
    }
    Arrays.sort(s.pairs, 0, pairCount);
    int k = 0;
    while (k < pairCount) {
      int j = (int) (s.pairs[k] >>> 32);
      int start = out.size;
      while (k < pairCount && (int) (s.pairs[k] >>> 32) == j) {
        out.add((int) s.pairs[k], j, -1);
        k++;
      }
      assignValues(j, start, out.size, out, s);
    }
  }

  private void expandFromList(int from, int to, SynapseBlock.Builder out, Scratch s) {
    int k = lowerBound(listPostSorted, from);
    Connector.FromList list = (Connector.FromList) connector;
    while (k < listOrder.length && listPostSorted[k] < to) {
      int j = listPostSorted[k];
      int start = out.size;
      while (k < listOrder.length && listPostSorted[k] == j) {
        int entry = listOrder[k];
        out.add(list.pre().get(entry), j, entry);
        k++;
      }
      assignValues(j, start, out.size, out, s);
    }
  }

  private static int lowerBound(int[] sorted, int key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Fills weights and delays of synapses {@code [start, end)}, all onto post neuron {@code j}. */
  private void assignValues(int j, int start, int end, SynapseBlock.Builder out, Scratch s) {
    if (start == end) {
      return;
    }
    ValueSpec w = projection.weight();
    if (w instanceof ValueSpec.Constant c) {
      Arrays.fill(out.weight, start, end, c.value());
    } else if (w instanceof ValueSpec.Array) {
      for (int k = start; k < end; k++) {
        out.weight[k] = weightArray[arrayIndex(out.pre[k], j)];
      }
    } else if (w instanceof ValueSpec.Random r) {
      s.rng.reset(seed, CounterRng.STREAM_WEIGHT, j);
      for (int k = start; k < end; k++) {
        out.weight[k] = Sampling.sample(r.distribution(), s.rng);
      }
    } else {
      if (connectorWeights == null) {
        throw new IllegalArgumentException(
            "projection " + projection.name() + " takes weights from a connector that has none");
      }
      for (int k = start; k < end; k++) {
        out.weight[k] = connectorWeights[out.source[k]];
      }
    }
    ValueSpec d = projection.delay();
    if (d instanceof ValueSpec.Constant) {
      Arrays.fill(out.delaySteps, start, end, constantDelaySteps);
    } else if (d instanceof ValueSpec.Array) {
      for (int k = start; k < end; k++) {
        out.delaySteps[k] = DelaySteps.of(delayArray[arrayIndex(out.pre[k], j)], timestepMs);
      }
    } else if (d instanceof ValueSpec.Random r) {
      s.rng.reset(seed, CounterRng.STREAM_DELAY, j);
      for (int k = start; k < end; k++) {
        out.delaySteps[k] = DelaySteps.of(Sampling.sample(r.distribution(), s.rng), timestepMs);
      }
    } else {
      if (connectorDelays == null) {
        throw new IllegalArgumentException(
            "projection " + projection.name() + " takes delays from a connector that has none");
      }
      for (int k = start; k < end; k++) {
        out.delaySteps[k] = DelaySteps.of(connectorDelays[out.source[k]], timestepMs);
      }
    }
  }

  private int arrayIndex(int i, int j) {
    if (connector instanceof Connector.OneToOne) {
      return i;
    }
    return Math.toIntExact((long) i * nPost + j);
  }

  private static boolean allowsSelf(Connector c) {
    if (c instanceof Connector.AllToAll a) {
      return a.allowSelfConnections();
    } else if (c instanceof Connector.FixedProbability p) {
      return p.allowSelfConnections();
    } else if (c instanceof Connector.FixedNumberPre f) {
      return f.allowSelfConnections();
    } else if (c instanceof Connector.FixedNumberPost f) {
      return f.allowSelfConnections();
    }
    return true;
  }
}
