package snnc.mapper.partition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.TargetHints;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.SynapseBlock;
import snnc.mapper.target.CoreCapacity;
import snnc.mapper.target.ResourceModel;
import snnc.mapper.target.ResourceModel.SliceResources;
import snnc.mapper.target.Target;

/**
 * Splits populations into slices that fit one core, and measures the traffic between slices.
 *
 * <p>A population starts at the target's cells per core (or the model's smaller {@code target}
 * hint), and each candidate slice is expanded to count exactly what it needs: one synaptic row per
 * source that really connects to it (per projection, and per delay stage for long delays), one word
 * per synapse, the largest fan-in and the longest delay. If a slice does not fit, the population's
 * slice size shrinks in proportion to the worst overflow and the population is tried again; if even one
 * cell does not fit, a located {@code map.core-capacity} error says which resource, needed vs
 * available. Delays longer than a core's {@code delay_slots} go through delay-extension slices, up to
 * {@code delay_extension_stages} stages; one extension serves consecutive source slices of a
 * population up to one core's worth of cells × stages.
 *
 * <p>Slices are expanded in parallel; results are gathered in order, so the output is deterministic.
 */
public final class Partitioner {

  /**
   * Options: the rate model for traffic, and how slices are budgeted: {@code EXACT} expands every
   * synapse, {@code STATISTICAL} bounds the connectors it models ({@link ProjectionModel}) and expands
   * the rest, {@code AUTO} is exact up to {@link #AUTO_EXACT_SYNAPSES} expected synapses.
   */
  public record Options(RateModel rates, Budget budget) {
    public static Options defaults() {
      return new Options(RateModel.defaults(), Budget.AUTO);
    }

    public Options withBudget(Budget b) {
      return new Options(rates, b);
    }
  }

  /** How slices are budgeted (see {@link Options}). */
  public enum Budget {
    EXACT,
    STATISTICAL,
    AUTO
  }

  /** Networks with at most this many expected synapses are expanded exactly under AUTO. */
  public static final long AUTO_EXACT_SYNAPSES = 2_000_000;

  private final Target target;
  private final Options options;
  private final CoreCapacity core;
  private final ResourceModel model;

  public Partitioner(Target target, Options options) {
    this.target = target;
    this.options = options;
    this.core = target.core();
    this.model = target.resources();
  }

  /** What one candidate slice needs. */
  private record Demand(int neurons, long rows, long synapses, int maxFanIn, int maxDelay,
      SliceResources resources, Map<PopulationId, BitSet[]> sources, Projection longest) {}

  /** Keep the per-slice source sets for the traffic pass when they take at most this many bits. */
  private static final long CACHE_BITS = 1L << 31;

  /** Partitions {@code network}; returns null after reporting errors to {@code sink}. */
  public PartitionedNetwork partition(Network network, DiagnosticSink sink) {
    List<Population> pops = network.populations();
    Map<PopulationId, Population> byId = network.populationsById();
    int errorsBefore = sink.errorCount();
    for (Projection p : network.projections()) {
      checkDelays(network, p, sink);
    }
    if (sink.errorCount() > errorsBefore) {
      return null;
    }
    Map<Projection, ProjectionModel> models = models(network);
    for (ProjectionModel m : models.values()) {
      if (m.maxDelaySteps() > core.maxDelaySteps()) {
        Projection p = m.projection();
        sink.error("map.delay-range", p.spans().delay(), "delays of up to " + m.maxDelaySteps()
            + " steps are expected in '" + p.name() + "', more than the " + core.maxDelaySteps()
            + " steps " + target.name() + " can deliver", delayNote());
      }
    }
    if (sink.errorCount() > errorsBefore) {
      return null;
    }
    Map<PopulationId, List<Projection>> byPost = byPost(network);
    long cachedBits = 0;
    List<int[]> ranges = new ArrayList<>();
    List<Demand> demands = new ArrayList<>();
    List<Integer> rangePop = new ArrayList<>();
    for (int pi = 0; pi < pops.size(); pi++) {
      Population pop = pops.get(pi);
      List<Projection> into = byPost.getOrDefault(pop.id(), List.of());
      List<ConnectorExpander> incoming = into.stream().filter(p -> !models.containsKey(p))
          .map(p -> ConnectorExpander.of(network, p)).toList();
      List<ProjectionModel> modelled = into.stream().filter(models::containsKey)
          .map(models::get).toList();
      int n = initialSliceSize(network, pop, sink);
      long preBits = 0;
      for (ConnectorExpander e : incoming) {
        preBits += e.preSize();
      }
      cachedBits += preBits * ((pop.size() + n - 1) / Math.max(1, n)) * 2;
      boolean keep = cachedBits <= CACHE_BITS;
      while (true) {
        int size = n;
        int count = (pop.size() + size - 1) / size;
        List<Demand> ds = IntStream.range(0, Math.max(count, 0)).parallel()
            .mapToObj(k -> demand(pop, k * size, Math.min(pop.size(), (k + 1) * size), incoming,
                modelled, keep))
            .toList();
        Demand tooLong = ds.stream().filter(d -> d.maxDelay() > core.maxDelaySteps()).findFirst()
            .orElse(null);
        if (tooLong != null) {
          Projection p = tooLong.longest();
          sink.error("map.delay-range", p.spans().delay(), "a delay of " + tooLong.maxDelay()
              + " steps in '" + p.name() + "' exceeds the " + core.maxDelaySteps() + " steps "
              + target.name() + " can deliver", delayNote());
          break;
        }
        double worst = 1.0;
        String resource = null;
        long needed = 0;
        long available = 0;
        for (Demand d : ds) {
          long[][] checks = checks(d);
          for (int c = 0; c < checks.length; c++) {
            if (checks[c][1] > 0 && checks[c][0] > checks[c][1]) {
              double ratio = checks[c][0] / (double) checks[c][1];
              if (ratio > worst) {
                worst = ratio;
                resource = RESOURCES[c];
                needed = checks[c][0];
                available = checks[c][1];
              }
            }
          }
        }
        if (resource == null) {
          for (int k = 0; k < ds.size(); k++) {
            ranges.add(new int[] {k * size, Math.min(pop.size(), (k + 1) * size)});
            demands.add(ds.get(k));
            rangePop.add(pi);
          }
          break;
        }
        if (size == 1 || resource.equals("fan-in") || resource.equals("code memory")) {
          sink.error("map.core-capacity", pop.span(), "population '" + pop.name() + "' does not "
              + "fit a core of " + target.name() + ": " + resource + " needs " + needed
              + (resource.equals("fan-in") ? " synapses onto one neuron" : " bytes") + " with "
              + size + (size == 1 ? " cell" : " cells") + " per core, " + available + " available",
              "resource model: " + model.name() + "; a core offers " + core.localMemoryBytes()
              + " bytes of local memory" + (core.synapticMemoryBytes() > 0 ? ", "
              + core.synapticMemoryBytes() + " bytes of synaptic memory" : ", synaptic rows in "
              + target.chip().sharedMemoryBytes() + " bytes of shared memory per chip"));
          break;
        }
        n = Math.max(1, Math.min(size - 1, (int) Math.floor(size / worst)));
      }
    }
    if (sink.errorCount() > errorsBefore) {
      return null;
    }
    return withTraffic(network, models, ranges, demands, rangePop);
  }

  /** Projections by post population, in network order. */
  private static Map<PopulationId, List<Projection>> byPost(Network network) {
    Map<PopulationId, List<Projection>> by = new java.util.HashMap<>();
    for (Projection p : network.projections()) {
      by.computeIfAbsent(p.post(), x -> new ArrayList<>()).add(p);
    }
    return by;
  }

  /**
   * The statistical models of the projections the budget mode leaves to statistics (none when
   * exact), keyed by projection identity.
   */
  private Map<Projection, ProjectionModel> models(Network network) {
    Map<Projection, ProjectionModel> models = new java.util.IdentityHashMap<>();
    boolean statistical = options.budget() == Budget.STATISTICAL;
    if (options.budget() == Budget.AUTO) {
      double expected = 0;
      for (Projection p : network.projections()) {
        ConnectorExpander e = ConnectorExpander.of(network, p);
        expected += e.estimatedSynapsesPerPost() * e.postSize();
      }
      statistical = expected > AUTO_EXACT_SYNAPSES;
    }
    if (!statistical) {
      return models;
    }
    for (Projection p : network.projections()) {
      ProjectionModel m = new ProjectionModel(network, p, core.delaySlots(),
          core.delayExtensionStages());
      if (!m.exact()) {
        models.put(p, m);
      }
    }
    return models;
  }

  private static final String[] RESOURCES = {"local memory", "synaptic memory", "code memory",
      "fan-in"};

  private long[][] checks(Demand d) {
    long synapticCap = core.synapticMemoryBytes() > 0 ? core.synapticMemoryBytes()
        : target.chip().sharedMemoryBytes();
    return new long[][] {
        {d.resources.localBytes(), core.localMemoryBytes()},
        {d.resources.synapticBytes(), synapticCap},
        {d.resources.codeBytes(), core.codeMemoryBytes()},
        {d.maxFanIn, core.maxFanIn()}};
  }

  private int initialSliceSize(Network network, Population pop, DiagnosticSink sink) {
    int max = pop.cellType().isSource() ? core.maxSources() : core.maxNeurons();
    OptionalInt hint = OptionalInt.empty();
    if (network.target().isPresent()) {
      TargetHints h = network.target().get();
      Integer per = h.neuronsPerCoreByPopulation().get(pop.id());
      hint = per != null ? OptionalInt.of(per) : h.neuronsPerCore();
    }
    if (hint.isPresent() && hint.getAsInt() > 0) {
      if (hint.getAsInt() > max) {
        sink.warning("map.hint-too-large", network.target().get().span(), "neurons per core "
            + hint.getAsInt() + " for '" + pop.name() + "' exceeds " + target.name() + "'s "
            + max + "; using " + max);
      } else {
        max = hint.getAsInt();
      }
    }
    return Math.max(1, Math.min(max, Math.max(1, pop.size())));
  }

  private void checkDelays(Network network, Projection p, DiagnosticSink sink) {
    // Delays are checked per slice too; this gives the error at the projection's delay.
    int maxDelay = core.maxDelaySteps();
    ConnectorExpander e = ConnectorExpander.of(network, p);
    if (e.postSize() == 0 || !(p.delay() instanceof snnc.ir.ValueSpec.Constant c)) {
      return;
    }
    int steps = snnc.ir.expand.DelaySteps.of(c.value(), network.timestepMs());
    if (steps > maxDelay) {
      sink.error("map.delay-range", p.spans().delay(), "delay of " + steps + " steps in '"
          + p.name() + "' exceeds the " + maxDelay + " steps " + target.name() + " can deliver",
          delayNote());
    }
  }

  private String delayNote() {
    return core.delayExtensionStages() > 0 ? "a core holds " + core.delaySlots() + " steps and "
        + core.delayExtensionStages() + " delay-extension stages add as many each"
        : "a core holds " + core.delaySlots() + " steps and this target has no delay extension";
  }

  private Demand demand(Population pop, int lo, int hi, List<ConnectorExpander> incoming,
      List<ProjectionModel> modelled, boolean keepSources) {
    int n = hi - lo;
    Map<PopulationId, BitSet[]> sources = keepSources ? new java.util.TreeMap<>(
        java.util.Comparator.comparing(PopulationId::name)) : null;
    int[] fanIn = new int[n];
    long rows = 0;
    long synapses = 0;
    int maxDelay = 0;
    Projection longest = null;
    int slots = core.delaySlots();
    for (ConnectorExpander e : incoming) {
      SynapseBlock b = e.expand(lo, hi);
      for (int k = 0; k < b.size(); k++) {
        if (b.delaySteps()[k] > maxDelay) {
          maxDelay = b.delaySteps()[k];
          longest = e.projection();
        }
      }
      BitSet direct = new BitSet(e.preSize());
      BitSet delayed = new BitSet();
      for (int k = 0; k < b.size(); k++) {
        fanIn[b.post()[k] - lo]++;
        int d = b.delaySteps()[k];
        maxDelay = Math.max(maxDelay, d);
        if (d <= slots) {
          direct.set(b.pre()[k]);
        } else {
          int stage = (d - 1) / slots;
          delayed.set(b.pre()[k] * (core.delayExtensionStages() + 1) + stage);
        }
      }
      rows += direct.cardinality() + delayed.cardinality();
      synapses += b.size();
      if (sources != null) {
        BitSet[] sets = sources.computeIfAbsent(e.projection().pre(),
            x -> new BitSet[] {new BitSet(), new BitSet()});
        sets[0].or(direct);
        for (int i = delayed.nextSetBit(0); i >= 0; i = delayed.nextSetBit(i + 1)) {
          sets[1].set(i / (core.delayExtensionStages() + 1));
        }
      }
    }
    int maxFan = 0;
    for (int f : fanIn) {
      maxFan = Math.max(maxFan, f);
    }
    // Modelled projections add their upper bounds; fan-in bounds add up (max of a sum ≤ sum of max).
    for (ProjectionModel m : modelled) {
      ProjectionModel.Budget b = m.budget(lo, hi);
      rows += b.rows();
      synapses += b.synapses();
      maxFan = (int) Math.min(Integer.MAX_VALUE, (long) maxFan + b.maxFanIn());
      maxDelay = Math.max(maxDelay, m.ringSteps());
    }
    int ringSlots = Integer.highestOneBit(Math.max(1, Math.min(maxDelay, slots)) * 2 - 1);
    ringSlots = Math.min(ringSlots, slots);
    SliceResources r = model.resources(pop.cellType(), n, rows, synapses, ringSlots,
        core.receptors());
    return new Demand(n, rows, synapses, maxFan, maxDelay, r, sources, longest);
  }

  /** Delay-extension stages a projection needs into a slice, bounded by the slice's longest delay. */
  private static int stagesOf(Network network, Projection p, int lo, int hi, int slots,
      int sliceMaxDelay) {
    if (sliceMaxDelay <= slots) {
      return 0;
    }
    if (p.delay() instanceof snnc.ir.ValueSpec.Constant c) {
      return Math.max(0, (snnc.ir.expand.DelaySteps.of(c.value(), network.timestepMs()) - 1)
          / slots);
    }
    int max = 0;
    SynapseBlock b = ConnectorExpander.of(network, p).expand(lo, hi);
    for (int k = 0; k < b.size(); k++) {
      max = Math.max(max, b.delaySteps()[k]);
    }
    return Math.max(0, (max - 1) / slots);
  }

  /**
   * Second pass: now that every population is sliced, count who sends to whom — exactly for expanded
   * projections, as expectations for modelled ones (an edge exists unless fewer than
   * {@link ProjectionModel#TAIL} synapses are expected, so every real synapse has a route).
   */
  private PartitionedNetwork withTraffic(Network network, Map<Projection, ProjectionModel> models,
      List<int[]> ranges, List<Demand> demands, List<Integer> rangePop) {
    List<Population> pops = network.populations();
    int[] firstSlice = new int[pops.size() + 1];
    java.util.Arrays.fill(firstSlice, ranges.size());
    for (int k = ranges.size() - 1; k >= 0; k--) {
      firstSlice[rangePop.get(k)] = k;
    }
    for (int pi = pops.size() - 1; pi >= 0; pi--) {
      firstSlice[pi] = Math.min(firstSlice[pi], firstSlice[pi + 1]);
    }
    Map<PopulationId, Integer> popIndex = new java.util.HashMap<>();
    for (int pi = 0; pi < pops.size(); pi++) {
      popIndex.put(pops.get(pi).id(), pi);
    }
    double[] rate = new double[ranges.size()];
    for (int k = 0; k < ranges.size(); k++) {
      rate[k] = options.rates().rateHz(network, pops.get(rangePop.get(k)), ranges.get(k)[0],
          ranges.get(k)[1]);
    }
    int slots = core.delaySlots();
    Map<PopulationId, List<Projection>> byPost = byPost(network);
    // Per post slice: traffic from each pre slice, split into direct and delayed sources.
    List<Incoming> per = IntStream.range(0, ranges.size()).parallel().mapToObj(t -> {
      Population post = pops.get(rangePop.get(t));
      int lo = ranges.get(t)[0];
      int hi = ranges.get(t)[1];
      Map<Integer, BitSet[]> byPre = new java.util.TreeMap<>();
      int[] stages = new int[pops.size()];
      Map<PopulationId, BitSet[]> cached = demands.get(t).sources();
      if (cached != null) {
        for (Map.Entry<PopulationId, BitSet[]> e : cached.entrySet()) {
          byPre.put(popIndex.get(e.getKey()), e.getValue());
        }
        for (Projection p : byPost.getOrDefault(post.id(), List.of())) {
          if (!models.containsKey(p)) {
            stages[popIndex.get(p.pre())] = Math.max(stages[popIndex.get(p.pre())],
                stagesOf(network, p, lo, hi, slots, demands.get(t).maxDelay()));
          }
        }
      }
      for (Projection p : cached != null ? List.<Projection>of()
          : byPost.getOrDefault(post.id(), List.of())) {
        if (models.containsKey(p)) {
          continue;
        }
        int prePop = popIndex.get(p.pre());
        SynapseBlock b = ConnectorExpander.of(network, p).expand(lo, hi);
        BitSet[] sets = byPre.computeIfAbsent(prePop, x -> new BitSet[] {new BitSet(), new BitSet()});
        for (int k = 0; k < b.size(); k++) {
          int d = b.delaySteps()[k];
          if (d <= slots) {
            sets[0].set(b.pre()[k]);
          } else {
            sets[1].set(b.pre()[k]);
            stages[prePop] = Math.max(stages[prePop], (d - 1) / slots);
          }
        }
      }
      // Modelled projections by pre population, with their per-cell probabilities for this slice.
      Map<Integer, List<ProjectionModel>> modelledByPre = new java.util.TreeMap<>();
      for (Projection p : byPost.getOrDefault(post.id(), List.of())) {
        ProjectionModel m = models.get(p);
        if (m != null) {
          int prePop = popIndex.get(p.pre());
          modelledByPre.computeIfAbsent(prePop, x -> new ArrayList<>()).add(m);
          if (m.classProbability(true) > 0) {
            stages[prePop] = Math.max(stages[prePop], m.maxStage());
          }
        }
      }
      java.util.TreeSet<Integer> prePops = new java.util.TreeSet<>(byPre.keySet());
      prePops.addAll(modelledByPre.keySet());
      int preSlices = 0;
      for (int prePop : prePops) {
        preSlices += firstSlice[prePop + 1] - firstSlice[prePop];
      }
      Incoming in = new Incoming(stages, preSlices);
      for (int prePop : prePops) {
        BitSet[] exact = byPre.get(prePop);
        List<ProjectionModel> ms = modelledByPre.getOrDefault(prePop, List.of());
        double[] cellDirect = new double[ms.size()];
        double[] cellDelayed = new double[ms.size()];
        double[] delayedShare = new double[ms.size()];
        for (int i = 0; i < ms.size(); i++) {
          cellDirect[i] = ms.get(i).cellProbability(hi - lo, false);
          cellDelayed[i] = ms.get(i).cellProbability(hi - lo, true);
          delayedShare[i] = ms.get(i).classProbability(true);
        }
        for (int s = firstSlice[prePop]; s < firstSlice[prePop + 1]; s++) {
          int a = ranges.get(s)[0];
          int z = ranges.get(s)[1];
          double nd = exact == null ? 0 : exact[0].get(a, z).cardinality();
          double nl = exact == null ? 0 : exact[1].get(a, z).cardinality();
          double noneDirect = 1;
          double noneDelayed = 1;
          double synapses = 0;
          double delayedSynapses = 0;
          for (int i = 0; i < ms.size(); i++) {
            ProjectionModel m = ms.get(i);
            double e = m.expectedSynapses(a, z, lo, hi);
            synapses += e;
            delayedSynapses += e * delayedShare[i];
            // Cells of s that connect, as a fraction of s: independent across projections.
            double cells = m.oneToOne()
                ? Math.max(0, Math.min(Math.min(z, hi), m.preSize()) - Math.max(a, lo)) / (double) (z - a)
                : 1;
            noneDirect *= 1 - cells * cellDirect[i];
            noneDelayed *= 1 - cells * cellDelayed[i];
          }
          if (synapses - delayedSynapses >= ProjectionModel.TAIL) {
            nd = Math.min(z - a, nd + (z - a) * (1 - noneDirect));
          }
          if (delayedSynapses >= ProjectionModel.TAIL) {
            nl = Math.min(z - a, nl + (z - a) * (1 - noneDelayed));
          }
          if (nd > 0) {
            in.direct.add(s, t, Math.max(1, Math.round(rate[s] * nd)), 0);
          }
          if (nl > 0) {
            in.delayed.add(s, t, Math.max(1, Math.round(rate[s] * nl)), (long) Math.ceil(nl));
          }
        }
      }
      return in;
    }).toList();
    List<Slice> slices = new ArrayList<>();
    for (int k = 0; k < ranges.size(); k++) {
      Population p = pops.get(rangePop.get(k));
      Demand d = demands.get(k);
      slices.add(new Slice(k, p.id(), ranges.get(k)[0], ranges.get(k)[1], Slice.Kind.NEURONS, -1, 0,
          d.resources(), d.rows(), d.synapses(), d.maxFanIn(), rate[k], p.span()));
    }
    int[] stagesPerPop = new int[pops.size()];
    for (Incoming in : per) {
      for (int pi = 0; pi < pops.size(); pi++) {
        stagesPerPop[pi] = Math.max(stagesPerPop[pi], in.preStages[pi]);
      }
    }
    int[] extensionOf = new int[ranges.size()];
    java.util.Arrays.fill(extensionOf, -1);
    long[] delayedSources = new long[ranges.size()];
    for (Incoming in : per) {
      for (int k = 0; k < in.delayed.size; k++) {
        int src = in.delayed.from[k];
        delayedSources[src] = Math.max(delayedSources[src], in.delayed.extra[k]);
      }
    }
    long edgeCount = ranges.size();
    for (Incoming in : per) {
      edgeCount += in.direct.size + in.delayed.size;
    }
    TrafficGraph.Builder edges = new TrafficGraph.Builder((int) Math.min(Integer.MAX_VALUE - 8,
        edgeCount));
    for (Incoming in : per) {
      for (int k = 0; k < in.direct.size; k++) {
        edges.add(in.direct.from[k], in.direct.to[k], in.direct.weight[k]);
      }
    }
    // Delay extensions: consecutive source slices of one population share one extension core while
    // its cells × stages stay within what one core is sized for (see extensionCellStages) and its
    // buffers fit local memory; so slices on one chip also share its route to the extension.
    int open = -1;
    for (int s = 0; s < ranges.size(); s++) {
      if (delayedSources[s] == 0) {
        open = -1;
        continue;
      }
      Slice src = slices.get(s);
      int stages = Math.max(1, stagesPerPop[rangePop.get(s)]);
      Slice ext = open >= 0 ? slices.get(open) : null;
      if (ext != null && ext.population().equals(src.population()) && ext.hi() == src.lo()
          && (long) (src.hi() - ext.lo()) * stages <= extensionCellStages()
          && model.delayExtensionBytes(src.hi() - ext.lo(), stages) <= core.localMemoryBytes()) {
        slices.set(open, new Slice(open, ext.population(), ext.lo(), src.hi(),
            Slice.Kind.DELAY_EXTENSION, ext.extendsSlice(), stages,
            new SliceResources(model.delayExtensionBytes(src.hi() - ext.lo(), stages), 0, 0), 0, 0,
            0, (ext.rateHz() * ext.size() + src.rateHz() * src.size()) / (src.hi() - ext.lo()),
            ext.span()));
      } else {
        open = slices.size();
        slices.add(new Slice(open, src.population(), src.lo(), src.hi(),
            Slice.Kind.DELAY_EXTENSION, s, stages,
            new SliceResources(model.delayExtensionBytes(src.size(), stages), 0, 0), 0, 0, 0,
            src.rateHz(), src.span()));
      }
      extensionOf[s] = open;
      edges.add(s, open, Math.max(1, Math.round(src.rateHz() * delayedSources[s])));
    }
    for (Incoming in : per) {
      for (int k = 0; k < in.delayed.size; k++) {
        edges.add(extensionOf[in.delayed.from[k]], in.delayed.to[k], in.delayed.weight[k]);
      }
    }
    return new PartitionedNetwork(network, target, slices, edges.build(slices.size()));
  }

  /**
   * The cells × stages one delay-extension core may serve: a full neuron core's cells with every
   * stage the target offers (sPyNNaker sizes an extension core for one source core). Extensions
   * needing fewer stages, or of smaller slices, share a core up to this much buffering and traffic.
   */
  private long extensionCellStages() {
    return (long) core.maxNeurons() * Math.max(1, core.delayExtensionStages());
  }

  /** The traffic into one post slice: direct edges, delayed edges, and delay stages per pre population. */
  private static final class Incoming {
    final EdgeBuffer direct;
    final EdgeBuffer delayed;
    final int[] preStages;

    Incoming(int[] preStages, int preSlices) {
      this.preStages = preStages;
      this.direct = new EdgeBuffer(preSlices);
      this.delayed = new EdgeBuffer(1);
    }
  }

  /** Growable primitive edge list (from, to, weight, extra), so large graphs stay compact. */
  private static final class EdgeBuffer {
    int[] from;
    int[] to;
    long[] weight;
    long[] extra;
    int size;

    EdgeBuffer(int capacity) {
      int c = Math.max(1, capacity);
      from = new int[c];
      to = new int[c];
      weight = new long[c];
      extra = new long[c];
    }

    void add(int f, int t, long w, long x) {
      if (size == from.length) {
        int c = Math.max(8, size * 2);
        from = java.util.Arrays.copyOf(from, c);
        to = java.util.Arrays.copyOf(to, c);
        weight = java.util.Arrays.copyOf(weight, c);
        extra = java.util.Arrays.copyOf(extra, c);
      }
      from[size] = f;
      to[size] = t;
      weight[size] = w;
      extra[size] = x;
      size++;
    }
  }
}
