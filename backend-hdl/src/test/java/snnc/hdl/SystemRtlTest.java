package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snnc.hdl.emit.HdlEmitter;
import snnc.hdl.emit.SystemEmitter;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;

/** Multi-core systems from mappings: what each core holds, the router table, lint. */
class SystemRtlTest {

  @Test
  void synfireOnTenCoresHoldsEverySynapseOnce() throws Exception {
    Network net = Examples.compile("synfire");
    Mapper.Result m = Mapped.map(net, "fpga-generic");
    SystemImage s = SystemLowering.lower(m, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT,
        false);
    assertEquals(10, s.cores().size(), "one core per stage, none for the spike source");
    assertEquals(1, s.sources().size());
    long expected = 0;
    for (Projection p : net.projections()) {
      expected += ConnectorExpander.expand(net, p, 0, net.population(p.post()).orElseThrow().size()).size();
    }
    long held = s.cores().stream().mapToLong(SystemImage.CoreInstance::synapses).sum();
    assertEquals(expected, held);
    for (SystemImage.CoreInstance c : s.cores()) {
      assertEquals(100, c.neuronCount());
      assertEquals(1, c.incoming().size(), "a stage listens to the stage before it only");
      assertEquals(c.neurons().get(0).population().equals("stage[0]") ? 20 : 100, c.rowKeys(),
          "row keys for exactly the cells of the slice that reaches the core");
      assertEquals(c.synapses(), c.image().synapses().size());
    }
    // Stage i's keys reach exactly the core of stage i + 1.
    for (SystemImage.CoreInstance c : s.cores()) {
      long key = c.neurons().get(0).key();
      List<Integer> to = s.route(key + 99);
      String pop = c.neurons().get(0).population();
      if (pop.equals("stage[9]")) {
        assertEquals(List.of(), to);
      } else {
        assertEquals(1, to.size());
        SystemImage.CoreInstance next = s.cores().get(to.get(0));
        assertEquals(next.incoming().get(0).key(), key);
      }
    }
    assertTrue(s.worstCaseCyclesPerStep() > 7 * 100);
  }

  @Test
  void singleChipTableIsTheMappersTable() throws Exception {
    Mapper.Result m = Mapped.map(Examples.compile("tiny"), "ice40-up5k");
    SystemImage s = SystemLowering.lower(m, NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT,
        false);
    assertTrue(s.tableFromMapper());
    assertEquals(m.tables().get(0).size(), s.table().size());
    assertEquals(1, s.cores().size());
    SystemImage.SliceKeys src = s.sources().get(0);
    assertEquals(List.of(0), s.route(src.key() + 2));
  }

  @TestFactory
  Stream<DynamicTest> systemLintClean() {
    List<DynamicTest> tests = new ArrayList<>();
    String[][] cases = {{"synfire", "fpga-generic"}, {"tiny", "ice40-up5k"},
        {"tiny", "ice40-hx8k"}, {"delays", "fpga-generic:delay_slots=64,neurons_per_core=16"}};
    // Every case in the default profile; s16.15 only changes the core, so one case covers it.
    for (String[] c : cases) {
      tests.add(DynamicTest.dynamicTest("compact/" + c[0] + "@" + c[1],
          () -> lint(NumericsProfile.COMPACT, c[0], c[1])));
    }
    tests.add(DynamicTest.dynamicTest("s16.15/synfire@fpga-generic",
        () -> lint(NumericsProfile.S16_15, "synfire", "fpga-generic")));
    return tests.stream();
  }

  private static void lint(NumericsProfile profile, String example, String target)
      throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    SystemImage s = SystemLowering.lower(Mapped.map(Examples.compile(example), target), profile,
        CoreLowering.Sizing.EXACT, false);
    HdlEmitter.Output out = SystemEmitter.emit(s);
    Path dir = Path.of("target", "lint-system", profile.name(), example + "-"
        + target.replaceAll("[^a-z0-9]+", "_"));
    out.write(dir);
    Tool.Result r = Lint.run(dir, out.top(), out.verilogFiles());
    assertEquals(0, r.exitCode(), "verilator lint failed:\n" + r.output());
    assertTrue(r.output().isBlank(), "verilator lint warnings:\n" + r.output());
  }

  @Test
  void stdpInASystemIsRejectedAtEachPlasticProjection() throws Exception {
    Mapper.Result m = Mapped.map(Examples.compile("plastic"), "fpga-generic");
    snnc.hdl.lower.HdlException e = org.junit.jupiter.api.Assertions.assertThrows(
        snnc.hdl.lower.HdlException.class, () -> SystemLowering.lower(m,
            NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false));
    List<String> lines = Examples.PLASTIC.lines().toList();
    List<Integer> plastic = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      if (lines.get(k).contains("connect") && lines.get(k + 1).contains("stdp(")) {
        plastic.add(k + 1);
      }
    }
    assertEquals(2, plastic.size(), "the example has two plastic projections");
    assertEquals(2, e.diagnostics().size(), e.getMessage());
    for (int k = 0; k < 2; k++) {
      assertEquals(CoreLowering.UNSUPPORTED, e.diagnostics().get(k).code());
      assertEquals("plastic.snn", e.diagnostics().get(k).span().file());
      assertEquals((int) plastic.get(k), e.diagnostics().get(k).span().line());
      assertTrue(e.diagnostics().get(k).message().contains("multi-core"),
          e.diagnostics().get(k).message());
    }
  }
}
