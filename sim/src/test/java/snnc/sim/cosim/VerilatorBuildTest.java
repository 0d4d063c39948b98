package snnc.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;

/** The cache key and the failure report of {@link VerilatorBuild}. */
class VerilatorBuildTest {

  private static final String MODULE = "module t(input wire clk);\nendmodule\n";

  private static VerilatorBuild build(String harness, List<String> flags, String verilog) {
    return new VerilatorBuild("t", "t", "Vcore", harness, flags, Map.of("t.v", verilog), 120);
  }

  @Test
  void sameInputsShareAnEntryAndAnyChangeIsANewOne(@TempDir Path cache) throws IOException {
    Path entry = build("harness.cpp", List.of(), MODULE).entry(cache);
    assertEquals(entry, build("harness.cpp", List.of(), MODULE).entry(cache));
    assertTrue(entry.getFileName().toString().matches("t-[0-9a-f]{16}"), entry.toString());
    assertEquals(cache, entry.getParent());
    assertNotEquals(entry, build("harness.cpp", List.of(), MODULE + "// edited\n").entry(cache));
    assertNotEquals(entry, build("harness.cpp", List.of("-GX=1"), MODULE).entry(cache));
    assertNotEquals(entry, build("system_harness.cpp", List.of(), MODULE).entry(cache));
  }

  @Test
  void aFailedBuildNamesItsLogAndCachesNothing(@TempDir Path cache) throws IOException {
    ExternalTools.require(Tool.VERILATOR);
    VerilatorBuild broken = build("harness.cpp", List.of(), "module t(;\nendmodule\n");
    IOException e = assertThrows(IOException.class, () -> broken.executable(cache));
    Matcher log = Pattern.compile("failed \\(log (\\S+)\\)").matcher(e.getMessage());
    assertTrue(log.find(), e.getMessage());
    assertTrue(Files.readString(Path.of(log.group(1))).contains("%Error"), e.getMessage());
    assertFalse(Files.exists(broken.entry(cache)), "a failed build must not be cached");
  }
}
