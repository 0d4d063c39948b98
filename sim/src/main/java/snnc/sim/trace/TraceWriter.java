package snnc.sim.trace;

import java.io.IOException;
import java.nio.file.Path;
import snnc.ir.io.AtomicFiles;

/**
 * Writes traces as CSV (format in the package documentation). Each file is written to a temporary
 * file in the same directory and then moved over the target, so a reader never sees half a file.
 */
public final class TraceWriter {

  private TraceWriter() {}

  /** Writes {@code dir/spikes.csv} and returns its path. */
  public static Path writeSpikes(Path dir, SpikeTrace trace) throws IOException {
    Path target = dir.resolve("spikes.csv");
    TimeFormat time = new TimeFormat(trace.timestepMs());
    AtomicFiles.writeText(target, out -> {
      out.write("population,index,time_ms\n");
      for (SpikeRecord s : trace.spikes()) {
        out.write(s.population());
        out.write(',');
        out.write(Integer.toString(s.index()));
        out.write(',');
        out.write(time.format(s.step()));
        out.write('\n');
      }
    });
    return target;
  }

  /** Writes {@code dir/v_<population>.csv} and returns its path. */
  public static Path writeVoltage(Path dir, VoltageTrace trace, double timestepMs)
      throws IOException {
    Path target = dir.resolve("v_" + trace.population() + ".csv");
    TimeFormat time = new TimeFormat(timestepMs);
    int[] indices = trace.indices();
    AtomicFiles.writeText(target, out -> {
      out.write("index,time_ms,v_mV\n");
      for (long n = 0; n < trace.steps(); n++) {
        String t = time.format(n);
        for (int k = 0; k < indices.length; k++) {
          out.write(Integer.toString(indices[k]));
          out.write(',');
          out.write(t);
          out.write(',');
          out.write(Double.toString(trace.value(n, k)));
          out.write('\n');
        }
      }
    });
    return target;
  }
}
