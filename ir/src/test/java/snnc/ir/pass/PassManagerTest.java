package snnc.ir.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.ir.TestNetworks.constant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import snnc.diag.DiagnosticSink;
import snnc.ir.Connector;
import snnc.ir.Network;
import snnc.ir.TestNetworks;
import snnc.ir.expand.ExpansionSummary;
import snnc.ir.json.IrJson;
import snnc.ir.model.CellType;

class PassManagerTest {

  private static Network net(double probability) {
    return TestNetworks.network()
        .population("a", 10, CellType.SPIKE_SOURCE_POISSON, 2)
        .population("b", 10, CellType.IF_CURR_EXP, 3)
        .connect("a", "b", new Connector.FixedProbability(probability, true), constant(0.1),
            constant(1), 3, 4).build();
  }

  /** Dumps collected as (pass, text). */
  private final List<String> dumps = new ArrayList<>();

  private PassContext context(DiagnosticSink sink) {
    return new PassContext(sink, 0, (pass, text) -> dumps.add(pass + "\n" + text));
  }

  @Test
  void runsVerifyThenExpandAndDumpsAfterTheNamedPass() {
    PassManager pm = PassManager.of(PassRegistry.standard(), List.of("verify", "expand"),
        Set.of("expand"), IrJson::print);
    PassContext ctx = context(new DiagnosticSink());
    PassManager.Result r = pm.run(net(0.5), ctx);
    assertTrue(r.succeeded());
    assertEquals(List.of("verify", "expand"), r.passesRun());
    ExpansionSummary s = r.output(ExpansionSummary.class);
    assertEquals(1, dumps.size());
    assertTrue(dumps.get(0).startsWith("expand\n{"));
    assertTrue(dumps.get(0).contains("\"synapses\": " + s.totalSynapses()));
    assertEquals(s.totalSynapses(), ctx.statistics().get("expand", "synapses"));
    assertEquals(0, ctx.statistics().get("verify", "errors"));
    assertTrue(ctx.statistics().render().contains("expand.projections = 1\n"));
  }

  @Test
  void stopsAfterAPassThatReportedErrors() {
    PassManager pm = PassManager.of(PassRegistry.standard(), List.of("verify", "expand"),
        Set.of("*"), IrJson::print);
    DiagnosticSink sink = new DiagnosticSink();
    PassManager.Result r = pm.run(net(2.0), context(sink));
    assertFalse(r.succeeded());
    assertEquals(List.of("verify"), r.passesRun());
    assertEquals("models/test.snn:4:20: ir.probability-range", sink.all().get(0).raw());
    assertEquals(1, dumps.size());
  }

  @Test
  void internalErrorsNameThePass() {
    Pass<Network, Network> broken = new Pass<>() {
      public String name() {
        return "broken-pass";
      }

      public Class<Network> inputType() {
        return Network.class;
      }

      public Class<Network> outputType() {
        return Network.class;
      }

      public Network run(Network n, PassContext c) {
        throw new IllegalStateException("oops");
      }
    };
    PassManager pm = new PassManager(List.of(broken), Set.of(), IrJson::print);
    PassException e = assertThrows(PassException.class,
        () -> pm.run(net(0.5), context(new DiagnosticSink())));
    assertEquals("broken-pass", e.passName());
    assertEquals("internal error in pass 'broken-pass': oops", e.getMessage());
  }

  @Test
  void pipelinesAreCheckedBeforeRunning() {
    PassRegistry registry = PassRegistry.standard();
    assertEquals(Set.of("verify", "expand"), registry.names());
    assertThrows(IllegalArgumentException.class, () -> PassManager.of(registry,
        List.of("expand", "verify"), Set.of(), IrJson::print));
    assertThrows(IllegalArgumentException.class, () -> PassManager.of(registry,
        List.of("verify", "nope"), Set.of(), IrJson::print));
    assertThrows(IllegalArgumentException.class, () -> PassManager.of(registry,
        List.of("verify"), Set.of("expand"), IrJson::print));
    assertThrows(IllegalArgumentException.class,
        () -> new PassRegistry().register("Not_Kebab", () -> null));
  }
}
