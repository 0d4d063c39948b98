package snnc.sim.cosim;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.SystemImage;

/**
 * A running system co-simulation harness ({@code system_harness.cpp}, protocol at its top): load
 * every core's memory image, then one {@code S} command per timestep with the step's global source
 * keys, answered by the global keys of the neurons that fired.
 */
public final class SystemProcess implements AutoCloseable {

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private long cycles;

  /** What one timestep did: clock cycles (source injection included) and the keys that fired. */
  public record Step(long cycles, long[] fired) {}

  private SystemProcess(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.US_ASCII), 1 << 16);
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.US_ASCII));
  }

  /** Starts the harness and waits for every core's ring clear. */
  public static SystemProcess start(Path executable) throws IOException {
    SystemProcess p = new SystemProcess(new ProcessBuilder(executable.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    p.cycles = Long.parseLong(p.reply('R')[1]);
    return p;
  }

  /** Writes every core's memories and neuron count through the load port. */
  public void load(SystemImage system) throws IOException {
    for (SystemImage.CoreInstance c : system.cores()) {
      CoreImage image = c.image();
      CoreShape shape = image.shape();
      write(c.index(), CoreShape.Target.CONSTANTS, CoreShape.CHUNK_BITS, 0, image.constants());
      write(c.index(), CoreShape.Target.STATE, shape.state().width(), 0, image.state());
      write(c.index(), CoreShape.Target.ROWS, shape.rows().width(), 0, image.rows());
      write(c.index(), CoreShape.Target.SYNAPSES, shape.synapses().width(), 0,
          image.synapses());
      write(c.index(), CoreShape.Target.CONFIG, shape.neuronBits(), 0,
          List.of(BigInteger.valueOf(image.neurons() - 1)));
      if (shape.poisson()) {
        // A class-sized core has the generator; an empty entry range keeps it idle.
        write(c.index(), CoreShape.Target.CONFIG, shape.segmentBits() + 1, 1,
            List.of(BigInteger.valueOf(image.segments()), BigInteger.valueOf(image.segments())));
      }
    }
  }

  private void write(int core, CoreShape.Target target, int width, int first,
      List<BigInteger> words) throws IOException {
    int beats = CoreProcess.beats(width);
    StringBuilder s = new StringBuilder();
    for (int addr = 0; addr < words.size(); addr++) {
      s.setLength(0);
      s.append("W ").append(core).append(' ').append(target.ordinal()).append(' ')
          .append(first + addr).append(' ').append(beats);
      CoreProcess.appendBeats(s, words.get(addr), beats);
      in.write(s.append('\n').toString());
    }
  }

  /** Injects {@code keys} through the router and runs one timestep. */
  public Step step(long[] keys) throws IOException {
    StringBuilder s = new StringBuilder("S ").append(keys.length);
    for (long k : keys) {
      s.append(' ').append(k);
    }
    in.write(s.append('\n').toString());
    in.flush();
    String[] d = reply('D');
    long c = Long.parseLong(d[1]);
    int m = Integer.parseInt(d[2]);
    long[] fired = new long[m];
    for (int i = 0; i < m; i++) {
      fired[i] = Long.parseLong(d[3 + i]);
    }
    cycles += c;
    return new Step(c, fired);
  }

  private String[] reply(char expected) throws IOException {
    String line = out.readLine();
    if (line == null) {
      throw new IOException("system co-simulation harness exited (status " + waitExit()
          + ") while a '" + expected + "' reply was due");
    }
    String[] parts = line.trim().split(" ");
    if (parts[0].equals("E")) {
      throw new IOException("system co-simulation harness: " + line.substring(1).trim());
    }
    if (parts[0].charAt(0) != expected) {
      throw new IOException("system co-simulation harness: expected '" + expected + "', got: "
          + line);
    }
    return parts;
  }

  private int waitExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Clock cycles simulated so far, ring clear included. */
  public long cycles() {
    return cycles;
  }

  @Override
  public void close() throws IOException {
    try {
      in.write("Q\n");
      in.flush();
      reply('B');
    } catch (IOException e) {
      // The harness is gone already; nothing to stop.
    } finally {
      process.destroy();
      waitExit();
    }
  }
}
