package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;

/**
 * The generated core, Verilated, fires exactly the golden fixed-mode spikes on the examples, for
 * both core templates in both profiles. Figures go to target/cosim-examples.txt.
 */
class CosimExamplesTest {

  static final Path REPORT = Path.of("target", "cosim-examples.txt");

  @TestFactory
  Stream<DynamicTest> spikeExact() {
    List<DynamicTest> tests = new ArrayList<>();
    for (CoreTemplate template : CoreTemplate.values()) {
      for (NumericsProfile profile : NumericsProfile.builtIns()) {
        for (String example : List.of("tiny", "delays", "synfire")) {
          tests.add(DynamicTest.dynamicTest(template.label() + "/" + profile.name() + "/"
              + example, () -> check(profile, example, template)));
        }
      }
    }
    // The runs above use the pipelined core's default, LUT partial products; its DSP form
    // (SPLIT_PRODUCTS = 0, synthesised for the iCE40 UP5K) on the busiest example, one more
    // Verilator build per profile.
    for (NumericsProfile profile : NumericsProfile.builtIns()) {
      tests.add(DynamicTest.dynamicTest("pipelined-dsp/" + profile.name() + "/synfire",
          () -> check(profile, "synfire", CoreTemplate.PIPELINED, WHOLE_PRODUCTS)));
    }
    return tests.stream();
  }

  /** The pipelined core with one multiplier per product (DSP blocks). */
  static final Map<String, String> WHOLE_PRODUCTS = Map.of("SPLIT_PRODUCTS", "0");

  private static void check(NumericsProfile profile, String example, CoreTemplate template)
      throws Exception {
    check(profile, example, template, Map.of());
  }

  private static void check(NumericsProfile profile, String example, CoreTemplate template,
      Map<String, String> parameters) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    Network net = CosimSupport.example(example);
    Cosim.Result r = new Cosim(profile, CosimSupport.CACHE, false, template)
        .withCoreParameters(parameters).run(net);
    String label = template.label() + (parameters.isEmpty() ? "" : "-dsp");
    String line = String.format(Locale.ROOT,
        "%-13s %-8s %-8s golden %5d spikes, core %5d spikes, %s, %d cycles, cycles/step mean %.1f "
            + "max %d%n", label, profile.name(), example, r.golden().size(),
        r.hardware().size(), r.exact() ? "exact" : "MISMATCH " + r.mismatch().get(), r.cycles(),
        (double) r.stepCycles() / net.steps(), r.maxStepCycles());
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertTrue(r.exact(), profile + "/" + example + ": " + r.mismatch().orElse(null));
    assertTrue(r.golden().size() > 0, "the example should spike");
  }
}
