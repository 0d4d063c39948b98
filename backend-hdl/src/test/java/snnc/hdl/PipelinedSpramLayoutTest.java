package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import snnc.hdl.emit.Ice40Board;
import snnc.hdl.emit.PipelinedSpramCore;
import snnc.hdl.flow.Lint;
import snnc.hdl.flow.Tool;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.PipelinedCoreGenerator;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.ir.numerics.NumericsProfile;

/**
 * The pipelined core's UP5K layout: what fits (synfire does, with the block RAM budget beside the
 * bridge), what does not (and why), re-encoding into the co-simulation class, and lint of the
 * core with its SPRAM wrappers and the SB_SPRAM256KA model.
 */
class PipelinedSpramLayoutTest {

  private static final int BUDGET = 30 - Ice40Board.BRIDGE_BLOCK_RAMS;

  private static CoreImage lower(String example, NumericsProfile profile) {
    return CoreLowering.lower(Examples.compile(example), profile, CoreLowering.Sizing.EXACT,
        false);
  }

  @Test
  void synfireFits() {
    CoreImage image = lower("synfire", NumericsProfile.COMPACT);
    assertEquals(List.of(), PipelinedSpramLayout.problems(image, BUDGET));
    // parameter table 1, state 56 x 1024: 14, live bits 12 x 1024: 3, queue 10 x 1024: 3.
    assertEquals(21, PipelinedSpramLayout.blockRams(image.shape()));
    // 16,384 pair words less 1,024 rows: 30,720 synapses.
    assertEquals(30_720, PipelinedSpramLayout.maxSynapses(image.shape()));
  }

  @Test
  void refusesWhatDoesNotFit() {
    List<String> wide = PipelinedSpramLayout.problems(lower("synfire", NumericsProfile.S16_15),
        BUDGET);
    assertTrue(wide.stream().anyMatch(p -> p.startsWith("profile s16.15")), wide.toString());
    // delays: 64-step delays need 2 x 128 slots x 128 neurons = 32,768 ring entries.
    List<String> delays = PipelinedSpramLayout.problems(lower("delays", NumericsProfile.COMPACT),
        BUDGET);
    assertTrue(delays.stream().anyMatch(p -> p.startsWith("SPRAM: the delay rings")),
        delays.toString());
    CoreImage synfire = lower("synfire", NumericsProfile.COMPACT);
    assertTrue(PipelinedSpramLayout.problems(synfire, 20).stream()
        .anyMatch(p -> p.startsWith("block RAM: the core needs 21")));
    assertThrows(IllegalArgumentException.class, () -> PipelinedCoreGenerator.generate(
        lower("delays", NumericsProfile.COMPACT).shape(), List.of(),
        PipelinedCoreGenerator.Layout.SPRAM));
  }

  @Test
  void widenKeepsEveryField() {
    CoreImage tiny = lower("tiny", NumericsProfile.COMPACT);
    CoreShape cls = PipelinedSpramLayout.cosimClass(false);
    CoreImage wide = PipelinedSpramLayout.widen(tiny, cls);
    assertEquals(cls, wide.shape());
    assertEquals(tiny.rows().size(), wide.rows().size());
    for (int k = 0; k < tiny.synapses().size(); k++) {
      for (String f : List.of("target", "inh", "delay", "weight")) {
        assertEquals(field(tiny.synapses().get(k), tiny.shape().synapses().field(f)),
            field(wide.synapses().get(k), cls.synapses().field(f)), f);
      }
    }
    assertEquals(tiny.state(), wide.state());
    assertThrows(IllegalArgumentException.class, () -> PipelinedSpramLayout.widen(
        lower("delays", NumericsProfile.COMPACT), cls));
  }

  private static long field(java.math.BigInteger w, snnc.hdl.lower.WordLayout.Field f) {
    return w.shiftRight(f.lo()).longValue() & ((1L << f.width()) - 1);
  }

  @Test
  void lintCleanWithSprams() throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    for (CoreShape shape : List.of(lower("synfire", NumericsProfile.COMPACT).shape(),
        lower("tiny", NumericsProfile.COMPACT).shape(), PipelinedSpramLayout.cosimClass(true))) {
      PipelinedSpramCore core = PipelinedSpramCore.of(shape, List.of("lint test"));
      Path dir = Path.of("target", "lint", "pipelined-spram", shape.className());
      java.nio.file.Files.createDirectories(dir);
      for (var f : core.files().entrySet()) {
        java.nio.file.Files.writeString(dir.resolve(f.getKey()), f.getValue());
      }
      Tool.Result r = Lint.run(dir, core.top(), core.simulationFiles());
      assertEquals(0, r.exitCode(), "verilator lint failed:\n" + r.output());
      assertTrue(r.output().isBlank(), "verilator lint warnings:\n" + r.output());
      // The generic form (both memories as plain RAMs), as HdlEmitter would print it.
      String generic = PipelinedCoreGenerator.moduleName(shape,
          PipelinedCoreGenerator.Layout.SPRAM);
      java.nio.file.Files.writeString(dir.resolve(generic + ".v"),
          snnc.hdl.emit.VerilogPrinter.print(PipelinedCoreGenerator.generate(shape, List.of("x"),
              PipelinedCoreGenerator.Layout.SPRAM)));
      Tool.Result g = Lint.run(dir, generic, List.of(generic + ".v"));
      assertTrue(g.ok() && g.output().isBlank(), "verilator lint:\n" + g.output());
      // The board's variant: a host read port on the pair memory.
      PipelinedSpramCore board = PipelinedSpramCore.of(shape, List.of("lint test"), true);
      for (var f : board.files().entrySet()) {
        java.nio.file.Files.writeString(dir.resolve(f.getKey()), f.getValue());
      }
      Tool.Result b = Lint.run(dir, board.top(), board.simulationFiles());
      assertTrue(b.ok() && b.output().isBlank(), "verilator lint:\n" + b.output());
    }
  }
}
