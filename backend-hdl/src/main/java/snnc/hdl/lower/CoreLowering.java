package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import snnc.diag.Diagnostic;
import snnc.diag.DiagnosticSink;
import snnc.diag.Severity;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.PopulationId;
import snnc.ir.Projection;
import snnc.ir.Receptor;
import snnc.ir.SynapseDynamics;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.model.CellType;
import snnc.ir.numerics.NeuronConstants;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.numerics.StdpConstants;
import snnc.ir.pass.PassContext;

/**
 * Lowers a whole network onto one core (no mapper yet): neuron populations get consecutive neuron
 * indices in network order, spike sources get the spike keys above them, and the host
 * conversions of docs/numerics.md fill the memories. Neuron constants become one parameter-table
 * entry per segment (a run of neurons with identical constants); each SpikeSourcePoisson
 * population becomes an entry of the on-chip generator per run of sources with equal parameters; SpikeSourceArray spikes stay with the
 * host, which injects them as AER keys. Rejects what the core does not implement.
 */
public final class CoreLowering {

  /** Diagnostic: a cell type or synapse rule the FPGA core does not implement. */
  public static final String UNSUPPORTED = "hdl.unsupported-feature";

  /** How the core is sized: exactly for the model, or to a coarse class shared by many models. */
  public enum Sizing {
    /** The smallest memories that hold the model (what a bitstream uses). */
    EXACT,
    /**
     * Power-of-two classes (at least 64 neurons, 4096 synapses, 128 ring slots, 16 table entries,
     * always with the Poisson generator) for cosim, so few Verilated builds serve many networks.
     */
    CLASS
  }

  private CoreLowering() {}

  /** The golden simulator's default Poisson seed ({@code SimOptions.defaults()}). */
  public static final long DEFAULT_POISSON_SEED = 0L;

  /** Lowers {@code network} with the default Poisson seed; see the five-argument form. */
  public static CoreImage lower(Network network, NumericsProfile profile, Sizing sizing,
      boolean allowZeroWeights) {
    return lower(network, profile, sizing, allowZeroWeights, DEFAULT_POISSON_SEED);
  }

  /**
   * Lowers {@code network} for {@code profile}, Poisson streams keyed by {@code poissonSeed} (the
   * golden simulator's {@code SimOptions.poissonSeed}); throws {@link HdlException} on errors.
   */
  public static CoreImage lower(Network network, NumericsProfile profile, Sizing sizing,
      boolean allowZeroWeights, long poissonSeed) {
    DiagnosticSink sink = new DiagnosticSink();
    double dt = network.timestepMs();
    List<CoreImage.PopulationRange> ranges = new ArrayList<>();
    Map<PopulationId, CoreImage.PopulationRange> byId = new HashMap<>();
    int neurons = 0;
    for (Population p : network.populations()) {
      if (!p.cellType().isSource()) {
        if (!NeuronConstants.supports(p.cellType())) {
          sink.error(UNSUPPORTED, p.span(), "the FPGA core has no " + p.cellType().pynnName()
              + " neurons (IF_curr_exp and IF_curr_delta only)");
          continue;
        }
        CoreImage.PopulationRange r = new CoreImage.PopulationRange(p.name(), p.cellType(),
            neurons, p.size());
        neurons += p.size();
        ranges.add(r);
        byId.put(p.id(), r);
      }
    }
    int keys = neurons;
    for (Population p : network.populations()) {
      if (p.cellType().isSource()) {
        CoreImage.PopulationRange r = new CoreImage.PopulationRange(p.name(), p.cellType(), keys,
            p.size());
        keys += p.size();
        ranges.add(r);
        byId.put(p.id(), r);
      }
    }
    List<PoissonSource> poisson = new ArrayList<>();
    for (Population p : network.populations()) {
      if (p.cellType() == CellType.SPIKE_SOURCE_POISSON && p.size() > 0) {
        poisson.addAll(PoissonSource.of(p, dt, poissonSeed, byId.get(p.id()).base()));
      }
    }
    if (neurons == 0) {
      sink.error(UNSUPPORTED, network.populations().isEmpty() ? null
          : network.populations().get(0).span(), "the network has no neurons to put on a core");
    }
    failOnErrors(sink);
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    failOnErrors(sink);

    StdpRules stdp = stdpRules(network, q, profile, sink);
    Map<PopulationId, Integer> postRule = stdp.postRule();
    Map<Projection, Integer> ruleOf = stdp.ruleOf();
    failOnErrors(sink);

    // Synapse rows by key, in network projection order, then the expansion's order.
    List<List<long[]>> rowsByKey = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      rowsByKey.add(new ArrayList<>());
    }
    int maxDelay = 1;
    int maxPlasticDelay = 0;
    long synapseCount = 0;
    for (Projection pr : network.projections()) {
      CoreImage.PopulationRange pre = byId.get(pr.pre());
      CoreImage.PopulationRange post = byId.get(pr.post());
      Quantisation.Shift shift = q.shift(pr.post(), pr.receptor()).orElseThrow();
      SynapseBlock block = ConnectorExpander.expand(network, pr, 0, post.size());
      long inh = pr.receptor() == Receptor.INHIBITORY ? 1 : 0;
      int rule = ruleOf.getOrDefault(pr, -1);
      for (int s = 0; s < block.size(); s++) {
        long weight = q.weightRaw(shift, block.weight()[s]);
        int delay = block.delaySteps()[s];
        maxDelay = Math.max(maxDelay, delay);
        if (rule >= 0) {
          maxPlasticDelay = Math.max(maxPlasticDelay, delay);
        }
        // {target, receptor, delay, weight, rule or -1, projection index, pre, post}
        rowsByKey.get(pre.base() + block.pre()[s]).add(new long[] {post.base() + block.post()[s],
            inh, delay, weight, rule, network.projections().indexOf(pr), block.pre()[s],
            block.post()[s]});
        synapseCount++;
      }
    }
    List<NeuronRun> runs = new ArrayList<>();
    for (Population p : network.populations()) {
      if (!p.cellType().isSource()) {
        runs.add(new NeuronRun(p, 0, p.size()));
      }
    }
    List<Map<String, Long>> segments = segments(runs, dt, profile, q, postRule);
    int entries = segments.size() + poisson.size();
    CoreShape.Plasticity plasticity = stdp.plasticity(sizing, network.steps(), maxPlasticDelay);
    CoreShape shape = shape(profile, sizing, neurons, keys, synapseCount, maxDelay, entries,
        !poisson.isEmpty(), plasticity);

    PackedRows packed = packRows(shape, rowsByKey, neurons, network);
    List<BigInteger> ruleWords = stdp.ruleWords(shape);
    List<BigInteger> lutWords = stdp.lutWords(shape);

    List<BigInteger> entryWords = new ArrayList<>();
    for (Map<String, Long> segment : segments) {
      entryWords.add(shape.constants().pack(segment));
    }
    for (PoissonSource source : poisson) {
      entryWords.add(shape.poissonSource().pack(source.fields()));
    }
    List<BigInteger> stateWords = stateWords(shape, runs, dt);
    return new CoreImage(network.name(), shape, ranges, chunks(shape, entryWords), stateWords,
        packed.rows(), packed.synapses(), neurons, maxDelay, segments.size(), poisson.size(),
        ruleWords, lutWords, packed.columns(), packed.plastic());
  }

  /** The row, synapse and column images of a core and where its plastic synapses live. */
  record PackedRows(List<BigInteger> rows, List<BigInteger> synapses, List<BigInteger> columns,
      List<CoreImage.PlasticSynapse> plastic) {}

  /**
   * Packs the synapse rows of a core: {@code rowsByKey} holds per row key its synapses
   * {target neuron, inh, delay, raw weight, rule or −1, projection index, pre, post} (pre and
   * post within their populations). Each row holds its static synapses, then its plastic ones;
   * the plastic synapses onto each neuron are listed by address in the column table, and with
   * STDP row word j also holds neuron j's column range (so there are at least {@code neurons}
   * row words), which the core reads when neuron j fires.
   */
  static PackedRows packRows(CoreShape shape, List<List<long[]>> rowsByKey, int neurons,
      Network network) {
    List<BigInteger> rowWords = new ArrayList<>();
    List<BigInteger> synWords = new ArrayList<>();
    List<List<Long>> columns = new ArrayList<>();
    for (int n = 0; n < neurons; n++) {
      columns.add(new ArrayList<>());
    }
    List<CoreImage.PlasticSynapse> plastic = new ArrayList<>();
    WordLayout rowLayout = shape.rows();
    WordLayout synLayout = shape.synapses();
    List<Map<String, Long>> rowFields = new ArrayList<>();
    long next = 0;
    int rowCount = shape.stdp() ? Math.max(rowsByKey.size(), neurons) : rowsByKey.size();
    for (int k = 0; k < rowCount; k++) {
      List<long[]> row = k < rowsByKey.size() ? rowsByKey.get(k) : List.of();
      Map<String, Long> r = new HashMap<>();
      r.put("start", next);
      for (boolean plasticPart : new boolean[] {false, true}) {
        if (plasticPart) {
          r.put("mid", next);
        }
        for (long[] s : row) {
          if ((s[4] >= 0) != plasticPart) {
            continue;
          }
          Map<String, Long> f = new HashMap<>(Map.of("target", s[0], "inh", s[1],
              "delay", s[2], "weight", s[3]));
          if (plasticPart) {
            f.put("rule", s[4]);
            columns.get((int) s[0]).add(next);
            plastic.add(new CoreImage.PlasticSynapse(
                network.projections().get((int) s[5]).id(), (int) s[6], (int) s[7], (int) s[2],
                (int) next));
          }
          synWords.add(synLayout.pack(f));
          next++;
        }
      }
      r.put("end", next);
      rowFields.add(r);
    }
    List<BigInteger> columnWords = new ArrayList<>();
    List<long[]> columnRanges = new ArrayList<>();
    for (List<Long> col : columns) {
      long start = columnWords.size();
      for (long address : col) {
        columnWords.add(BigInteger.valueOf(address));
      }
      columnRanges.add(new long[] {start, columnWords.size()});
    }
    for (int k = 0; k < rowFields.size(); k++) {
      Map<String, Long> r = rowFields.get(k);
      if (shape.stdp()) {
        long[] col = k < neurons ? columnRanges.get(k) : new long[] {0, 0};
        r.put("col_start", col[0]);
        r.put("col_end", col[1]);
      } else {
        r.remove("mid");
      }
      rowWords.add(rowLayout.pack(r));
    }
    return new PackedRows(rowWords, synWords, columnWords, plastic);
  }

  /**
   * The STDP rules of a network, one per plastic projection in network order ({@code ruleOf}),
   * and the rule whose τ− table each post population's trace uses ({@code postRule}): the post
   * trace of a neuron is shared by every plastic projection onto it, so they must share that
   * table. Every core of a network gets the same rules.
   */
  record StdpRules(List<StdpConstants> rules, Map<PopulationId, Integer> postRule,
      Map<Projection, Integer> ruleOf) {

    boolean any() {
      return !rules.isEmpty();
    }

    /** The STDP unit for these rules, the run length and the longest plastic delay. */
    CoreShape.Plasticity plasticity(Sizing sizing, long steps, int maxPlasticDelay) {
      if (rules.isEmpty()) {
        return CoreShape.Plasticity.NONE;
      }
      int lutLength = 1;
      for (StdpConstants c : rules) {
        lutLength = Math.max(lutLength, Math.max(c.lutPlus().length, c.lutMinus().length));
      }
      return CoreLowering.plasticity(sizing, rules.size(), lutLength, steps, maxPlasticDelay);
    }

    /** The rules memory image. */
    List<BigInteger> ruleWords(CoreShape shape) {
      List<BigInteger> words = new ArrayList<>();
      for (StdpConstants c : rules) {
        words.add(shape.rules().pack(Map.of("a_plus", c.aPlusRaw(), "a_minus", c.aMinusRaw(),
            "w_min", c.wMinRaw(), "w_max", c.wMaxRaw())));
      }
      return words;
    }

    /** The decay tables' image: word {rule, τ− table?, k}. */
    List<BigInteger> lutWords(CoreShape shape) {
      List<BigInteger> words = new ArrayList<>();
      for (StdpConstants c : rules) {
        for (long[] table : List.of(c.lutPlus(), c.lutMinus())) {
          for (int k = 0; k < 1 << shape.plasticity().lutBits(); k++) {
            // Entry 0 is never read (a trace updated this step is used as is).
            words.add(BigInteger.valueOf(k > 0 && k < table.length ? table[k] : 0));
          }
        }
      }
      return words;
    }
  }

  /**
   * The STDP rules of {@code network} under quantisation {@code q}; projections onto one
   * population with different τ− are errors in {@code sink}.
   */
  static StdpRules stdpRules(Network network, Quantisation q, NumericsProfile profile,
      DiagnosticSink sink) {
    double dt = network.timestepMs();
    List<StdpConstants> rules = new ArrayList<>();
    Map<PopulationId, Integer> postRule = new HashMap<>();
    Map<Projection, Integer> ruleOf = new HashMap<>();
    for (Projection pr : network.projections()) {
      if (pr.synapse() instanceof SynapseDynamics.Stdp stdp) {
        Quantisation.Shift shift = q.shift(pr.post(), pr.receptor()).orElseThrow();
        StdpConstants c = StdpConstants.of(stdp, dt, shift.shift(), shift.format(), profile);
        Integer first = postRule.putIfAbsent(pr.post(), rules.size());
        if (first != null && !Arrays.equals(rules.get(first).lutMinus(), c.lutMinus())) {
          String post = network.populations().stream().filter(p -> p.id().equals(pr.post()))
              .map(Population::name).findFirst().orElseThrow();
          sink.error(UNSUPPORTED, pr.spans().whole(), "the FPGA core keeps one post trace per "
              + "neuron: every STDP projection onto '" + post + "' needs the same tau_minus");
        }
        ruleOf.put(pr, rules.size());
        rules.add(c);
      }
    }
    return new StdpRules(rules, postRule, ruleOf);
  }

  /** The STDP unit for the network's rules, table length, run length and plastic delays. */
  private static CoreShape.Plasticity plasticity(Sizing sizing, int rules, int lutLength,
      long steps, int maxPlasticDelay) {
    int rb = CoreShape.bitsFor(Math.max(1, rules - 1));
    int lb = CoreShape.bitsFor(Math.max(1, lutLength - 1));
    int tb = CoreShape.bitsFor(Math.max(1, steps));
    int hb = maxPlasticDelay;
    if (sizing == Sizing.CLASS) {
      rb = Math.max(2, rb);
      lb = Math.max(10, lb);
      tb = Math.max(16, tb);
      hb = Math.max(16, Integer.highestOneBit(Math.max(1, hb - 1)) << 1);
    }
    return new CoreShape.Plasticity(rb, lb, tb, hb);
  }

  /** Neurons [lo, hi) of one neuron population, a part of a core's neurons in core order. */
  record NeuronRun(Population population, int lo, int hi) {}

  /** The initial state words of the neurons of {@code runs}, in order. */
  static List<BigInteger> stateWords(CoreShape shape, List<NeuronRun> runs, double dt) {
    List<BigInteger> words = new ArrayList<>();
    WordLayout sl = shape.state();
    for (NeuronRun run : runs) {
      NeuronConstants c = NeuronConstants.of(run.population(), dt, shape.profile());
      for (int i = run.lo(); i < run.hi(); i++) {
        words.add(sl.pack(Map.of("v", c.v0()[i], "ie", c.ie0()[i], "ii", c.ii0()[i],
            "cnt", 0L)));
      }
    }
    return words;
  }

  /**
   * The parameter-table entries of the neurons of {@code runs} (core order): one per run of
   * consecutive neurons whose constants are equal, each with the index of its last neuron.
   */
  static List<Map<String, Long>> segments(List<NeuronRun> runs, double dt,
      NumericsProfile profile, Quantisation q, Map<PopulationId, Integer> postRule) {
    List<Map<String, Long>> segments = new ArrayList<>();
    Map<String, Long> current = null;
    long neuron = 0;
    for (NeuronRun run : runs) {
      Population p = run.population();
      NeuronConstants c = NeuronConstants.of(p, dt, profile);
      if (!c.problems().isEmpty()) {
        throw new IllegalStateException("quantise accepted " + p.name() + " but constants have "
            + "problems: " + c.problems());
      }
      long shiftE = shiftOf(q, p, Receptor.EXCITATORY);
      long shiftI = shiftOf(q, p, Receptor.INHIBITORY);
      long delta = p.cellType() == CellType.IF_CURR_DELTA ? 1 : 0;
      for (int i = run.lo(); i < run.hi(); i++, neuron++) {
        Map<String, Long> f = new HashMap<>();
        f.put("v_rest", c.vRest()[i]);
        f.put("v_reset", c.vReset()[i]);
        f.put("v_thresh", c.vThresh()[i]);
        f.put("offset", c.offset()[i]);
        f.put("pm", c.pm()[i]);
        f.put("pe", c.pe()[i]);
        f.put("pi", c.pi()[i]);
        f.put("p21e", c.p21e()[i]);
        f.put("p21i", c.p21i()[i]);
        f.put("refrac", c.refractorySteps()[i]);
        f.put("shift_e", shiftE);
        f.put("shift_i", shiftI);
        f.put("delta", delta);
        if (!postRule.isEmpty()) {
          f.put("post_rule", (long) postRule.getOrDefault(p.id(), 0));
          f.put("post_plastic", postRule.containsKey(p.id()) ? 1L : 0L);
        }
        if (current != null && withoutLast(current).equals(f)) {
          current.put("last", neuron);
        } else {
          f.put("last", neuron);
          current = f;
          segments.add(f);
        }
      }
    }
    return segments;
  }

  private static Map<String, Long> withoutLast(Map<String, Long> entry) {
    Map<String, Long> m = new HashMap<>(entry);
    m.remove("last");
    return m;
  }

  /** The entries as table words: entry e's chunk c (bits [16c, 16c + 16)) at e·2^chunkBits + c. */
  static List<BigInteger> chunks(CoreShape shape, List<BigInteger> entries) {
    List<BigInteger> words = new ArrayList<>();
    int stride = 1 << shape.chunkBits();
    BigInteger mask = Expr.mask(CoreShape.CHUNK_BITS);
    for (BigInteger entry : entries) {
      for (int c = 0; c < stride; c++) {
        words.add(c < shape.entryChunks()
            ? entry.shiftRight(c * CoreShape.CHUNK_BITS).and(mask) : BigInteger.ZERO);
      }
    }
    return words;
  }

  private static long shiftOf(Quantisation q, Population p, Receptor r) {
    return q.shift(p.id(), r).map(Quantisation.Shift::shift).orElse(0);
  }

  /** The core shape for the given counts under {@code sizing}, without Poisson generator. */
  public static CoreShape shape(NumericsProfile profile, Sizing sizing, int neurons, int keys,
      long synapses, int maxDelay) {
    return shape(profile, sizing, neurons, keys, synapses, maxDelay, 1, false,
        CoreShape.Plasticity.NONE);
  }

  /**
   * The core shape for the given counts under {@code sizing}: {@code entries} parameter-table
   * entries (neuron segments and Poisson populations), {@code poisson} whether the Poisson
   * generator is needed.
   */
  public static CoreShape shape(NumericsProfile profile, Sizing sizing, int neurons, int keys,
      long synapses, int maxDelay, int entries, boolean poisson,
      CoreShape.Plasticity plasticity) {
    int eb = CoreShape.bitsFor(Math.max(1, entries - 1));
    int nb = CoreShape.bitsFor(Math.max(1, neurons - 1));
    int kb = Math.max(nb, CoreShape.bitsFor(Math.max(1, keys - 1)));
    int sb = CoreShape.bitsFor(synapses);
    int slots = maxDelay + 1;
    if (sizing == Sizing.CLASS) {
      nb = even(Math.max(6, nb));
      kb = Math.max(nb + 1, kb);
      sb = even(Math.max(12, sb));
      slots = Math.max(128, Integer.highestOneBit(slots - 1) << 1);
      eb = Math.max(CoreShape.DEFAULT_SEGMENT_BITS, eb);
      poisson = true;
    }
    return new CoreShape(profile, nb, kb, sb, slots, eb, poisson, plasticity);
  }

  private static int even(int bits) {
    return (bits + 1) & ~1;
  }

  static void failOnErrors(DiagnosticSink sink) {
    if (sink.hasErrors()) {
      List<Diagnostic> errors = sink.all().stream()
          .filter(d -> d.severity() == Severity.ERROR).toList();
      throw new HdlException(errors);
    }
  }
}
