package snnc.hdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
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
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.RouterTable;
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

  /**
   * The router's memories, read as the hardware reads them, send every neuron under its mapper
   * key, route every key (a core's neuron or a host key through the key index) to the cores of
   * the mapper's table and give each destination the local row key the core's rows were laid out
   * for; keys outside every block reach nobody.
   */
  @TestFactory
  Stream<DynamicTest> routerMemoriesRouteLikeTheMapping() {
    List<DynamicTest> tests = new ArrayList<>();
    String[][] cases = {{"synfire", "fpga-generic"}, {"tiny", "ice40-hx8k"},
        {"delays", "fpga-generic:delay_slots=64,neurons_per_core=24"}};
    for (String[] c : cases) {
      for (CoreLowering.Sizing sizing : CoreLowering.Sizing.values()) {
        tests.add(DynamicTest.dynamicTest(c[0] + "@" + c[1] + " " + sizing, () -> {
          SystemImage s = SystemLowering.lower(Mapped.map(Examples.compile(c[0]), c[1]),
              NumericsProfile.COMPACT, sizing, false);
          checkTable(s);
        }));
      }
    }
    return tests.stream();
  }

  private static void checkTable(SystemImage s) {
    RouterTable t = s.router();
    List<BigInteger> decode = s.decodeWords();
    assertEquals(t.decodeDepth(), decode.size());
    assertEquals(t.blockEntries(), s.blockWords().size());
    int kb = s.keyBits();
    int bb = t.blockBits();
    int routed = 0;
    for (SystemImage.CoreInstance c : s.cores()) {
      for (SystemImage.SliceKeys slice : c.neurons()) {
        for (int cell = 0; cell < slice.size(); cell++) {
          BigInteger w = decode.get((c.index() << t.neuronBits()) + slice.localBase() + cell);
          assertTrue(w.testBit(t.decodeWidth() - 1), "neuron " + cell + " of " + c.name());
          assertEquals(slice.key() + cell, w.shiftRight(bb).longValue() & ((1L << kb) - 1));
          int block = w.intValue() & ((1 << bb) - 1);
          routed += checkRoute(s, block, slice, cell);
          assertEquals(block, indexBlock(s, decode, slice.key() + cell), "the index agrees");
        }
      }
    }
    for (SystemImage.SliceKeys slice : s.sources()) {
      for (int cell = 0; cell < slice.size(); cell++) {
        int block = indexBlock(s, decode, slice.key() + cell);
        assertTrue(block >= 0, "source key " + (slice.key() + cell) + " is in the index");
        routed += checkRoute(s, block, slice, cell);
      }
    }
    assertTrue(routed > 0, "no key reaches a core");
    // Keys of no block (padding between blocks, beyond the last) reach nobody.
    List<SystemImage.SliceKeys> blocks = RouterTable.blocks(s);
    for (long key = 0; key < Math.min(1L << kb, 1 << 16); key++) {
      long k = key;
      boolean sent = blocks.stream().anyMatch(b -> (k & b.mask()) == b.key());
      if (!sent) {
        assertEquals(-1, indexBlock(s, decode, key), "key " + key);
      }
    }
    assertEquals(BigInteger.ONE.shiftLeft(t.cores()).subtract(BigInteger.ONE.shiftLeft(
        s.cores().size())), s.coresOff());
  }

  /** The key index's block for host key {@code key}, or −1 (not valid, or beyond the index). */
  private static int indexBlock(SystemImage s, List<BigInteger> decode, long key) {
    RouterTable t = s.router();
    long granule = key >>> t.granuleBits();
    if (granule >= 1L << t.indexBits()) {
      return -1;
    }
    BigInteger w = decode.get(t.indexBase() + (int) granule);
    return w.testBit(t.decodeWidth() - 1) ? w.intValue() & ((1 << t.blockBits()) - 1) : -1;
  }

  /** Delivers cell {@code cell}'s key of {@code block}; returns the deliveries checked. */
  private static int checkRoute(SystemImage s, int block, SystemImage.SliceKeys slice,
      int cell) {
    RouterTable t = s.router();
    long key = slice.key() + cell;
    BigInteger w = s.blockWords().get(block);
    int rb = t.rowKeyBits();
    int wb = t.widthBits();
    long offsetMask = (1L << (w.shiftRight(t.cores() * rb).longValue() & ((1L << wb) - 1))) - 1;
    BigInteger route = w.shiftRight(t.cores() * rb + wb);
    List<Integer> cores = new ArrayList<>();
    for (int i = 0; i < t.cores(); i++) {
      if (route.testBit(i)) {
        cores.add(i);
      }
    }
    assertEquals(s.route(key), cores, "route of key " + key);
    int routed = 0;
    for (int dest : cores) {
      SystemImage.SliceKeys in = s.cores().get(dest).incoming().stream()
          .filter(x -> x.slice() == slice.slice()).findFirst().orElseThrow();
      long base = w.shiftRight(dest * rb).longValue() & ((1L << rb) - 1);
      long local = (base + (key & offsetMask)) & ((1L << rb) - 1);
      assertEquals(in.localBase() + cell, local);
      routed++;
    }
    return routed;
  }

  /**
   * Without images the system's Verilog depends only on its size: two mappings of delays onto
   * different numbers of cores of one class give the same text (one Verilator build), their
   * tables and load images differ.
   */
  @Test
  void oneSystemVerilogServesMappingsOfOneSize() throws Exception {
    Network net = Examples.compile("delays");
    SystemImage six = SystemLowering.lower(Mapped.map(net,
        "fpga-generic:delay_slots=64,neurons_per_core=24"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.CLASS, false);
    SystemImage more = SystemLowering.lower(Mapped.map(net,
        "fpga-generic:delay_slots=64,neurons_per_core=20"), NumericsProfile.COMPACT,
        CoreLowering.Sizing.CLASS, false);
    assertTrue(six.cores().size() != more.cores().size(), six.cores().size() + " cores");
    HdlEmitter.Output a = SystemEmitter.emit(six, false);
    HdlEmitter.Output b = SystemEmitter.emit(more, false);
    assertEquals(a.verilogFiles(), b.verilogFiles());
    for (String f : a.verilogFiles()) {
      assertEquals(a.files().get(f), b.files().get(f), f);
      assertTrue(!a.files().get(f).contains("delays"), "no model name in " + f);
    }
    assertTrue(!six.decodeWords().equals(more.decodeWords()));
    assertTrue(!six.coresOff().equals(more.coresOff()));
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
    // The STDP unit in a system, in both profiles (its word widths differ).
    for (NumericsProfile profile : NumericsProfile.builtIns()) {
      tests.add(DynamicTest.dynamicTest(profile.name() + "/plastic@" + PLASTIC_TARGET,
          () -> lint(profile, "plastic", PLASTIC_TARGET)));
    }
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

  /** A target that splits the plastic example's four exc neurons over two cores. */
  static final String PLASTIC_TARGET = "fpga-generic:neurons_per_core=2";

  /**
   * The plastic example on several cores: every plastic synapse lives on the core of its post
   * neuron, once, and is listed in that neuron's column, whose range is in row word `neuron`
   * of that core (where the core reads it when the neuron fires).
   */
  @Test
  void plasticSynapsesLiveOnTheirPostNeuronsCore() throws Exception {
    Network net = Examples.compile("plastic");
    SystemImage s = SystemLowering.lower(Mapped.map(net, PLASTIC_TARGET),
        NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false);
    assertTrue(s.shape().stdp());
    int plastic = 0;
    int coresWithPlastic = 0;
    for (SystemImage.CoreInstance c : s.cores()) {
      CoreImage image = c.image();
      plastic += image.plastic().size();
      coresWithPlastic += image.plastic().isEmpty() ? 0 : 1;
      assertEquals(image.plastic().size(), image.columns().size(), c.name());
      assertTrue(image.rows().size() >= image.neurons(), "a row word per neuron: " + c.name());
      assertEquals(2, image.rules().size(), "every core gets the network's two rules");
      for (CoreImage.PlasticSynapse p : image.plastic()) {
        SystemImage.SliceKeys slice = c.neurons().stream().filter(k -> k.population()
            .equals("exc") && p.post() >= k.lo() && p.post() < k.hi()).findFirst().orElseThrow(
                () -> new AssertionError(c.name() + " holds a synapse onto exc[" + p.post()
                    + "], not its neuron"));
        int local = slice.localBase() + p.post() - slice.lo();
        BigInteger row = image.rows().get(local);
        long start = field(image, row, "col_start");
        long end = field(image, row, "col_end");
        boolean listed = false;
        for (long k = start; k < end; k++) {
          listed |= image.columns().get((int) k).intValueExact() == p.address();
        }
        assertTrue(listed, c.name() + ": synapse " + p.address() + " in the column of " + local);
      }
    }
    assertEquals(3 * 4 + 2 * 4, plastic, "noise->exc and cue->exc all to all, once each");
    assertTrue(coresWithPlastic >= 2, "exc spreads over two cores");
  }

  private static long field(CoreImage image, BigInteger word, String name) {
    var f = image.shape().rows().field(name);
    return word.shiftRight(f.lo()).and(BigInteger.ONE.shiftLeft(f.width())
        .subtract(BigInteger.ONE)).longValueExact();
  }

  @Test
  void differentTauMinusOntoOnePopulationIsRejectedInASystem() throws Exception {
    String text = Examples.PLASTIC.replace("tau_plus = 10 ms, tau_minus = 30 ms",
        "tau_plus = 10 ms, tau_minus = 25 ms");
    snnc.diag.DiagnosticSink sink = new snnc.diag.DiagnosticSink();
    Network net = new snnc.frontend.Frontend(new snnc.diag.SourceMap(), sink)
        .compileText("bad.snn", text).orElseThrow();
    Mapper.Result m = Mapped.map(net, PLASTIC_TARGET);
    snnc.hdl.lower.HdlException e = org.junit.jupiter.api.Assertions.assertThrows(
        snnc.hdl.lower.HdlException.class, () -> SystemLowering.lower(m,
            NumericsProfile.COMPACT, CoreLowering.Sizing.EXACT, false));
    assertEquals(1, e.diagnostics().size(), e.getMessage());
    assertEquals(CoreLowering.UNSUPPORTED, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains("tau_minus"), e.getMessage());
    List<String> lines = text.lines().toList();
    int second = -1;
    for (int k = 0; k < lines.size(); k++) {
      if (lines.get(k).contains("tau_minus = 25 ms")) {
        second = k;
      }
    }
    assertEquals("bad.snn", e.diagnostics().get(0).span().file());
    assertEquals(second, e.diagnostics().get(0).span().line(), "at the second projection");
  }
}
