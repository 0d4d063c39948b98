package snnc.sim.golden;

import snnc.ir.expand.SynapseBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.ProjectionId;
import snnc.ir.Recording;
import snnc.ir.Receptor;
import snnc.ir.SynapseDynamics;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.numerics.StdpConstants;
import snnc.diag.DiagnosticSink;
import snnc.diag.Severity;
import snnc.ir.pass.PassContext;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;
import snnc.sim.trace.VoltageTrace;

/**
 * The golden simulator: runs a {@link Network} on the timestep schedule of the package
 * documentation and returns its spikes, voltages and final plastic weights.
 *
 * <p>Work is split by post-neuron range: worker p owns neurons [from_p, to_p) of every population
 * and the synapses onto them. Steps run in blocks of K steps, K the shortest delay of any static
 * projection (1 when a projection is plastic): a worker integrates its own neurons through the
 * block (steps 1–6, the input due having arrived in earlier blocks), meets the others at one
 * barrier, then delivers every worker's spikes of the block, step by step, into its own neurons'
 * ring buffers. A spike of the block arrives K or more steps after it was emitted, so no later than
 * the next block. When every synapse has delay K exactly (as in Brunel-style networks), delivery
 * waits for the arrival instead: in block b, right after step n's integration, the worker delivers
 * the block b − 1 spikes of step n − K into rings of one slot, which stay small enough for the
 * cache, taking one population at a time through the whole block (see {@code runArrivalBlocks}).
 * Every neuron sees its inputs in the same order whatever
 * the number of workers (package documentation), so results are bit-identical for any thread
 * count.
 */
public final class GoldenSimulator {

  private static final int AUTO_THREAD_CELLS = 10_000;

  private final SimOptions options;

  public GoldenSimulator(SimOptions options) {
    this.options = options;
  }

  public GoldenSimulator() {
    this(SimOptions.defaults());
  }

  public SimResult run(Network network) {
    return run(network, Progress.NONE);
  }

  /**
   * Runs {@code network}, telling {@code progress} after every step (from one worker thread, so
   * it should be cheap).
   */
  public SimResult run(Network network, Progress progress) {
    return run(network, null, progress);
  }

  /**
   * Runs {@code network} in fixed mode with the decisions of a {@code quantise} pass the caller has
   * already run (and reported) for this network and the options' profile, so the weights are not
   * quantised twice; {@code quantisation} null means the simulator quantises itself.
   */
  public SimResult run(Network network, Quantisation quantisation, Progress progress) {
    if (quantisation != null && (options.numerics() != Numerics.FIXED
        || !quantisation.profile().equals(options.profile()))) {
      throw new IllegalArgumentException("a quantisation for " + quantisation.profile().name()
          + " cannot drive a " + options.numerics() + " run with profile "
          + options.profile().name());
    }
    long t0 = System.nanoTime();
    Run run = new Run(network, options, workers(network), quantisation);
    run.progress = progress;
    long t1 = System.nanoTime();
    run.execute();
    long t2 = System.nanoTime();
    return run.result(t1 - t0, t2 - t1);
  }

  private int workers(Network network) {
    if (options.threads() > 0) {
      return options.threads();
    }
    int cores = Math.min(2, Runtime.getRuntime().availableProcessors());
    return network.cellCount() >= AUTO_THREAD_CELLS ? cores : 1;
  }

  /** Receives how many of a run's steps are done, e.g. to drive a progress bar. */
  @FunctionalInterface
  public interface Progress {
    /** Reports nothing. */
    Progress NONE = (done, total) -> { };

    void stepsDone(long done, long total);
  }

  /** One run's state. */
  private static final class Run {
    /** Bounds the spike lists kept per block; past a few dozen steps a barrier costs nothing. */
    private static final int MAX_BLOCK_STEPS = 64;
    private Progress progress = Progress.NONE;
    private final Network network;
    private final double dt;
    private final long steps;
    private final int workers;
    private final List<CellGroup> groups = new ArrayList<>();
    private final List<ProjectionRuntime> projections = new ArrayList<>();
    /** Per group, the projections onto it, in network order. */
    private final List<List<ProjectionRuntime>> into = new ArrayList<>();
    /** Per group, the worker ranges: worker p owns [bounds[g][p], bounds[g][p+1]). */
    private final int[][] bounds;
    /** Steps per block: one barrier a block (class documentation). */
    private final int blockSteps;
    /**
     * Whether every synapse has the delay {@link #blockSteps}: then spikes are delivered at their
     * arrival step into a one-slot ring per population (see {@link #runArrivalBlocks}).
     */
    private final boolean atArrival;
    /** spikes[b & 1][n − start][worker][group]: the spikes of step n of block b. */
    private final IndexList[][][][] spikes;
    private final boolean[][] spikeRecorded;
    private final SpikeLog[][] spikeLogs;
    private final VoltageLog[] voltageLogs;
    /** Fixed mode: the profile and the quantise pass's decisions; null in float mode. */
    private final NumericsProfile profile;
    private final Quantisation quantisation;

    Run(Network network, SimOptions options, int workers, Quantisation given) {
      if (!(network.timestepMs() > 0)) {
        throw new IllegalArgumentException("timestep must be positive: " + network.timestepMs());
      }
      if (options.numerics() == Numerics.FIXED) {
        profile = options.profile();
        quantisation = given != null ? given : quantise(network, options);
      } else {
        profile = null;
        quantisation = null;
      }
      this.network = network;
      this.dt = network.timestepMs();
      this.steps = network.steps();
      this.workers = workers;
      Map<PopulationId, Integer> index = new HashMap<>();
      for (Population p : network.populations()) {
        index.put(p.id(), groups.size());
        groups.add(newGroup(p, options));
        into.add(new ArrayList<>());
      }
      int g = groups.size();
      bounds = new int[g][workers + 1];
      for (int k = 0; k < g; k++) {
        long size = groups.get(k).size;
        for (int p = 0; p <= workers; p++) {
          bounds[k][p] = (int) (size * p / workers);
        }
        groups.get(k).workerRanges(bounds[k]);
      }
      int[] maxDelay = new int[g];
      for (Projection pr : network.projections()) {
        int pre = index.get(pr.pre());
        int post = index.get(pr.post());
        CellGroup postGroup = groups.get(post);
        if (!postGroup.takesInput()) {
          throw new IllegalArgumentException("projection " + pr.name() + " targets "
              + postGroup.population.cellType().pynnName() + " population " + pr.post()
              + ", which takes no input");
        }
        ProjectionRuntime rt = expand(pr, pre, post, options.expander());
        projections.add(rt);
        into.get(post).add(rt);
        if (rt.stdp == null) {
          maxDelay[post] = Math.max(maxDelay[post], rt.maxDelay());
        }
      }
      blockSteps = blockSteps(projections);
      atArrival = atArrival(projections, blockSteps);
      for (int k = 0; k < g; k++) {
        if (groups.get(k).takesInput()) {
          groups.get(k).allocateRing(atArrival ? 0 : Math.max(1, maxDelay[k]));
        }
      }
      // The lists and logs a worker writes are allocated by that worker (startWorker).
      spikes = new IndexList[2][blockSteps][workers][g];
      spikeRecorded = new boolean[g][];
      List<TreeSet<Integer>> vIndices = new ArrayList<>();
      for (int k = 0; k < g; k++) {
        spikeRecorded[k] = new boolean[groups.get(k).size];
        if (options.recordAllSpikes()) {
          Arrays.fill(spikeRecorded[k], true);
        }
        vIndices.add(new TreeSet<>());
      }
      for (Recording r : network.recordings()) {
        int k = index.get(r.population());
        int size = groups.get(k).size;
        int from = r.slice().map(Recording.Range::from).orElse(0);
        int to = r.slice().map(Recording.Range::to).orElse(size);
        if (from < 0 || to > size || from > to) {
          throw new IllegalArgumentException("recording slice [" + from + ", " + to + ") of "
              + r.population() + " outside 0.." + size);
        }
        if (r.variables().contains(Recording.Variable.SPIKES)) {
          Arrays.fill(spikeRecorded[k], from, to, true);
        }
        if (r.variables().contains(Recording.Variable.V) && !groups.get(k).population.cellType()
            .isSource()) {
          for (int i = from; i < to; i++) {
            vIndices.get(k).add(i);
          }
        }
      }
      spikeLogs = new SpikeLog[workers][g];
      voltageLogs = new VoltageLog[g];
      for (int k = 0; k < g; k++) {
        if (!vIndices.get(k).isEmpty()) {
          int[] idx = vIndices.get(k).stream().mapToInt(Integer::intValue).toArray();
          voltageLogs[k] = new VoltageLog(idx, steps);
        }
      }
    }

    /**
     * The shortest delay of the static projections, at most {@link #MAX_BLOCK_STEPS}; 1 with a
     * plastic projection, whose arrivals and post spikes interleave with the neurons step by step.
     */
    private static int blockSteps(List<ProjectionRuntime> projections) {
      int k = MAX_BLOCK_STEPS;
      for (ProjectionRuntime pr : projections) {
        if (pr.stdp != null) {
          return 1;
        }
        k = Math.min(k, pr.minDelay());
      }
      return Math.max(1, k);
    }

    /**
     * Whether every static synapse has delay {@code blockSteps} (no plastic projection): a spike
     * of step n then arrives at step n + K exactly, during the next block.
     */
    private static boolean atArrival(List<ProjectionRuntime> projections, int blockSteps) {
      for (ProjectionRuntime pr : projections) {
        if (pr.stdp != null || !pr.hasOnlyDelay(blockSteps)) {
          return false;
        }
      }
      return true;
    }

    /** Runs the quantise pass; its errors stop the run with a {@link NumericsException}. */
    private static Quantisation quantise(Network network, SimOptions options) {
      DiagnosticSink sink = new DiagnosticSink();
      Quantiser pass = new Quantiser(
          new Quantiser.Options(options.profile(), options.allowZeroWeights()),
          options.expander()::expand);
      Quantisation q = pass.run(network, new PassContext(sink));
      if (sink.hasErrors()) {
        throw new NumericsException(options.profile().name(), sink.all().stream()
            .filter(d -> d.severity() == Severity.ERROR).toList());
      }
      return q;
    }

    private int shift(Population p, Receptor receptor) {
      return quantisation.shift(p.id(), receptor).map(Quantisation.Shift::shift).orElse(0);
    }

    private CellGroup newGroup(Population p, SimOptions options) {
      if (profile != null && !p.cellType().isSource()) {
        int e = shift(p, Receptor.EXCITATORY);
        int i = shift(p, Receptor.INHIBITORY);
        return switch (p.cellType()) {
          case IF_CURR_EXP -> new FixedCurrExpGroup(p, dt, profile, e, i);
          case IF_CURR_DELTA -> new FixedCurrDeltaGroup(p, dt, profile, e, i);
          default -> throw new IllegalStateException("quantise let " + p.cellType() + " through");
        };
      }
      return switch (p.cellType()) {
        case IF_CURR_EXP -> new CurrExpGroup(p, dt);
        case IF_CURR_DELTA -> new CurrDeltaGroup(p, dt);
        case IF_COND_EXP -> new CondExpGroup(p, dt);
        case IZHIKEVICH -> new IzhikevichGroup(p, dt);
        case SPIKE_SOURCE_ARRAY -> new SpikeArrayGroup(p, dt, steps);
        case SPIKE_SOURCE_POISSON -> new PoissonGroup(p, dt, options.poissonSeed());
      };
    }

    private ProjectionRuntime expand(Projection pr, int pre, int post, SynapseExpander expander) {
      int nPre = groups.get(pre).size;
      int nPost = groups.get(post).size;
      SynapseRows[] parts = new SynapseRows[workers];
      int[] from = new int[workers];
      int[] to = new int[workers];
      boolean inhibitory = pr.receptor() == snnc.ir.Receptor.INHIBITORY;
      StdpArithmetic stdp = null;
      Quantisation.Shift shift = null;
      if (profile != null) {
        shift = quantisation.shift(pr.post(), pr.receptor()).orElseThrow();
        if (pr.synapse() instanceof SynapseDynamics.Stdp s) {
          stdp = new FixedStdp(StdpConstants.of(s, dt, shift.shift(), shift.format(), profile),
              profile);
        }
      } else if (pr.synapse() instanceof SynapseDynamics.Stdp s) {
        stdp = StdpArithmetic.floating(StdpRule.of(s), dt);
      }
      for (int p = 0; p < workers; p++) {
        from[p] = bounds[post][p];
        to[p] = bounds[post][p + 1];
        SynapseBlock block = expander.expand(network, pr, from[p], to[p]);
        for (int j : block.post()) {
          if (j < from[p] || j >= to[p]) {
            throw new IllegalStateException("expander returned post " + j + " outside ["
                + from[p] + ", " + to[p] + ") for " + pr.name());
          }
        }
        if (shift != null) {
          block = rawWeights(block, shift);
        }
        // STDP weights are magnitudes too: the rule bounds them by [w_min, w_max] ≥ 0. Fixed-mode
        // raw weights are magnitudes already.
        parts[p] = SynapseRows.of(block, nPre, nPost, inhibitory || stdp != null, stdp != null,
            pr.name());
      }
      return new ProjectionRuntime(pr, pre, post, parts, from, to, stdp, dt);
    }

    /** The block with each weight replaced by its raw weight word (an integer-valued double). */
    private SynapseBlock rawWeights(SynapseBlock block, Quantisation.Shift shift) {
      double[] raw = new double[block.size()];
      for (int k = 0; k < raw.length; k++) {
        raw[k] = quantisation.weightRaw(shift, block.weight()[k]);
      }
      return new SynapseBlock(block.pre(), block.post(), raw, block.delaySteps(), block.size());
    }

    void execute() {
      if (workers == 1) {
        work(0, null, null);
        return;
      }
      AtomicReference<Throwable> failure = new AtomicReference<>();
      SpinBarrier barrier = new SpinBarrier(workers);
      List<Thread> threads = new ArrayList<>();
      for (int p = 1; p < workers; p++) {
        int worker = p;
        Thread t = new Thread(() -> work(worker, barrier, failure), "golden-sim-" + p);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      work(0, barrier, failure);
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for workers", e);
        }
      }
      Throwable f = failure.get();
      if (f instanceof RuntimeException re) {
        throw re;
      }
      if (f instanceof Error err) {
        throw err;
      }
      if (f != null) {
        throw new IllegalStateException("golden simulator worker failed", f);
      }
    }

    /**
     * Worker p's share of the run, block by block. Step n's input is taken and its spikers reset
     * (steps 5–6) right after its integration, except for the block's last step, whose steps 5–6
     * follow the delivery (with K = 1 that is every step, so plastic arrivals of step n, delivered
     * in step n, come first). Either way the input due at n has been delivered by then.
     * {@code barrier} is null for a single worker.
     */
    private void work(int p, SpinBarrier barrier, AtomicReference<Throwable> failure) {
      if (barrier == null) {
        startWorker(p);
        runBlocks(p, null);
        return;
      }
      try {
        startWorker(p);
        runBlocks(p, barrier);
      } catch (SpinBarrier.BrokenException e) {
        failure.compareAndSet(null, e);
      } catch (Throwable t) {
        failure.set(t);
        barrier.breakBarrier();
      }
    }

    /**
     * Allocates, on worker p's own thread, what only worker p writes: its spike lists, spike logs
     * and the groups' per-range scratch. Allocated by the main thread one after another, worker
     * 0's last list and worker 1's first shared a cache line, and each spike either appended moved
     * that line between the cores; a thread's own allocations come from its own allocation buffer.
     * The other workers read worker p's lists only after a barrier that follows this (the main
     * thread reads the logs after joining the workers).
     */
    private void startWorker(int p) {
      for (IndexList[][][] buf : spikes) {
        for (IndexList[][] step : buf) {
          for (int k = 0; k < groups.size(); k++) {
            step[p][k] = new IndexList();
          }
        }
      }
      for (int k = 0; k < groups.size(); k++) {
        spikeLogs[p][k] = new SpikeLog();
        groups.get(k).startWorker(p);
      }
    }

    private void runBlocks(int p, SpinBarrier barrier) {
      if (atArrival) {
        runArrivalBlocks(p, barrier);
        return;
      }
      for (long start = 0, block = 0; start < steps; start += blockSteps, block++) {
        int length = (int) Math.min(blockSteps, steps - start);
        IndexList[][][] buf = spikes[(int) (block & 1)];
        long last = start + length - 1;
        for (long n = start; n < last; n++) {
          integrate(p, n, buf[(int) (n - start)][p]);
          receive(p, n, buf[(int) (n - start)][p]);
          if (p == 0) {
            progress.stepsDone(n + 1, steps);
          }
        }
        integrate(p, last, buf[length - 1][p]);
        if (barrier != null) {
          barrier.await();
        }
        for (long n = start; n <= last; n++) {
          deliver(p, n, buf[(int) (n - start)]);
        }
        receive(p, last, buf[length - 1][p]);
        if (p == 0) {
          progress.stepsDone(last + 1, steps);
        }
      }
    }

    /**
     * {@link #runBlocks} when every delay is K ({@link #atArrival}): the spikes of step n − K,
     * emitted in the previous block, are delivered right after step n's integration into the
     * populations' one-slot rings, which hold the input due at n until steps 5–6 take it (at n,
     * or deferred to n + 1's integration). Each slot thus receives exactly the spikes the ring slot
     * n mod (K + 1) would, in the same order. Block b reads only block b − 1's spikes, all emitted
     * before the barrier that ended b − 1; the buffer they are in is refilled in block b + 1, after
     * the barrier that ends b.
     *
     * <p>A worker takes one population at a time through the whole block (steps 1–6 of every step
     * for its cells of that population, then the next population): nothing a population computes
     * in a block depends on another population's block, and only one population's state, ring and
     * incoming rows are in use at a time, which keeps them in cache (a third less time than
     * sweeping every population each step on the 100,000-neuron benchmark).
     */
    private void runArrivalBlocks(int p, SpinBarrier barrier) {
      for (long start = 0, block = 0; start < steps; start += blockSteps, block++) {
        int length = (int) Math.min(blockSteps, steps - start);
        IndexList[][][] buf = spikes[(int) (block & 1)];
        IndexList[][][] previous = block == 0 ? null : spikes[(int) ((block + 1) & 1)];
        for (int g = 0; g < groups.size(); g++) {
          CellGroup group = groups.get(g);
          int from = bounds[g][p];
          int to = bounds[g][p + 1];
          for (int k = 0; k < length; k++) {
            long n = start + k;
            IndexList own = buf[k][p][g];
            own.clear();
            integrate(p, g, n, from, to, own);
            if (group.ring != null) {
              if (previous != null) {
                for (ProjectionRuntime pr : into.get(g)) {
                  for (int q = 0; q < workers; q++) {
                    pr.emit(p, n - blockSteps, previous[k][q][pr.preGroup], group.ring);
                  }
                }
              }
              group.receive(n, from, to, own);
            }
          }
        }
        if (p == 0) {
          for (int k = 0; k < length; k++) {
            progress.stepsDone(start + k + 1, steps);
          }
        }
        if (barrier != null) {
          barrier.await();
        }
      }
    }

    /** Steps 1–4 for worker p's neurons, sampling recorded voltages first. */
    private void integrate(int p, long n, IndexList[] out) {
      for (int g = 0; g < groups.size(); g++) {
        out[g].clear();
        integrate(p, g, n, bounds[g][p], bounds[g][p + 1], out[g]);
      }
    }

    /** Steps 1–4 for cells [from, to) of group g, appending the spikers to {@code out}. */
    private void integrate(int p, int g, long n, int from, int to, IndexList out) {
      CellGroup group = groups.get(g);
      VoltageLog vlog = voltageLogs[g];
      if (vlog != null) {
        vlog.sample(group, n, from, to);
      }
      int first = out.size();
      group.advance(n, from, to, out);
      boolean[] recorded = spikeRecorded[g];
      SpikeLog log = spikeLogs[p][g];
      for (int k = first; k < out.size(); k++) {
        int i = out.get(k);
        if (recorded[i]) {
          log.add(n, i);
        }
      }
    }

    /** Plasticity and delivery of step n's spikes ({@code now[worker][group]}) into p's rings. */
    private void deliver(int p, long n, IndexList[][] now) {
      for (ProjectionRuntime pr : projections) {
        InputRing ring = groups.get(pr.postGroup).ring;
        if (pr.stdp != null) {
          pr.arrive(p, n, ring);
          pr.postSpikes(p, n, now[p][pr.postGroup]);
        }
        for (int q = 0; q < workers; q++) {
          pr.emit(p, n, now[q][pr.preGroup], ring);
        }
      }
    }

    /** Steps 5–6 of step n for worker p's neurons; {@code own[group]} are their spikes of n. */
    private void receive(int p, long n, IndexList[] own) {
      for (int g = 0; g < groups.size(); g++) {
        CellGroup group = groups.get(g);
        if (group.ring != null) {
          group.receive(n, bounds[g][p], bounds[g][p + 1], own[g]);
        }
      }
    }

    SimResult result(long buildNanos, long runNanos) {
      List<SpikeRecord> all = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        String name = groups.get(g).population.name();
        for (int p = 0; p < workers; p++) {
          spikeLogs[p][g].drainTo(name, all);
        }
      }
      Map<String, VoltageTrace> voltages = new LinkedHashMap<>();
      for (int g = 0; g < groups.size(); g++) {
        if (voltageLogs[g] != null) {
          String name = groups.get(g).population.name();
          voltages.put(name, voltageLogs[g].trace(name));
        }
      }
      Map<ProjectionId, SynapseBlock> weights = new LinkedHashMap<>();
      long synapses = 0;
      long ringSaturations = 0;
      for (ProjectionRuntime pr : projections) {
        synapses += pr.synapseCount();
        ringSaturations += pr.ringSaturations();
        if (pr.stdp != null) {
          SynapseBlock w = pr.weights();
          if (quantisation != null) {
            double lsb = quantisation.shift(pr.projection.post(), pr.projection.receptor())
                .orElseThrow().smallestWeight();
            double[] real = w.weight().clone();
            for (int k = 0; k < real.length; k++) {
              real[k] *= lsb;
            }
            w = new SynapseBlock(w.pre(), w.post(), real, w.delaySteps(), w.size());
          }
          weights.put(pr.projection.id(), w);
        }
      }
      return new SimResult(new SpikeTrace(dt, all), voltages, weights,
          new SimResult.Stats(steps, network.cellCount(), synapses, workers, buildNanos,
              runNanos, ringSaturations));
    }
  }

  /** Spikes of one population seen by one worker, as (step, index) pairs. */
  private static final class SpikeLog {
    private long[] steps = new long[16];
    private int[] indices = new int[16];
    private int size;

    void add(long step, int index) {
      if (size == steps.length) {
        steps = Arrays.copyOf(steps, size * 2);
        indices = Arrays.copyOf(indices, size * 2);
      }
      steps[size] = step;
      indices[size] = index;
      size++;
    }

    void drainTo(String population, List<SpikeRecord> out) {
      for (int k = 0; k < size; k++) {
        out.add(new SpikeRecord(population, indices[k], steps[k]));
      }
    }
  }

  /** Recorded voltages of one population; workers write disjoint neurons. */
  private static final class VoltageLog {
    private final int[] indices;
    private final double[] values;
    private final long steps;

    VoltageLog(int[] indices, long steps) {
      this.indices = indices;
      this.steps = steps;
      this.values = new double[Math.toIntExact(steps * indices.length)];
    }

    void sample(CellGroup group, long n, int from, int to) {
      int lo = Arrays.binarySearch(indices, from);
      if (lo < 0) {
        lo = -lo - 1;
      }
      int base = (int) (n * indices.length);
      for (int k = lo; k < indices.length && indices[k] < to; k++) {
        values[base + k] = group.v(indices[k]);
      }
    }

    VoltageTrace trace(String population) {
      return new VoltageTrace(population, indices, steps, values);
    }
  }
}
