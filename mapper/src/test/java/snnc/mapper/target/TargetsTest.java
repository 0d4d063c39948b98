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
    assertEquals(30, up5k.chip().memories().get(0).count());
    assertEquals("spram", up5k.chip().memories().get(1).kind());
    Target hx8k = Targets.builtIn("ice40-hx8k");
    assertEquals(32, hx8k.chip().memories().get(0).count());
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
