package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.VerilogPrinter;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.RtlModule;
import snnc.mapper.target.Target;
import snnc.mapper.target.TargetLoader;
import snnc.mapper.target.Targets;
import snnc.ir.numerics.NumericsProfile;

/** Which template each target gets, and that both templates present the same interface. */
class CoreTemplateTest {

  @Test
  void targetsWithBlockRamGetThePipelinedCore() {
    assertEquals(CoreTemplate.PIPELINED, CoreTemplate.forTarget(Targets.builtIn("ice40-up5k")));
    assertEquals(CoreTemplate.PIPELINED, CoreTemplate.forTarget(Targets.builtIn("ice40-hx8k")));
    assertEquals(CoreTemplate.PIPELINED,
        CoreTemplate.forTarget(Targets.builtIn("fpga-generic")));
  }

  @Test
  void aTargetWithOnlySinglePortMemoryGetsTheCompactCore() throws Exception {
    String json;
    try (InputStream in = Target.class.getResourceAsStream(
        "/snnc/mapper/targets/ice40-up5k.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String spramOnly = json.replaceFirst(
        "\\{\\s*\"kind\": \"bram\",[^}]*},", "");
    assertNotEquals(json, spramOnly, "the block RAM entry should have been removed");
    Target t = TargetLoader.parse(spramOnly, "spram-only.json", Map.of());
    assertEquals(1, t.chip().memories().size());
    assertEquals(CoreTemplate.COMPACT, CoreTemplate.forTarget(t));
  }

  @Test
  void networksWithStdpFallBackToTheCompactCore() {
    CoreImage plastic = CoreLowering.lower(Examples.plastic(),
        NumericsProfile.COMPACT, CoreLowering.Sizing.CLASS, false);
    CoreShape shape = plastic.shape();
    assertTrue(shape.poisson() && shape.stdp());
    assertFalse(CoreTemplate.PIPELINED.supports(shape));
    assertEquals(CoreTemplate.COMPACT, CoreTemplate.PIPELINED.forShape(shape));
    HdlEmitter.Output out = HdlEmitter.emit(plastic, CoreTemplate.PIPELINED);
    assertTrue(out.files().containsKey(CoreTemplate.COMPACT.moduleName(shape) + ".v"),
        out.files().keySet().toString());
    assertEquals(HdlEmitter.emit(plastic, CoreTemplate.COMPACT).files(), out.files());
    assertThrows(IllegalArgumentException.class,
        () -> CoreTemplate.PIPELINED.generate(shape, java.util.List.of()));
    CoreShape poisson = new CoreShape(shape.profile(), shape.neuronBits(), shape.preBits(),
        shape.synapseBits(), shape.ringSlots(), shape.segmentBits(), true,
        CoreShape.Plasticity.NONE);
    assertEquals(CoreTemplate.PIPELINED, CoreTemplate.PIPELINED.forShape(poisson));
    assertTrue(CoreTemplate.PIPELINED.generate(poisson, java.util.List.of()).name()
        .startsWith("snnc_pcore_"));
  }

  @Test
  void bothTemplatesHaveTheSamePortsAndTopParameters() {
    CoreShape shape = CoreLowering.shape(NumericsProfile.COMPACT, CoreLowering.Sizing.CLASS, 100,
        120, 2000, 9);
    RtlModule compact = CoreTemplate.COMPACT.generate(shape, java.util.List.of());
    RtlModule pipelined = CoreTemplate.PIPELINED.generate(shape, java.util.List.of());
    assertEquals(compact.ports(), pipelined.ports());
    // The pipelined core has one parameter more, with a default, that only synthesis sets
    // (SPLIT_PRODUCTS: DSP blocks or LUT partial products); every top sets the others alike.
    int n = compact.params().size();
    assertEquals(compact.params(), pipelined.params().subList(0, n));
    assertEquals(java.util.List.of("SPLIT_PRODUCTS"), pipelined.params().subList(n,
        pipelined.params().size()).stream().map(RtlModule.Param::name).toList());
    assertNotEquals(compact.name(), pipelined.name());
    assertTrue(VerilogPrinter.print(pipelined).contains("module " + pipelined.name() + " #("));
    assertEquals(CoreTemplate.PIPELINED, CoreTemplate.byLabel("pipelined").orElseThrow());
    assertTrue(CoreTemplate.byLabel("fast").isEmpty());
  }
}
