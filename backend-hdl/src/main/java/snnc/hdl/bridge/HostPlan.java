package snnc.hdl.bridge;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import snnc.hdl.lower.CoreGenerator;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.SpramLayout;
import snnc.hdl.lower.SystemImage;

/**
 * What a host needs to know of a network's board design to drive it through the bridge: the width
 * of the input keys the bridge must report, the key it injects for each source spike, the cell
 * behind each output key, and the synapse words to read back after loading. One plan serves the
 * board co-simulation and {@code snnc deploy}, so both translate cells and keys alike.
 */
public final class HostPlan {

  /** {@link #inputKey} of a neuron's spike: the board sends it, the host sends nothing. */
  public static final long NEURON = -1;
  /** {@link #inputKey} of a source generated on the chip (Poisson on a single core). */
  public static final long ON_CHIP = -2;

  /** A cell of the model: population and index. */
  public record Cell(String population, int index) {}

  /** Translates cells into keys. */
  private interface Keys {
    long inputKey(String population, int index);

    Cell neuron(int key);
  }

  private final int keyBits;
  private final Keys keys;
  private final List<BoardSession.ReadCheck> reads;

  private HostPlan(int keyBits, Keys keys, List<BoardSession.ReadCheck> reads) {
    this.keyBits = keyBits;
    this.keys = keys;
    this.reads = List.copyOf(reads);
  }

  /**
   * The single-core board design of {@code image} with its synapse table in {@code layout}:
   * inputs are the host-driven sources' row keys, outputs neuron indices; up to 256 synapse words
   * are read back (pair words in the SPRAM layout, as READ returns them).
   */
  public static HostPlan of(CoreImage image, CoreGenerator.Layout layout) {
    List<BigInteger> table = layout == CoreGenerator.Layout.SPRAM
        ? SpramLayout.pairWords(image.synapses()) : image.synapses();
    return new HostPlan(image.shape().preBits(), new Keys() {
      @Override
      public long inputKey(String population, int index) {
        CoreImage.PopulationRange p = image.population(population).orElseThrow(
            () -> new IllegalArgumentException("no population " + population + " on the core"));
        if (!p.isSource()) {
          return NEURON;
        }
        return image.hostDriven(p) ? p.base() + index : ON_CHIP;
      }

      @Override
      public Cell neuron(int key) {
        return image.neuronOwner(key).map(p -> new Cell(p.name(), key - p.base())).orElse(null);
      }
    }, List.of(new BoardSession.ReadCheck(0, table, 256)));
  }

  /**
   * The mapped multi-core system of {@code image}: sources are injected as their global mapper
   * keys, output keys decoded through the mapping; up to 64 synapse words of every core are read
   * back.
   */
  public static HostPlan of(SystemImage image) {
    List<BoardSession.ReadCheck> reads = new ArrayList<>();
    for (SystemImage.CoreInstance c : image.cores()) {
      reads.add(new BoardSession.ReadCheck(c.index(), c.image().synapses(), 64));
    }
    return new HostPlan(image.keyBits(), new Keys() {
      @Override
      public long inputKey(String population, int index) {
        return image.hostKey(population, index).orElse(NEURON);
      }

      @Override
      public Cell neuron(int key) {
        SystemImage.SliceKeys s = image.sender(key);
        if (s == null || image.sources().contains(s)) {
          return null;
        }
        return new Cell(s.population(), (int) (s.lo() + key - s.key()));
      }
    }, reads);
  }

  /** Width of the input keys; the bridge's INFO must report it. */
  public int keyBits() {
    return keyBits;
  }

  /**
   * The key the host injects for a spike of cell {@code index} of {@code population}, or
   * {@link #NEURON} (a neuron: the board sends its spikes) or {@link #ON_CHIP} (a source the
   * chip generates).
   */
  public long inputKey(String population, int index) {
    return keys.inputKey(population, index);
  }

  /** The neuron behind output key {@code key}, or null when no neuron sends it. */
  public Cell neuron(int key) {
    return keys.neuron(key);
  }

  /** Synapse words to read back after loading, core by core. */
  public List<BoardSession.ReadCheck> reads() {
    return reads;
  }
}
