package snnc.mapper.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void everyBuiltInTargetLoads() throws TargetException {
    for (String name : Targets.BUILT_IN) {
      Target t = Targets.resolve(name);
      assertEquals(name, t.name());
      assertTrue(t.applicationCores() > 0);
    }
  }

  @Test
  void spinn5IsTheRealBoard() {
    Target t = Targets.builtIn("spinn5");
    Machine m = t.machine();
    assertEquals(48, m.chips());
    assertEquals(17, t.chip().applicationCores());
    assertEquals(1023, t.chip().routerEntries());
    assertEquals(123_469_792L, t.chip().sharedMemoryBytes());
    assertEquals(65536, t.core().localMemoryBytes());
    assertEquals("s16.15", t.numerics());
    // Hexagonal footprint: x = 0 holds y 0..3, x = 7 holds y 3..7; no wrap-around.
    assertTrue(m.chipAt(0, 3) >= 0);
    assertEquals(-1, m.chipAt(0, 4));
    assertEquals(-1, m.chipAt(7, 2));
    assertTrue(m.chipAt(7, 7) >= 0);
    int origin = m.chipAt(0, 0);
    assertEquals(-1, m.neighbour(origin, 3), "no link west of (0, 0)");
    assertEquals(m.chipAt(1, 1), m.neighbour(origin, 1), "NE is (+1, +1)");
    assertEquals(7, m.distance(origin, m.chipAt(7, 7)));
    assertFalse(m.isVertexTransitive());
  }

  @Test
  void multiBoardMachinesTileBoardsIntoATorus() {
    Machine x12 = Targets.builtIn("spinn5x12").machine();
    assertEquals(12 * 48, x12.chips());
    assertTrue(x12.isVertexTransitive());
    Machine x24 = Targets.builtIn("spinn5x24").machine();
    assertEquals(24 * 48, x24.chips());
    assertEquals(x24.chipAt(0, 0), x24.neighbour(x24.chipAt(47, 0), 0), "E wraps around");
  }

  @Test
  void spinn3IsATwoByTwoTorus() {
    Machine m = Targets.builtIn("spinn3").machine();
    assertEquals(4, m.chips());
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        assertTrue(m.distance(a, b) <= 1);
      }
    }
  }

  @Test
  void fpgaTargetsNameTheirMemoriesAndCompactNumerics() {
    Target up5k = Targets.builtIn("ice40-up5k");
    assertEquals("compact", up5k.numerics());
    ChipCapacity.MemoryKind bram = up5k.chip().memory("bram").orElseThrow();
    assertEquals(30, bram.count());
    assertEquals(256, bram.depth());
    assertEquals(ChipCapacity.Ports.ONE_R_ONE_W, bram.ports());
    assertTrue(bram.initialisable());
    ChipCapacity.MemoryKind spram = up5k.chip().memory("spram").orElseThrow();
    assertEquals(4, spram.count());
    assertEquals(16_384, spram.depth());
    assertEquals(16, spram.width());
    assertEquals(ChipCapacity.Ports.ONE_RW, spram.ports());
    assertFalse(spram.initialisable(), "a bitstream cannot preload SPRAM");
    Target hx8k = Targets.builtIn("ice40-hx8k");
    assertEquals(32, hx8k.chip().memories().get(0).count());
    assertEquals(CoreCapacity.Layout.BLOCK_RAM, hx8k.core().layout());
    assertEquals("hx8k-breakout", hx8k.board());
    assertEquals(CoreCapacity.Layout.BLOCK_RAM,
        Targets.builtIn("fpga-generic").core().layout());
    assertTrue(Targets.builtIn("fpga-generic").boardName().isEmpty());
  }

  /**
   * The UP5K is one compact core in the SPRAM layout, with the capacity that layout has:
   * 1,024 keys, the pair table's 32,768 synapses of 3 bytes, and the ring SPRAM's 16k 16-bit
   * entries as local memory.
   */
  @Test
  void up5kIsOneCoreWithTheSpramLayoutsCapacity() {
    Target t = Targets.builtIn("ice40-up5k");
    assertEquals(1, t.applicationCores());
    CoreCapacity core = t.core();
    assertEquals(CoreCapacity.Layout.SPRAM, core.layout());
    assertTrue(core.sharesCellTypes());
    assertEquals(1024, core.maxNeurons());
    assertEquals(1024, core.maxCells());
    assertEquals(32_768, core.synapticMemoryBytes() / t.resources().bytesPerSynapseWord());
    assertEquals(0, t.resources().bytesPerRow(), "rows are in block RAM, not the pair table");
    assertEquals(16_384 * 2, core.localMemoryBytes(), "the ring SPRAM");
    assertEquals(2, t.resources().bytesPerDelaySlot());
    assertEquals("icebreaker", t.board());
  }

  private static String up5kJson() throws Exception {
    try (var in = Target.class.getResourceAsStream("/snnc/mapper/targets/ice40-up5k.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theSpramLayoutIsCheckedAgainstTheChip() throws Exception {
    String json = up5kJson();
    String[][] cases = {
        {"\"cores\": 1,", "\"cores\": 4,", "needs one chip with one core, not 1 chip × 4 cores"},
        {"\"ports\": \"1rw\"", "\"ports\": \"1r1w\"", "single-port (\"1rw\") SPRAM"},
        {"\"initialisable\": false", "\"initialisable\": true", "cannot preload"},
        {"\"count\": 4,", "\"count\": 2,", "needs 4 SPRAM blocks of 16,384 × 16 bits"},
        {"\"numerics\": \"compact\"", "\"numerics\": \"s16.15\"", "compact profile"},
        {"\"board\": \"icebreaker\",", "", "$.board: missing"},
        {"\"memory_layout\": \"spram\"", "\"memory_layout\": \"sram\"",
            "must be \"block-ram\" or \"spram\", not \"sram\""},
        {"\"ports\": \"1rw\"", "\"ports\": \"rw\"", "$.chip.memories[1].ports: must be"}};
    for (String[] c : cases) {
      String bad = json.replace(c[0], c[1]);
      assertFalse(bad.equals(json), c[0] + " is in the file");
      TargetException e = assertThrows(TargetException.class,
          () -> TargetLoader.parse(bad, "mine.json", Map.of()));
      assertTrue(e.getMessage().startsWith("mine.json: "), e.getMessage());
      assertTrue(e.getMessage().contains(c[2]), c[2] + " in: " + e.getMessage());
    }
  }

  /** core_template names the board design's core; only the two templates, only with a board. */
  @Test
  void coreTemplateIsReadAndChecked() throws Exception {
    assertEquals("pipelined", Targets.builtIn("ice40-up5k").coreTemplate());
    assertTrue(Targets.builtIn("fpga-generic").coreTemplateName().isEmpty());
    String json = up5kJson();
    String key = "\"core_template\": \"pipelined\",";
    assertTrue(json.contains(key));
    Target compact = TargetLoader.parse(json.replace(key,
        "\"core_template\": \"compact\","), "mine.json", Map.of());
    assertEquals("compact", compact.coreTemplate());
    assertTrue(TargetLoader.parse(json.replace(key, ""), "mine.json", Map.of())
        .coreTemplateName().isEmpty(), "without the key the backend's default applies");
    TargetException bad = assertThrows(TargetException.class, () -> TargetLoader.parse(
        json.replace(key, "\"core_template\": \"fast\","), "mine.json", Map.of()));
    assertEquals("mine.json: $.core_template: must be \"compact\" or \"pipelined\", not "
        + "\"fast\"", bad.getMessage());
    TargetException number = assertThrows(TargetException.class, () -> TargetLoader.parse(
        json.replace(key, "\"core_template\": 2,"), "mine.json", Map.of()));
    assertEquals("mine.json: $.core_template: must be a string", number.getMessage());
    // A block-RAM target without a board has no board design to choose a core for.
    String noBoard = json.replace("\"board\": \"icebreaker\",", "")
        .replace("\"memory_layout\": \"spram\",", "");
    TargetException boardless = assertThrows(TargetException.class,
        () -> TargetLoader.parse(noBoard, "mine.json", Map.of()));
    assertTrue(boardless.getMessage().startsWith("mine.json: $.core_template: is the core of "
        + "the target's board design"), boardless.getMessage());
  }

  @Test
  void memoryPortsAndInitialisabilityDefaultToPreloadedBlockRam() throws Exception {
    // A file without the new fields (as written before they existed) still loads.
    String old = up5kJson().replaceAll(",\\s*\"width\": 16", "")
        .replaceAll(",\\s*\"ports\": \"1r1w\"", "")
        .replaceAll(",\\s*\"initialisable\": true", "")
        .replace("\"memory_layout\": \"spram\",", "");
    Target t = TargetLoader.parse(old, "old.json", Map.of());
    ChipCapacity.MemoryKind bram = t.chip().memory("bram").orElseThrow();
    assertEquals(ChipCapacity.Ports.ONE_R_ONE_W, bram.ports());
    assertTrue(bram.initialisable());
    assertEquals(0, bram.width());
    assertEquals(CoreCapacity.Layout.BLOCK_RAM, t.core().layout());
  }

  @Test
  void fpgaGenericParametersCanBeOverridden() throws TargetException {
    Target t = Targets.resolve("fpga-generic:cores=64,neurons_per_core=512");
    assertEquals(64, t.machine().chips());
    assertEquals(8, t.machine().width());
    assertEquals(512, t.core().maxNeurons());
    TargetException e = assertThrows(TargetException.class,
        () -> Targets.resolve("fpga-generic:colours=3"));
    assertTrue(e.getMessage().contains("no parameter 'colours'"), e.getMessage());
  }

  @Test
  void badTargetFilesSayWhereAndWhy() {
    TargetException json = assertThrows(TargetException.class,
        () -> TargetLoader.parse("{\"name\": ", "t.json", Map.of()));
    assertTrue(json.getMessage().startsWith("t.json: not valid JSON"), json.getMessage());
    TargetException field = assertThrows(TargetException.class,
        () -> TargetLoader.parse("{\"name\": \"x\", \"family\": \"fpga\", \"numerics\": \"compact\","
            + "\"topology\": {\"kind\": \"mesh\", \"width\": 0, \"height\": 2}}", "t.json",
            Map.of()));
    assertEquals("t.json: $.topology.width: must be at least 1, not 0", field.getMessage());
    TargetException kind = assertThrows(TargetException.class,
        () -> TargetLoader.parse("{\"name\": \"x\", \"family\": \"gpu\"}", "t.json", Map.of()));
    assertTrue(kind.getMessage().contains("$.family"), kind.getMessage());
    TargetException missing = assertThrows(TargetException.class,
        () -> Targets.resolve("/no/such/target.json"));
    assertTrue(missing.getMessage().contains("no such target file"), missing.getMessage());
  }
}
