package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.ArrayList;
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
import snnc.ir.pass.PassContext;

/**
 * Lowers a whole network onto one core (no mapper yet): neuron populations get consecutive neuron
 * indices in network order, spike sources get the spike keys above them (the host injects their
 * spikes), and the host conversions of docs/numerics.md fill the memories. Rejects what the core
 * does not implement.
 */
public final class CoreLowering {

  /** Diagnostic: a cell type or synapse rule the FPGA core does not implement. */
  public static final String UNSUPPORTED = "hdl.unsupported-feature";

  /** How the core is sized: exactly for the model, or to a coarse class shared by many models. */
  public enum Sizing {
    /** The smallest memories that hold the model (what a bitstream uses). */
    EXACT,
    /** Power-of-two classes (at least 64 neurons, 4096 synapses, 128 ring slots) for cosim. */
    CLASS
  }

  private CoreLowering() {}

  /** Lowers {@code network} for {@code profile}; throws {@link HdlException} on errors. */
  public static CoreImage lower(Network network, NumericsProfile profile, Sizing sizing,
      boolean allowZeroWeights) {
    DiagnosticSink sink = new DiagnosticSink();
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
    if (neurons == 0) {
      sink.error(UNSUPPORTED, network.populations().isEmpty() ? null
          : network.populations().get(0).span(), "the network has no neurons to put on a core");
    }
    Quantisation q = checkAndQuantise(network, profile, allowZeroWeights, sink);

    // Synapse rows by key, in network projection order, then the expansion's order.
    List<List<long[]>> rowsByKey = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      rowsByKey.add(new ArrayList<>());
    }
    int maxDelay = 1;
    long synapseCount = 0;
    for (Projection pr : network.projections()) {
      CoreImage.PopulationRange pre = byId.get(pr.pre());
      CoreImage.PopulationRange post = byId.get(pr.post());
      Quantisation.Shift shift = q.shift(pr.post(), pr.receptor()).orElseThrow();
      SynapseBlock block = ConnectorExpander.expand(network, pr, 0, post.size());
      long inh = pr.receptor() == Receptor.INHIBITORY ? 1 : 0;
      for (int s = 0; s < block.size(); s++) {
        long weight = q.weightRaw(shift, block.weight()[s]);
        int delay = block.delaySteps()[s];
        maxDelay = Math.max(maxDelay, delay);
        rowsByKey.get(pre.base() + block.pre()[s]).add(
            new long[] {post.base() + block.post()[s], inh, delay, weight});
        synapseCount++;
      }
    }
    CoreShape shape = shape(profile, sizing, neurons, keys, synapseCount, maxDelay);

    List<BigInteger> rowWords = new ArrayList<>();
    List<BigInteger> synWords = new ArrayList<>();
    WordLayout rowLayout = shape.rows();
    WordLayout synLayout = shape.synapses();
    long next = 0;
    for (List<long[]> row : rowsByKey) {
      long start = next;
      for (long[] s : row) {
        synWords.add(synLayout.pack(Map.of("target", s[0], "inh", s[1], "delay", s[2],
            "weight", s[3])));
        next++;
      }
      rowWords.add(rowLayout.pack(Map.of("start", start, "end", next)));
    }

    List<BigInteger> constWords = new ArrayList<>();
    List<BigInteger> stateWords = new ArrayList<>();
    for (Population p : network.populations()) {
      if (!p.cellType().isSource()) {
        neuronWords(shape, network, p, q, 0, p.size(), constWords, stateWords);
      }
    }
    return new CoreImage(network.name(), shape, ranges, constWords, stateWords, rowWords,
        synWords, neurons, maxDelay);
  }

  /**
   * Rejects what the core does not implement (the sink collects the per-population errors) and
   * quantises the network for {@code profile}; throws {@link HdlException} on errors.
   */
  static Quantisation checkAndQuantise(Network network, NumericsProfile profile,
      boolean allowZeroWeights, DiagnosticSink sink) {
    for (Projection pr : network.projections()) {
      if (pr.synapse() instanceof SynapseDynamics.Stdp) {
        sink.error(UNSUPPORTED, pr.spans().whole(),
            "STDP is not implemented on the FPGA core yet (static synapses only)");
      }
    }
    failOnErrors(sink);
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    failOnErrors(sink);
    return q;
  }

  /** Appends the constants and initial state words of neurons [lo, hi) of {@code p}. */
  static void neuronWords(CoreShape shape, Network network, Population p, Quantisation q,
      int lo, int hi, List<BigInteger> constWords, List<BigInteger> stateWords) {
    WordLayout cl = shape.constants();
    WordLayout sl = shape.state();
    NeuronConstants c = NeuronConstants.of(p, network.timestepMs(), shape.profile());
    if (!c.problems().isEmpty()) {
      throw new IllegalStateException("quantise accepted " + p.name() + " but constants have "
          + "problems: " + c.problems());
    }
    long shiftE = shiftOf(q, p, Receptor.EXCITATORY);
    long shiftI = shiftOf(q, p, Receptor.INHIBITORY);
    long delta = p.cellType() == CellType.IF_CURR_DELTA ? 1 : 0;
    for (int i = lo; i < hi; i++) {
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
      constWords.add(cl.pack(f));
      stateWords.add(sl.pack(Map.of("v", c.v0()[i], "ie", c.ie0()[i], "ii", c.ii0()[i],
          "cnt", 0L)));
    }
  }

  private static long shiftOf(Quantisation q, Population p, Receptor r) {
    return q.shift(p.id(), r).map(Quantisation.Shift::shift).orElse(0);
  }

  /** The core shape for the given counts under {@code sizing}. */
  public static CoreShape shape(NumericsProfile profile, Sizing sizing, int neurons, int keys,
      long synapses, int maxDelay) {
    int nb = CoreShape.bitsFor(Math.max(1, neurons - 1));
    int kb = Math.max(nb, CoreShape.bitsFor(Math.max(1, keys - 1)));
    int sb = CoreShape.bitsFor(synapses);
    int slots = maxDelay + 1;
    if (sizing == Sizing.CLASS) {
      nb = even(Math.max(6, nb));
      kb = Math.max(nb + 1, kb);
      sb = even(Math.max(12, sb));
      slots = Math.max(128, Integer.highestOneBit(slots - 1) << 1);
    }
    return new CoreShape(profile, nb, kb, sb, slots);
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
