package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snnc.cli.MainTest.example;
import static snnc.cli.MainTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapperCommandsTest {

  @Test
  void targetsListsEveryBuiltInTarget() {
    MainTest.Run r = run("targets");
    assertEquals(0, r.code(), r.err());
    for (String t : new String[] {"spinn3", "spinn5", "spinn5x12", "spinn5x24", "ice40-up5k",
        "ice40-hx8k", "fpga-generic"}) {
      assertTrue(r.out().contains(t), r.out());
    }
    assertTrue(r.out().contains("1,152"), r.out());
  }

  @Test
  void compileForATargetWritesTheMappingDeterministically(@TempDir Path dir) throws IOException {
    String[] files = {"mapping.json", "report.json", "report.html"};
    byte[][] first = new byte[files.length][];
    for (int round = 0; round < 2; round++) {
      Path out = dir.resolve("r" + round);
      MainTest.Run r = run("compile", example("synfire.snn").toString(), "--target", "spinn5",
          "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(Files.exists(out.resolve("timings.json")));
      assertTrue(Files.isDirectory(out.resolve("tables")));
      for (int i = 0; i < files.length; i++) {
        byte[] b = Files.readAllBytes(out.resolve(files[i]));
        if (round == 0) {
          first[i] = b;
        } else {
          assertArrayEquals(first[i], b, files[i]);
        }
      }
    }
  }

  @Test
  void aBadTargetFileIsAClearUserError(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\", \"family\": \"fpga\"}");
    MainTest.Run r = run("compile", example("tiny.snn").toString(), "--target", bad.toString(),
        "--out", dir.resolve("o").toString());
    assertEquals(Main.USER_ERROR, r.code());
    assertTrue(r.err().contains("$.numerics: missing"), r.err());
    MainTest.Run unknown = run("compile", example("tiny.snn").toString(), "--target", "spinn9",
        "--out", dir.resolve("o").toString());
    assertEquals(Main.USER_ERROR, unknown.code());
    assertTrue(unknown.err().contains("unknown target 'spinn9'"), unknown.err());
  }
}
