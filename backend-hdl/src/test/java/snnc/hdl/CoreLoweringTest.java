package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.HdlException;
import snnc.hdl.lower.WordLayout;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/** What {@link CoreLowering} puts into the memories: segments, Poisson runs, STDP tables. */
class CoreLoweringTest {

  @Test
  void homogeneousPopulationsAreOneSegmentEach() {
    CoreImage synfire = CoreLowering.lower(Examples.compile("synfire"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    assertEquals(1000, synfire.neurons());
    assertTrue(synfire.segments() <= 10, "segments " + synfire.segments());
    CoreShape shape = synfire.shape();
    assertEquals(synfire.segments() << shape.chunkBits(), synfire.constants().size());
    int entryChunks = shape.entryChunks();
    assertEquals((shape.constants().width() + 15) / 16, entryChunks);
    // The last segment ends at the last neuron.
    BigInteger entry = BigInteger.ZERO;
    int base = (synfire.segments() - 1) << shape.chunkBits();
    for (int c = entryChunks - 1; c >= 0; c--) {
      entry = entry.shiftLeft(16).or(synfire.constants().get(base + c));
    }
    WordLayout.Field last = shape.constants().field("last");
    assertEquals(999, entry.shiftRight(last.lo()).intValue() & ((1 << last.width()) - 1));
  }

  @Test
  void plasticNetworkLowersRowsColumnsAndTables() {
    CoreImage image = CoreLowering.lower(Examples.plastic(), NumericsProfile.COMPACT,
        CoreLowering.Sizing.EXACT, false);
    CoreShape shape = image.shape();
    assertTrue(shape.stdp() && shape.poisson());
    assertEquals(3 * 4 + 2 * 4, image.plastic().size(), "noise->exc and cue->exc all to all");
    assertEquals(image.plastic().size(), image.columns().size());
    assertEquals(2, image.rules().size());
    assertEquals(2 * 2 << shape.plasticity().lutBits(), image.lut().size());
    assertEquals(2, shape.plasticity().historyBits(), "the longest plastic delay");
    assertEquals(1, image.segments() - 1, "exc and gate: two segments");
    assertEquals(2, image.poissonSources(), "noise: a run at 20 Hz and one at 50 Hz");
  }

  @Test
  void differentTauMinusOntoOnePopulationIsRejected() {
    String text = Examples.PLASTIC.replace("tau_plus = 10 ms, tau_minus = 30 ms",
        "tau_plus = 10 ms, tau_minus = 25 ms");
    DiagnosticSink sink = new DiagnosticSink();
    Network net = new Frontend(new SourceMap(), sink).compileText("bad.snn", text).orElseThrow();
    HdlException e = assertThrows(HdlException.class, () -> CoreLowering.lower(net,
        NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false));
    assertEquals(CoreLowering.UNSUPPORTED, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains("tau_minus"), e.getMessage());
    assertTrue(e.diagnostics().get(0).span() != null, "located at the projection");
  }
}
