package snnc.hdl.bridge;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreShape;
import snnc.hdl.lower.SpramLayout;
import snnc.hdl.lower.SystemImage;

/**
 * The start-up load image of a network ({@code DIR/rtl/MODEL_load.bin}): a sequence of complete
 * bridge WRITE frames that put every loadable memory of the core into the model's state —
 * the parameter table (16-bit chunks), neuron state, synapse rows, the synapse table (which lives
 * in SPRAM on the UP5K, and SPRAM cannot be preloaded by the bitstream), the neuron count, and
 * with STDP the rules, decay tables and columns, with the Poisson generator its entry range;
 * a multi-core system's image also loads its router table. A host sends it frame by
 * frame and expects an OK reply to each, so {@code cat MODEL_load.bin} to the serial port works
 * too when replies are ignored.
 */
public final class LoadImage {

  private final List<byte[]> frames;

  private LoadImage(List<byte[]> frames) {
    this.frames = List.copyOf(frames);
  }

  /** The image of {@code image} for core {@code core}. */
  public static LoadImage of(CoreImage image, int core) {
    return of(image, core, CoreGenerator.Layout.DUAL_PORT);
  }

  /**
   * The image of {@code image} for core {@code core} in {@code layout} (in
   * {@link CoreGenerator.Layout#SPRAM} the synapse table is written as pair words).
   */
  public static LoadImage of(CoreImage image, int core, CoreGenerator.Layout layout) {
    CoreShape shape = image.shape();
    List<byte[]> frames = new ArrayList<>();
    add(frames, core, CoreShape.Target.CONSTANTS, CoreShape.CHUNK_BITS, 0, image.constants());
    add(frames, core, CoreShape.Target.STATE, shape.state().width(), 0, image.state());
    add(frames, core, CoreShape.Target.ROWS, shape.rows().width(), 0, image.rows());
    if (layout == CoreGenerator.Layout.SPRAM) {
      add(frames, core, CoreShape.Target.SYNAPSES, CoreGenerator.PAIR_BITS, 0,
          SpramLayout.pairWords(image.synapses()));
    } else {
      add(frames, core, CoreShape.Target.SYNAPSES, shape.synapses().width(), 0,
          image.synapses());
    }
    add(frames, core, CoreShape.Target.CONFIG, shape.neuronBits(), 0,
        List.of(BigInteger.valueOf(image.neurons() - 1)));
    if (shape.stdp()) {
      add(frames, core, CoreShape.Target.RULES, shape.rules().width(), 0, image.rules());
      add(frames, core, CoreShape.Target.LUT, shape.profile().decay().bits(), 0, image.lut());
      add(frames, core, CoreShape.Target.COLUMNS, shape.synapseBits(), 0, image.columns());
    }
    if (shape.poisson()) {
      // Config addresses 1 and 2: the generator's range of parameter-table entries.
      add(frames, core, CoreShape.Target.CONFIG, shape.segmentBits() + 1, 1,
          List.of(BigInteger.valueOf(image.segments()),
              BigInteger.valueOf(image.segments() + image.poissonSources())));
    }
    return new LoadImage(frames);
  }

  /**
   * The image of a mapped multi-core system: every core instance's frames in instance order,
   * each addressed to its instance ({@code ld_core}), its block-RAM synapse table as plain words,
   * then the router's decode and block memories and its config word (the instances that are
   * off), addressed to the router ({@code ld_core} = the number of core instances;
   * {@link SystemImage#routerLoads}).
   */
  public static LoadImage of(SystemImage system) {
    List<byte[]> frames = new ArrayList<>();
    for (SystemImage.CoreInstance c : system.cores()) {
      frames.addAll(of(c.image(), c.index()).frames);
    }
    int router = system.router().cores();
    for (SystemImage.RouterLoad load : system.routerLoads()) {
      addRouter(frames, router, load.target(), load.width(), load.words());
    }
    return new LoadImage(frames);
  }

  private static void addRouter(List<byte[]> frames, int router, int target, int width,
      List<BigInteger> words) {
    int beats = BridgeProtocol.beats(width);
    int per = BridgeProtocol.maxWordsPerWrite(beats);
    for (int from = 0; from < words.size(); from += per) {
      frames.add(BridgeProtocol.write(router, target, beats, from,
          words.subList(from, Math.min(words.size(), from + per))));
    }
  }

  /** Reads an image written by {@link #bytes()}, checking every frame. */
  public static LoadImage parse(byte[] bytes) {
    return new LoadImage(BridgeProtocol.splitFrames(bytes));
  }

  private static void add(List<byte[]> frames, int core, CoreShape.Target target, int width,
      int first, List<BigInteger> words) {
    int beats = BridgeProtocol.beats(width);
    int per = BridgeProtocol.maxWordsPerWrite(beats);
    for (int from = 0; from < words.size(); from += per) {
      List<BigInteger> part = words.subList(from, Math.min(words.size(), from + per));
      frames.add(BridgeProtocol.write(core, target.ordinal(), beats, first + from, part));
    }
  }

  /** The WRITE frames, in sending order. */
  public List<byte[]> frames() {
    return frames.stream().map(byte[]::clone).toList();
  }

  /** Words the frames write in all. */
  public long words() {
    long n = 0;
    for (byte[] f : frames) {
      int beats = f[4 + 2] & 0xFF;
      n += (f.length - 5 - BridgeProtocol.WRITE_HEADER_BYTES) / (4L * beats);
    }
    return n;
  }

  /** The file contents: the frames back to back. */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : frames) {
      out.writeBytes(f);
    }
    return out.toByteArray();
  }
}
