package snnc.ir.expand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.pass.Pass;
import snnc.ir.pass.PassContext;

/**
 * The {@code expand} pass: expands every projection chunk by chunk (all chunks of all projections
 * share one thread pool) and records synapse counts, digests, delay ranges and fan-in in an
 * {@link ExpansionSummary}. Matrices are dropped as soon as they are digested, so memory stays at a
 * few MB per worker whatever the network's size. Counts {@code projections}, {@code chunks},
 * {@code synapses}.
 */
public final class ExpandPass implements Pass<Network, ExpansionSummary> {

  public static final String NAME = "expand";

  /** {@code threads}: worker threads, 0 for one per available core. */
  public record Options(int threads) {
    public Options {
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + threads);
      }
    }

    public static Options defaults() {
      return new Options(0);
    }
  }

  private final Options options;

  public ExpandPass(Options options) {
    this.options = options;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Network> inputType() {
    return Network.class;
  }

  @Override
  public Class<ExpansionSummary> outputType() {
    return ExpansionSummary.class;
  }

  @Override
  public ExpansionSummary run(Network network, PassContext context) {
    int threads = options.threads() == 0
        ? Runtime.getRuntime().availableProcessors() : options.threads();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "snnc-expand");
      t.setDaemon(true);
      return t;
    });
    try {
      return expandAll(network, pool, context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while expanding", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Expands every projection of {@code network} on {@code pool}. */
  public static ExpansionSummary expandAll(Network network, ExecutorService pool,
      PassContext context) throws InterruptedException {
    List<List<Future<ExpansionDigest.Chunk>>> perProjection = new ArrayList<>();
    for (Projection projection : network.projections()) {
      ConnectorExpander expander = ConnectorExpander.of(network, projection);
      List<Future<ExpansionDigest.Chunk>> futures = new ArrayList<>();
      for (int k = 0; k < ExpansionDigest.chunkCount(expander.postSize()); k++) {
        int index = k;
        futures.add(pool.submit(() -> ExpansionDigest.chunk(expander, index)));
      }
      perProjection.add(futures);
    }
    List<ProjectionExpansion> results = new ArrayList<>();
    for (int p = 0; p < perProjection.size(); p++) {
      List<ExpansionDigest.Chunk> chunks = new ArrayList<>();
      for (Future<ExpansionDigest.Chunk> f : perProjection.get(p)) {
        chunks.add(ExpansionDigest.join(f));
      }
      ProjectionExpansion e =
          ExpansionDigest.combine(network.projections().get(p).id(), chunks);
      results.add(e);
      context.count("chunks", chunks.size());
      context.count("synapses", e.synapses());
    }
    context.count("projections", results.size());
    return new ExpansionSummary(network, results);
  }
}
