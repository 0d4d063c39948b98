package snnc.hdl.bridge;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreShape;

/**
 * The start-up load image of a network ({@code DIR/rtl/MODEL_load.bin}): a sequence of complete
 * bridge WRITE frames that put every loadable memory of the core into the model's state —
 * constants, neuron state, synapse rows, the synapse table (which lives in SPRAM on the UP5K, and
 * SPRAM cannot be preloaded by the bitstream) and the neuron count. A host sends it frame by
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
    CoreShape shape = image.shape();
    List<byte[]> frames = new ArrayList<>();
    add(frames, core, CoreShape.Target.CONSTANTS, shape.constants().width(), image.constants());
    add(frames, core, CoreShape.Target.STATE, shape.state().width(), image.state());
    add(frames, core, CoreShape.Target.ROWS, shape.rows().width(), image.rows());
    add(frames, core, CoreShape.Target.SYNAPSES, shape.synapses().width(), image.synapses());
    add(frames, core, CoreShape.Target.CONFIG, shape.neuronBits(),
        List.of(BigInteger.valueOf(image.neurons() - 1)));
    return new LoadImage(frames);
  }

  /** Reads an image written by {@link #bytes()}, checking every frame. */
  public static LoadImage parse(byte[] bytes) {
    return new LoadImage(BridgeProtocol.splitFrames(bytes));
  }

  private static void add(List<byte[]> frames, int core, CoreShape.Target target, int width,
      List<BigInteger> words) {
    int beats = BridgeProtocol.beats(width);
    int per = BridgeProtocol.maxWordsPerWrite(beats);
    for (int from = 0; from < words.size(); from += per) {
      List<BigInteger> part = words.subList(from, Math.min(words.size(), from + per));
      frames.add(BridgeProtocol.write(core, target.ordinal(), beats, from, part));
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
