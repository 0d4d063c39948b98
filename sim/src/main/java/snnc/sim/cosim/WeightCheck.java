package snnc.sim.cosim;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import snnc.diag.DiagnosticSink;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.Expr;
import snnc.hdl.lower.WordLayout;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
import snnc.sim.golden.SimResult;

/**
 * The STDP check after a run: every plastic synapse of every core read back from the hardware
 * (a Verilated core's read port, a system's read-back beats, or a board's READ through the
 * bridge) and its raw weight compared with the golden simulator's final weight, projection by
 * projection, both sides sorted by (pre, post, delay, weight).
 */
public final class WeightCheck {

  private WeightCheck() {}

  /** Reads the synapse-table word at an address of core {@code core} (an index into the images). */
  @FunctionalInterface
  public interface SynapseReader {
    BigInteger read(int core, int address) throws IOException;
  }

  /**
   * What the check found: plastic synapses compared, how many the run changed, and the first
   * synapse whose weight differs.
   */
  public record Outcome(int compared, int changed, Optional<Cosim.WeightMismatch> mismatch) {
    public boolean exact() {
      return mismatch.isEmpty();
    }
  }

  /** The weight quantisation the golden simulator and the core's image use for {@code network}. */
  public static Quantisation quantisation(Network network, NumericsProfile profile,
      boolean allowZeroWeights) {
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    if (sink.hasErrors()) {
      throw new IllegalArgumentException(network.name() + " does not quantise for "
          + profile.name() + ": " + sink.all());
    }
    return q;
  }

  /**
   * Reads every plastic synapse of every core in {@code images} (a projection's synapses may be
   * spread over the cores of a mapped system) through {@code reader} and compares its raw weight
   * with {@code golden}'s final weight (in {@code q}'s units).
   */
  public static Outcome compare(Network network, List<CoreImage> images, SimResult golden,
      Quantisation q, SynapseReader reader) throws IOException {
    int compared = 0;
    int changed = 0;
    for (Projection pr : network.projections()) {
      SynapseBlock g = golden.finalWeights().get(pr.id());
      if (g == null) {
        continue;
      }
      double lsb = q.shift(pr.post(), pr.receptor()).orElseThrow().smallestWeight();
      List<long[]> want = new ArrayList<>();
      for (int k = 0; k < g.size(); k++) {
        want.add(new long[] {g.pre()[k], g.post()[k], g.delaySteps()[k],
            Math.round(g.weight()[k] / lsb)});
      }
      List<long[]> got = new ArrayList<>();
      for (int c = 0; c < images.size(); c++) {
        CoreImage image = images.get(c);
        WordLayout.Field weight = image.shape().synapses().field("weight");
        for (CoreImage.PlasticSynapse s : image.plastic()) {
          if (s.projection().equals(pr.id())) {
            long raw = field(reader.read(c, s.address()), weight);
            if (raw != field(image.synapses().get(s.address()), weight)) {
              changed++;
            }
            got.add(new long[] {s.pre(), s.post(), s.delaySteps(), raw});
          }
        }
      }
      Comparator<long[]> order = Arrays::compare;
      want.sort(order);
      got.sort(order);
      if (want.size() != got.size()) {
        throw new IOException(pr.name() + ": " + got.size() + " plastic synapses on the "
            + "hardware, " + want.size() + " in the golden simulator");
      }
      for (int k = 0; k < want.size(); k++) {
        long[] w = want.get(k);
        long[] h = got.get(k);
        compared++;
        if (!Arrays.equals(w, h)) {
          return new Outcome(compared, changed, Optional.of(new Cosim.WeightMismatch(pr.name(),
              (int) h[0], (int) h[1], (int) h[2], h[3], w[3])));
        }
      }
    }
    return new Outcome(compared, changed, Optional.empty());
  }

  private static long field(BigInteger word, WordLayout.Field f) {
    return word.shiftRight(f.lo()).and(Expr.mask(f.width())).longValueExact();
  }
}
