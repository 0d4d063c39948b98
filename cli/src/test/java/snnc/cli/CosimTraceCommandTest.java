package snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snnc.hdl.ExternalTools;
import snnc.hdl.flow.Tool;

/** {@code snnc cosim --trace} writes DIR/trace.vcd beside spikes.csv. */
class CosimTraceCommandTest {

  @Test
  void traceWritesAVcdNextToTheSpikes(@TempDir Path dir) throws Exception {
    ExternalTools.require(Tool.VERILATOR);
    // The sim module's tests build the same compact tracing core into this shared cache.
    String env = System.getenv("SNNC_CACHE_DIR");
    Path cache = env != null && !env.isBlank() ? Path.of(env)
        : Path.of("..", "target", "snnc-cache").toAbsolutePath().normalize();
    MainTest.Run r = MainTest.run("cosim", MainTest.example("tiny.snn").toString(), "--target",
        "fpga-generic", "--one-core", "--template", "compact", "--trace", "--out", dir.toString(),
        "--cache", cache.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("waveform: " + dir.resolve("trace.vcd")), r.out());
    String vcd = Files.readString(dir.resolve("trace.vcd"));
    assertTrue(vcd.contains("$timescale"), vcd.substring(0, Math.min(200, vcd.length())));
    assertTrue(vcd.contains(" out_valid "), "the core's ports are traced");
    assertTrue(Files.exists(dir.resolve("spikes.csv")));
  }
}
