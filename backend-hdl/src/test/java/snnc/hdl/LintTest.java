package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.numerics.NumericsProfile;

/**
 * {@code verilator --lint-only -Wall} is clean on the generated RTL of the examples and of
 * {@link Examples#PLASTIC} (Poisson generator and STDP unit), for both core templates, both
 * profiles and both sizings.
 */
class LintTest {

  @TestFactory
  Stream<DynamicTest> lintClean() {
    List<DynamicTest> tests = new ArrayList<>();
    for (NumericsProfile profile : NumericsProfile.builtIns()) {
      for (String example : List.of("tiny", "delays", "synfire", "plastic")) {
        for (CoreLowering.Sizing sizing : CoreLowering.Sizing.values()) {
          for (CoreTemplate template : CoreTemplate.values()) {
            if (template == CoreTemplate.PIPELINED && example.equals("plastic")) {
              continue; // emitted on the compact core (CoreTemplateTest), linted above
            }
            tests.add(DynamicTest.dynamicTest(template.label() + "/" + profile.name() + "/"
                + example + "/" + sizing, () -> lint(profile, example, sizing, template)));
          }
        }
      }
    }
    return tests.stream();
  }

  private static void lint(NumericsProfile profile, String example, CoreLowering.Sizing sizing,
      CoreTemplate template) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    CoreImage image = CoreLowering.lower(Examples.compile(example), profile, sizing, false);
    HdlEmitter.Output out = HdlEmitter.emit(image, template);
    Path dir = Path.of("target", "lint", template.label(), profile.name(), example,
        sizing.name().toLowerCase());
    out.write(dir);
    Tool.Result r = Lint.run(dir, out.top(), out.verilogFiles());
    assertEquals(0, r.exitCode(), "verilator lint failed:\n" + r.output());
    assertTrue(r.output().isBlank(), "verilator lint warnings:\n" + r.output());
    assertTrue(Files.exists(dir.resolve(out.top() + ".v")));
  }
}
