package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.Receptor;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.numerics.NeuronConstants;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
import snnc.mapper.Mapper;
import snnc.mapper.partition.Slice;
import snnc.mapper.place.Placement;
import snnc.mapper.tables.ChipTable;
import snnc.mapper.tables.RoutingEntry;
import snnc.mapper.target.Machine;

/**
 * Lowers a mapping ({@link Mapper.Result}) onto a multi-core system: one core instance per placed
 * core that holds a neuron slice, each loaded with only its own neurons and with synapse rows only
 * for the keys the mapping routes to it, its neuron constants as parameter-table segments;
 * spike-source slices (SpikeSourceArray and SpikeSourcePoisson alike) get no core: the host
 * injects their keys into the router, so the cores carry no Poisson generator. STDP projections
 * keep their synapses on the post neuron's core like static ones: every core gets the network's
 * rules and decay tables, its plastic synapses at the end of each row and its neurons' columns
 * (a core's spike history is kept per local row key; see docs/fpga.md, "STDP in a system").
 * The router table comes from the mapper: on a single-chip target it is the
 * chip's compressed table itself (route bits 6 and up are cores); on a multi-chip target every
 * sending slice's key block is followed through the per-chip tables, default routing included,
 * and the cores it reaches become one entry (the system has one central router, see
 * docs/fpga.md). The table, and which key blocks each core sends and receives, go into the
 * router's memories ({@link RouterTable}), loaded like the cores' memories, so the system's
 * RTL depends only on its size.
 */
public final class SystemLowering {

  private SystemLowering() {}

  /** Lowers {@code mapping} for {@code profile}; throws {@link HdlException} on errors. */
  public static SystemImage lower(Mapper.Result mapping, NumericsProfile profile,
      CoreLowering.Sizing sizing, boolean allowZeroWeights) {
    Network network = mapping.partitioned().network();
    List<Slice> slices = mapping.partitioned().slices();
    Placement placement = mapping.placement();
    long[] keys = mapping.routing().keys().key();
    long[] masks = mapping.routing().keys().mask();
    DiagnosticSink sink = new DiagnosticSink();
    Map<PopulationId, Population> pops = new HashMap<>();
    for (Population p : network.populations()) {
      pops.put(p.id(), p);
      if (!p.cellType().isSource() && !NeuronConstants.supports(p.cellType())) {
        sink.error(CoreLowering.UNSUPPORTED, p.span(), "the FPGA core has no "
            + p.cellType().pynnName() + " neurons (IF_curr_exp and IF_curr_delta only)");
      }
    }
    for (Slice s : slices) {
      if (s.kind() == Slice.Kind.DELAY_EXTENSION) {
        sink.error(CoreLowering.UNSUPPORTED, s.span(), "the FPGA system has no delay-extension "
            + "cores (" + s.label() + ")");
      }
    }
    CoreLowering.failOnErrors(sink);
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    CoreLowering.failOnErrors(sink);
    CoreLowering.StdpRules stdp = CoreLowering.stdpRules(network, q, profile, sink);
    CoreLowering.failOnErrors(sink);

    // Core instances: placed cores with neuron slices, in (chip, core) order.
    TreeMap<Long, List<Slice>> byCore = new TreeMap<>();
    List<SystemImage.SliceKeys> sources = new ArrayList<>();
    for (Slice s : slices) {
      if (pops.get(s.population()).cellType().isSource()) {
        sources.add(keysOf(s, keys, masks, 0));
      } else {
        byCore.computeIfAbsent(((long) placement.chipOf()[s.id()] << 32)
            | placement.coreOf()[s.id()], k -> new ArrayList<>()).add(s);
      }
    }
    Map<Long, Integer> instanceOf = new HashMap<>();
    List<Long> placed = new ArrayList<>(byCore.keySet());
    for (int i = 0; i < placed.size(); i++) {
      instanceOf.put(placed.get(i), i);
    }

    List<SystemImage.RouteEntry> table = routerTable(mapping, instanceOf);
    for (Slice s : slices) {
      checkWholeBlock(table, keys[s.id()], masks[s.id()], s);
    }
    List<List<SystemImage.SliceKeys>> incoming = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      incoming.add(new ArrayList<>());
    }
    for (Slice s : slices) {
      for (int i : SystemImage.route(table, keys[s.id()])) {
        List<SystemImage.SliceKeys> in = incoming.get(i);
        int base = in.stream().mapToInt(SystemImage.SliceKeys::size).sum();
        in.add(keysOf(s, keys, masks, base));
      }
    }

    // Synapse rows per instance, keyed by local row key; the shape is the largest any core needs.
    List<List<List<long[]>>> rows = new ArrayList<>();
    List<List<SystemImage.SliceKeys>> neurons = new ArrayList<>();
    int maxDelay = 1;
    int maxPlasticDelay = 0;
    int maxNeurons = 1;
    int maxKeys = 1;
    long maxSynapses = 0;
    long[] synapseCount = new long[placed.size()];
    for (int i = 0; i < placed.size(); i++) {
      List<SystemImage.SliceKeys> ns = new ArrayList<>();
      int base = 0;
      for (Slice s : byCore.get(placed.get(i))) {
        ns.add(keysOf(s, keys, masks, base));
        base += s.size();
      }
      neurons.add(ns);
      List<SystemImage.SliceKeys> in = incoming.get(i);
      int rowKeys = in.stream().mapToInt(SystemImage.SliceKeys::size).sum();
      List<List<long[]>> r = new ArrayList<>();
      for (int k = 0; k < rowKeys; k++) {
        r.add(new ArrayList<>());
      }
      for (Projection pr : network.projections()) {
        for (SystemImage.SliceKeys post : ns) {
          if (!pops.get(pr.post()).name().equals(post.population())) {
            continue;
          }
          Quantisation.Shift shift = q.shift(pr.post(), pr.receptor()).orElseThrow();
          SynapseBlock block = ConnectorExpander.expand(network, pr, post.lo(), post.hi());
          long inh = pr.receptor() == Receptor.INHIBITORY ? 1 : 0;
          int rule = stdp.ruleOf().getOrDefault(pr, -1);
          String preName = pops.get(pr.pre()).name();
          for (int s = 0; s < block.size(); s++) {
            int pre = block.pre()[s];
            SystemImage.SliceKeys from = in.stream().filter(x -> x.population().equals(preName)
                && pre >= x.lo() && pre < x.hi()).findFirst().orElseThrow(
                    () -> new IllegalStateException("the mapping routes no key of " + preName
                        + "[" + pre + "] to the core of " + post.population()));
            int delay = block.delaySteps()[s];
            maxDelay = Math.max(maxDelay, delay);
            if (rule >= 0) {
              maxPlasticDelay = Math.max(maxPlasticDelay, delay);
            }
            // As CoreLowering.packRows wants them: local target, then pre and post within
            // their populations.
            r.get(from.localBase() + pre - from.lo()).add(new long[] {
                post.localBase() + block.post()[s] - post.lo(), inh, delay,
                q.weightRaw(shift, block.weight()[s]), rule,
                network.projections().indexOf(pr), pre, block.post()[s]});
            synapseCount[i]++;
          }
        }
      }
      rows.add(r);
      maxNeurons = Math.max(maxNeurons, base);
      maxKeys = Math.max(maxKeys, rowKeys);
      maxSynapses = Math.max(maxSynapses, synapseCount[i]);
    }
    // Parameter-table segments per core (no Poisson entries: sources stay with the host).
    double dt = network.timestepMs();
    List<List<CoreLowering.NeuronRun>> runs = new ArrayList<>();
    List<List<Map<String, Long>>> segments = new ArrayList<>();
    int maxEntries = 1;
    for (int i = 0; i < placed.size(); i++) {
      List<CoreLowering.NeuronRun> r = new ArrayList<>();
      for (SystemImage.SliceKeys s : neurons.get(i)) {
        Population p = network.populations().stream()
            .filter(x -> x.name().equals(s.population())).findFirst().orElseThrow();
        r.add(new CoreLowering.NeuronRun(p, s.lo(), s.hi()));
      }
      runs.add(r);
      segments.add(CoreLowering.segments(r, dt, profile, q, stdp.postRule()));
      maxEntries = Math.max(maxEntries, segments.get(i).size());
    }
    CoreShape shape = CoreLowering.shape(profile, sizing, maxNeurons, maxKeys, maxSynapses,
        maxDelay, maxEntries, false, stdp.plasticity(sizing, network.steps(), maxPlasticDelay));
    List<BigInteger> ruleWords = stdp.ruleWords(shape);
    List<BigInteger> lutWords = stdp.lutWords(shape);

    List<SystemImage.CoreInstance> cores = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      List<BigInteger> entryWords = new ArrayList<>();
      for (Map<String, Long> segment : segments.get(i)) {
        entryWords.add(shape.constants().pack(segment));
      }
      List<BigInteger> constWords = CoreLowering.chunks(shape, entryWords);
      List<BigInteger> stateWords = CoreLowering.stateWords(shape, runs.get(i), dt);
      List<CoreImage.PopulationRange> ranges = new ArrayList<>();
      for (SystemImage.SliceKeys s : neurons.get(i)) {
        Population p = network.populations().stream()
            .filter(x -> x.name().equals(s.population())).findFirst().orElseThrow();
        ranges.add(new CoreImage.PopulationRange(p.name(), p.cellType(), s.localBase(),
            s.size()));
      }
      CoreLowering.PackedRows packed = CoreLowering.packRows(shape, rows.get(i),
          stateWords.size(), network);
      long id = placed.get(i);
      CoreImage image = new CoreImage(network.name(), shape, ranges, constWords, stateWords,
          packed.rows(), packed.synapses(), stateWords.size(), maxDelay, segments.get(i).size(),
          0, ruleWords, lutWords, packed.columns(), packed.plastic());
      cores.add(new SystemImage.CoreInstance(i, (int) (id >>> 32), (int) id, neurons.get(i),
          incoming.get(i), image, synapseCount[i]));
    }
    long maxKey = 1;
    for (Slice s : slices) {
      maxKey = Math.max(maxKey, keys[s.id()] + mapping.routing().keys().blockSize(s.id()) - 1);
    }
    int keyBits = CoreShape.bitsFor(maxKey);
    if (sizing == CoreLowering.Sizing.CLASS) {
      // At least 16 bits, in whole bytes: small mappings of one size share a build.
      keyBits = Math.max(16, (keyBits + 7) / 8 * 8);
    }
    List<SystemImage.SliceKeys> blocks = new ArrayList<>(sources);
    for (SystemImage.CoreInstance c : cores) {
      blocks.addAll(c.neurons());
    }
    RouterTable router = RouterTable.of(cores.size(), keyBits, shape, blocks, sizing);
    return new SystemImage(network.name(), mapping.target().name(), shape, keyBits, cores,
        sources, table, mapping.target().machine().chips() == 1, router);
  }

  private static SystemImage.SliceKeys keysOf(Slice s, long[] keys, long[] masks, int base) {
    return new SystemImage.SliceKeys(s.id(), s.population().name(), s.lo(), s.hi(),
        keys[s.id()], masks[s.id()], base);
  }

  /** The central router's table (see the class comment). */
  private static List<SystemImage.RouteEntry> routerTable(Mapper.Result mapping,
      Map<Long, Integer> instanceOf) {
    Machine machine = mapping.target().machine();
    List<SystemImage.RouteEntry> table = new ArrayList<>();
    if (machine.chips() == 1) {
      for (RoutingEntry e : mapping.tables().get(0).entries()) {
        table.add(new SystemImage.RouteEntry(e.key(), e.mask(),
            instances(0, e.route(), instanceOf)));
      }
      return table;
    }
    Map<Integer, ChipTable> tables = new HashMap<>();
    for (ChipTable t : mapping.tables()) {
      tables.put(t.chip(), t);
    }
    List<Slice> slices = mapping.partitioned().slices();
    List<Slice> order = new ArrayList<>(slices);
    order.sort(Comparator.comparingLong(s -> mapping.routing().keys().key()[s.id()]));
    for (Slice s : order) {
      long key = mapping.routing().keys().key()[s.id()];
      TreeSet<Integer> reached = new TreeSet<>();
      ArrayDeque<int[]> hops = new ArrayDeque<>();
      hops.add(new int[] {mapping.placement().chipOf()[s.id()], -1});
      int budget = machine.chips() * Math.max(1, machine.directions()) * 2;
      while (!hops.isEmpty()) {
        if (--budget < 0) {
          throw new IllegalStateException("the route of key " + key + " loops");
        }
        int[] hop = hops.poll();
        long route = tables.get(hop[0]).lookup(key);
        if (route < 0) {
          route = hop[1] < 0 ? 0 : 1L << hop[1];
        }
        reached.addAll(instances(hop[0], route, instanceOf));
        for (int d = 0; d < machine.directions(); d++) {
          if ((route >>> d & 1) != 0) {
            hops.add(new int[] {machine.neighbour(hop[0], d), d});
          }
        }
      }
      if (!reached.isEmpty()) {
        table.add(new SystemImage.RouteEntry(key, mapping.routing().keys().mask()[s.id()],
            new ArrayList<>(reached)));
      }
    }
    return table;
  }

  /**
   * The router looks a key's route up per key block ({@link RouterTable}): the first entry of
   * {@code table} that matches any key of the block must match all of them. The mapper's tables
   * route whole blocks (compression keeps every block's route), so a table that splits one is a
   * mapper bug.
   */
  private static void checkWholeBlock(List<SystemImage.RouteEntry> table, long key, long mask,
      Slice s) {
    for (SystemImage.RouteEntry e : table) {
      boolean meets = ((e.key() ^ key) & e.mask() & mask) == 0;
      if (meets) {
        if ((e.mask() & ~mask & 0xffffffffL) != 0) {
          throw new IllegalStateException("router entry key " + e.key() + " mask " + e.mask()
              + " matches only part of the key block of " + s.label());
        }
        return;
      }
    }
  }

  /** Core instances of the core bits (6 and up) of route word {@code route} on {@code chip}. */
  private static List<Integer> instances(int chip, long route, Map<Long, Integer> instanceOf) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < 58; c++) {
      if ((route >>> (6 + c) & 1) != 0) {
        Integer i = instanceOf.get(((long) chip << 32) | c);
        if (i != null) {
          out.add(i);
        }
      }
    }
    out.sort(Integer::compare);
    return out;
  }
}
