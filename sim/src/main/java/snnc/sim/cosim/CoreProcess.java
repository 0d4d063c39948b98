package snnc.sim.cosim;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.SpramLayout;

/**
 * A running co-simulation harness, spoken to over its stdin/stdout line protocol (documented at
 * the top of {@code harness.cpp}): load a network's memory image, then one {@code S} command per
 * timestep with the source keys of that step, answered by the neurons that fired.
 */
public final class CoreProcess implements AutoCloseable {

  private final HarnessPipe pipe;
  private long cycles;

  /** What one timestep did: clock cycles and the neuron indices that fired. */
  public record Step(long cycles, int[] fired) {}

  private CoreProcess(HarnessPipe pipe) {
    this.pipe = pipe;
  }

  /** Starts the harness and waits for the core to finish its ring clear. */
  public static CoreProcess start(Path executable) throws IOException {
    return start(executable, null);
  }

  /**
   * As {@link #start(Path)}; a non-null {@code vcd} makes a tracing build
   * ({@link VerilatedCore#executable(CoreShape, Path, boolean)}) write every clock edge there.
   */
  public static CoreProcess start(Path executable, Path vcd) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(executable.toString()));
    if (vcd != null) {
      cmd.add("+trace=" + vcd.toAbsolutePath());
    }
    CoreProcess p = new CoreProcess(new HarnessPipe("co-simulation harness", cmd));
    String[] ready = p.pipe.reply('R');
    p.cycles = Long.parseLong(ready[1]);
    return p;
  }

  /**
   * Writes every word of {@code image} and the configuration (last neuron; Poisson table entries
   * on cores with the generator) through the load port.
   */
  public void load(CoreImage image) throws IOException {
    load(image, false);
  }

  /**
   * As {@link #load(CoreImage)}; with {@code pairs} the synapse table is written as pair words
   * (two synapses per word, the SPRAM layouts' format).
   */
  public void load(CoreImage image, boolean pairs) throws IOException {
    CoreShape shape = image.shape();
    write(CoreShape.Target.CONSTANTS, CoreShape.CHUNK_BITS, 0, image.constants());
    write(CoreShape.Target.STATE, shape.state().width(), 0, image.state());
    write(CoreShape.Target.ROWS, shape.rows().width(), 0, image.rows());
    if (pairs) {
      write(CoreShape.Target.SYNAPSES, CoreGenerator.PAIR_BITS, 0,
          SpramLayout.pairWords(image.synapses()));
    } else {
      write(CoreShape.Target.SYNAPSES, shape.synapses().width(), 0, image.synapses());
    }
    write(CoreShape.Target.CONFIG, shape.neuronBits(), 0,
        List.of(BigInteger.valueOf(image.neurons() - 1)));
    if (shape.stdp()) {
      write(CoreShape.Target.RULES, shape.rules().width(), 0, image.rules());
      write(CoreShape.Target.LUT, shape.profile().decay().bits(), 0, image.lut());
      write(CoreShape.Target.COLUMNS, shape.synapseBits(), 0, image.columns());
    }
    if (shape.poisson()) {
      write(CoreShape.Target.CONFIG, shape.segmentBits() + 1, 1,
          List.of(BigInteger.valueOf(image.segments()),
              BigInteger.valueOf(image.segments() + image.poissonSources())));
    }
  }

  private void write(CoreShape.Target target, int width, int first, List<BigInteger> words)
      throws IOException {
    int beats = beats(width);
    StringBuilder s = new StringBuilder();
    for (int addr = 0; addr < words.size(); addr++) {
      s.setLength(0);
      s.append("W ").append(target.ordinal()).append(' ').append(first + addr).append(' ')
          .append(beats);
      appendBeats(s, words.get(addr), beats);
      pipe.send(s.toString());
    }
  }

  /** How many load beats a memory word of {@code width} bits takes. */
  static int beats(int width) {
    return (width + CoreGenerator.LOAD_BEAT_BITS - 1) / CoreGenerator.LOAD_BEAT_BITS;
  }

  /** Appends {@code word} as {@code beats} load beats in hex, most significant first. */
  static void appendBeats(StringBuilder s, BigInteger word, int beats) {
    BigInteger mask = BigInteger.ONE.shiftLeft(CoreGenerator.LOAD_BEAT_BITS)
        .subtract(BigInteger.ONE);
    for (int b = beats - 1; b >= 0; b--) {
      s.append(' ').append(word.shiftRight(b * CoreGenerator.LOAD_BEAT_BITS).and(mask)
          .toString(16));
    }
  }

  /** Injects {@code keys} and runs one timestep. */
  public Step step(int[] keys) throws IOException {
    long[] d = pipe.timestep(Arrays.stream(keys).asLongStream().toArray());
    cycles += d[0];
    return new Step(d[0], Arrays.stream(d, 1, d.length).mapToInt(Math::toIntExact).toArray());
  }

  /**
   * Runs one timestep per entry of {@code keysPerStep} (the keys injected in that step), the
   * commands sent ahead of their replies in batches ({@link HarnessPipe#timesteps}): the same
   * steps as {@link #step} one by one, without a round trip per step.
   */
  public List<Step> steps(List<int[]> keysPerStep) throws IOException {
    List<long[]> keys = new java.util.ArrayList<>(keysPerStep.size());
    for (int[] k : keysPerStep) {
      keys.add(Arrays.stream(k).asLongStream().toArray());
    }
    List<Step> steps = new java.util.ArrayList<>(keys.size());
    for (long[] d : pipe.timesteps(keys)) {
      cycles += d[0];
      steps.add(new Step(d[0], Arrays.stream(d, 1, d.length).mapToInt(Math::toIntExact)
          .toArray()));
    }
    return steps;
  }

  /** Reads synapse word {@code address} back through the read-back port (core idle). */
  public BigInteger readSynapse(CoreShape shape, int address) throws IOException {
    int beats = beats(shape.synapses().width());
    pipe.send("Y " + address + " " + beats);
    String[] y = pipe.reply('Y');
    if (y.length != 1 + beats) {
      throw new IOException("co-simulation harness: bad read-back reply " + String.join(" ", y));
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
