package snnc.sim.cosim;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.SystemImage;

/**
 * A running system co-simulation harness ({@code system_harness.cpp}, protocol at its top): load
 * every core's memory image and the router table, then one {@code S} command per timestep with the step's global source
 * keys, answered by the global keys of the neurons that fired; {@code Y} reads a synapse word of
 * one core back.
 */
public final class SystemProcess implements AutoCloseable {

  private final HarnessPipe pipe;
  private long cycles;

  /** What one timestep did: clock cycles (source injection included) and the keys that fired. */
  public record Step(long cycles, long[] fired) {}

  private SystemProcess(HarnessPipe pipe) {
    this.pipe = pipe;
  }

  /** Starts the harness and waits for every core's ring clear. */
  public static SystemProcess start(Path executable) throws IOException {
    SystemProcess p = new SystemProcess(new HarnessPipe("system co-simulation harness",
        List.of(executable.toString())));
    p.cycles = Long.parseLong(p.pipe.reply('R')[1]);
    return p;
  }

  /**
   * Writes every core's memories and neuron count, then the router's decode and block memories
   * and config word (spare instances off), through the load port.
   */
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
      if (shape.stdp()) {
        write(c.index(), CoreShape.Target.RULES, shape.rules().width(), 0, image.rules());
        write(c.index(), CoreShape.Target.LUT, shape.profile().decay().bits(), 0, image.lut());
        write(c.index(), CoreShape.Target.COLUMNS, shape.synapseBits(), 0, image.columns());
      }
      if (shape.poisson()) {
        // A class-sized core has the generator; an empty entry range keeps it idle.
        write(c.index(), CoreShape.Target.CONFIG, shape.segmentBits() + 1, 1,
            List.of(BigInteger.valueOf(image.segments()), BigInteger.valueOf(image.segments())));
      }
    }
    int router = system.router().cores();
    for (SystemImage.RouterLoad load : system.routerLoads()) {
      write(router, load.target(), load.width(), 0, load.words());
    }
  }

  private void write(int core, CoreShape.Target target, int width, int first,
      List<BigInteger> words) throws IOException {
    write(core, target.ordinal(), width, first, words);
  }

  private void write(int core, int target, int width, int first, List<BigInteger> words)
      throws IOException {
    int beats = CoreProcess.beats(width);
    StringBuilder s = new StringBuilder();
    for (int addr = 0; addr < words.size(); addr++) {
      s.setLength(0);
      s.append("W ").append(core).append(' ').append(target).append(' ')
          .append(first + addr).append(' ').append(beats);
      CoreProcess.appendBeats(s, words.get(addr), beats);
      pipe.send(s.toString());
    }
  }

  /** Injects {@code keys} through the router and runs one timestep. */
  public Step step(long[] keys) throws IOException {
    long[] d = pipe.timestep(keys);
    cycles += d[0];
    return new Step(d[0], Arrays.copyOfRange(d, 1, d.length));
  }

  /**
   * Reads synapse word {@code address} of core instance {@code core} back through the system's
   * read-back port (system idle).
   */
  public BigInteger readSynapse(int core, CoreShape shape, int address) throws IOException {
    int beats = CoreProcess.beats(shape.synapses().width());
    pipe.send("Y " + core + " " + address + " " + beats);
    String[] y = pipe.reply('Y');
    if (y.length != 1 + beats) {
      throw new IOException("system co-simulation harness: bad read-back reply "
          + String.join(" ", y));
    }
    BigInteger word = BigInteger.ZERO;
    for (int b = 1; b <= beats; b++) {
      word = word.shiftLeft(CoreGenerator.LOAD_BEAT_BITS).or(new BigInteger(y[b], 16));
    }
    return word;
  }

  /** Clock cycles simulated so far, ring clear included. */
  public long cycles() {
    return cycles;
  }

  @Override
  public void close() {
    pipe.close();
  }
}
