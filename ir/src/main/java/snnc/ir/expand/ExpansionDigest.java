package snnc.ir.expand;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.ProjectionId;
import snnc.ir.io.Digests;

/**
 * A fingerprint of a projection's canonical expansion, so two backends (or two runs) can show they
 * saw the same synapses without comparing matrices.
 *
 * <p>Byte layout: each synapse, in canonical order, is 20 bytes, little-endian: int32 pre, int32
 * post, float64 weight ({@link Double#doubleToLongBits}, in the post cell type's weight unit, signed
 * as written), int32 delay steps. The post neurons are cut into digest chunks of
 * {@value #CHUNK_POSTS} ({@code [k·C, min((k + 1)·C, nPost))}); chunk {@code k}'s digest is SHA-256 of
 * its synapses' bytes (SHA-256 of nothing for an empty chunk). The projection's digest is SHA-256 of
 * the chunk digests (32 bytes each) concatenated in chunk order, written {@code sha256:<64 hex>}.
 * Chunks do not depend on thread count or slicing, so the digest is a function of the synapses
 * alone; chunks are computed in parallel when an executor is given.
 */
public final class ExpansionDigest {

  /** Post neurons per digest chunk; part of the digest's definition. */
  public static final int CHUNK_POSTS = 4096;
  /** Synapses expanded at once inside a chunk, to bound memory per worker (about 5 MB). */
  static final int SLICE_SYNAPSES = 1 << 18;
  private static final int BYTES_PER_SYNAPSE = 20;

  private ExpansionDigest() {}

  /** The digest of one chunk and what was seen in it. */
  public record Chunk(byte[] sha256, long synapses, int minDelaySteps, int maxDelaySteps,
      int maxFanIn) {}

  /** The number of digest chunks of a post population of {@code nPost} neurons. */
  public static int chunkCount(int nPost) {
    return (nPost + CHUNK_POSTS - 1) / CHUNK_POSTS;
  }

  /** Digest of {@code projection}, computed on the calling thread. */
  public static ProjectionExpansion compute(Network network, Projection projection) {
    ConnectorExpander expander = ConnectorExpander.of(network, projection);
    List<Chunk> chunks = new ArrayList<>();
    for (int k = 0; k < chunkCount(expander.postSize()); k++) {
      chunks.add(chunk(expander, k));
    }
    return combine(projection.id(), chunks);
  }

  /** Digest of {@code projection}, its chunks computed on {@code executor}. */
  public static ProjectionExpansion compute(Network network, Projection projection,
      ExecutorService executor) throws InterruptedException {
    ConnectorExpander expander = ConnectorExpander.of(network, projection);
    List<Future<Chunk>> futures = new ArrayList<>();
    for (int k = 0; k < chunkCount(expander.postSize()); k++) {
      int index = k;
      futures.add(executor.submit(() -> chunk(expander, index)));
    }
    List<Chunk> chunks = new ArrayList<>();
    for (Future<Chunk> f : futures) {
      chunks.add(join(f));
    }
    return combine(projection.id(), chunks);
  }

  static Chunk join(Future<Chunk> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Expands digest chunk {@code index} slice by slice and digests it. */
  public static Chunk chunk(ConnectorExpander expander, int index) {
    int from = index * CHUNK_POSTS;
    int to = (int) Math.min((long) from + CHUNK_POSTS, expander.postSize());
    MessageDigest sha = Digests.sha256();
    double perPost = Math.max(1.0, expander.estimatedSynapsesPerPost());
    int step = (int) Math.max(1, Math.min(CHUNK_POSTS, SLICE_SYNAPSES / perPost));
    if (expander.projection().connector() instanceof snnc.ir.Connector.FixedNumberPost) {
      step = CHUNK_POSTS; // every slice replays all pre neurons, so take the chunk at once
    }
    SynapseBlock.Builder block = new SynapseBlock.Builder(
        (int) Math.min(SLICE_SYNAPSES * 2L, (long) Math.ceil(perPost * step) + 16));
    ConnectorExpander.Scratch scratch = new ConnectorExpander.Scratch();
    ByteBuffer buffer = ByteBuffer.allocate(BYTES_PER_SYNAPSE * 4096).order(ByteOrder.LITTLE_ENDIAN);
    long synapses = 0;
    int minDelay = Integer.MAX_VALUE;
    int maxDelay = Integer.MIN_VALUE;
    int maxFanIn = 0;
    for (int sliceFrom = from; sliceFrom < to; sliceFrom += step) {
      int sliceTo = Math.min(to, sliceFrom + step);
      block.clear();
      expander.expandInto(sliceFrom, sliceTo, block, scratch);
      int run = 0;
      for (int k = 0; k < block.size; k++) {
        if (!buffer.hasRemaining()) {
          sha.update(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        int d = block.delaySteps[k];
        buffer.putInt(block.pre[k]).putInt(block.post[k])
            .putLong(Double.doubleToLongBits(block.weight[k])).putInt(d);
        minDelay = Math.min(minDelay, d);
        maxDelay = Math.max(maxDelay, d);
        run = k > 0 && block.post[k] == block.post[k - 1] ? run + 1 : 1;
        maxFanIn = Math.max(maxFanIn, run);
      }
      synapses += block.size;
    }
    sha.update(buffer.array(), 0, buffer.position());
    return synapses == 0 ? new Chunk(sha.digest(), 0, 0, 0, 0)
        : new Chunk(sha.digest(), synapses, minDelay, maxDelay, maxFanIn);
  }

  /** The projection's digest and totals from its chunks in chunk order. */
  public static ProjectionExpansion combine(ProjectionId id, List<Chunk> chunks) {
    MessageDigest sha = Digests.sha256();
    long synapses = 0;
    int minDelay = Integer.MAX_VALUE;
    int maxDelay = Integer.MIN_VALUE;
    int maxFanIn = 0;
    for (Chunk c : chunks) {
      sha.update(c.sha256());
      if (c.synapses() > 0) {
        synapses += c.synapses();
        minDelay = Math.min(minDelay, c.minDelaySteps());
        maxDelay = Math.max(maxDelay, c.maxDelaySteps());
        maxFanIn = Math.max(maxFanIn, c.maxFanIn());
      }
    }
    String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
    return synapses == 0 ? new ProjectionExpansion(id, 0, digest, 0, 0, 0)
        : new ProjectionExpansion(id, synapses, digest, minDelay, maxDelay, maxFanIn);
  }
}
