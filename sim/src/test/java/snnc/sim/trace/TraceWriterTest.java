package snnc.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

  @Test
  void timesAreExactDecimalsWithAtLeastOneFractionalDigit() {
    assertEquals("10.0", new TimeFormat(1.0).format(10));
    assertEquals("0.0", new TimeFormat(0.1).format(0));
    assertEquals("0.3", new TimeFormat(0.1).format(3));
    assertEquals("1.0", new TimeFormat(0.1).format(10));
    assertEquals("12.25", new TimeFormat(0.25).format(49));
    assertEquals("123456.7", new TimeFormat(0.1).format(1234567));
  }

  @Test
  void spikesAreSortedByStepThenPopulationThenIndex(@TempDir Path dir) throws IOException {
    SpikeTrace trace = new SpikeTrace(0.1, List.of(
        new SpikeRecord("b", 2, 3), new SpikeRecord("a", 7, 3), new SpikeRecord("b", 1, 3),
        new SpikeRecord("z", 0, 1), new SpikeRecord("stage[10]", 0, 30),
        new SpikeRecord("stage[2]", 0, 30)));
    Path file = TraceWriter.writeSpikes(dir, trace);
    assertEquals("population,index,time_ms\n"
        + "z,0,0.1\n"
        + "a,7,0.3\n"
        + "b,1,0.3\n"
        + "b,2,0.3\n"
        + "stage[10],0,3.0\n"
        + "stage[2],0,3.0\n", Files.readString(file));
    assertEquals(List.of(file), listing(dir), "no temporary file is left behind");
  }

  @Test
  void voltageFileHasOneRowPerNeuronAndStep(@TempDir Path dir) throws IOException {
    VoltageTrace v = new VoltageTrace("exc", new int[] {2, 5}, 2,
        new double[] {-65.0, -64.5, -60.25, -65.0});
    Path file = TraceWriter.writeVoltage(dir, v, 1.0);
    assertEquals(dir.resolve("v_exc.csv"), file);
    assertEquals("index,time_ms,v_mV\n2,0.0,-65.0\n5,0.0,-64.5\n2,1.0,-60.25\n5,1.0,-65.0\n",
        Files.readString(file));
  }

  @Test
  void rewritingReplacesTheFileWhole(@TempDir Path dir) throws IOException {
    TraceWriter.writeSpikes(dir, new SpikeTrace(1.0, List.of(new SpikeRecord("a", 0, 1),
        new SpikeRecord("a", 1, 2))));
    Path file = TraceWriter.writeSpikes(dir, new SpikeTrace(1.0, List.of()));
    assertEquals("population,index,time_ms\n", Files.readString(file));
    assertEquals(List.of(file), listing(dir));
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
