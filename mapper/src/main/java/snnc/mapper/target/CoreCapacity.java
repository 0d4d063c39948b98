package snnc.mapper.target;

import java.util.Optional;

/**
 * What one application core offers. {@code maxNeurons} and {@code maxSources} bound the cells of a
 * slice (neurons, spike sources) and {@code maxCells} (0 = no further bound) the cells of both
 * kinds one core holds in all (on an FPGA core: its spike keys); {@code localMemoryBytes} is DTCM or
 * the core's own memory; {@code synapticMemoryBytes} is the core's own synaptic memory, or 0 when
 * rows live in the chip's shared memory; {@code maxFanIn} bounds synapses onto one neuron
 * (0 = unbounded); {@code delaySlots} is the longest delay in steps the core handles itself, and
 * {@code delayExtensionStages} how many further blocks of that length delay-extension cores add
 * (0 = none: longer delays are an error). {@code sharesCellTypes}: one core runs slices of any
 * cell types, spike sources included (the FPGA core's parameter table), where a SpiNNaker core runs
 * one program. {@code layout} says how the core's memories are arranged over the chip's memory
 * kinds ({@link Layout}).
 */
public record CoreCapacity(int maxNeurons, int maxSources, int maxCells, long localMemoryBytes,
    long codeMemoryBytes, long synapticMemoryBytes, int maxFanIn, int delaySlots,
    int delayExtensionStages, int receptors, boolean sharesCellTypes, Layout layout) {

  /** The longest delay in steps this target can deliver at all. */
  public int maxDelaySteps() {
    return delaySlots * (1 + delayExtensionStages);
  }

  /**
   * How a core's memories sit in the chip's memory kinds; it decides what the FPGA backend builds
   * (docs/mapper.md, "Memory kinds and core layout").
   */
  public enum Layout {
    /**
     * Every memory of a core in its own preloaded block RAM: any number of cores, built as the
     * multi-core system with a spike router (the default).
     */
    BLOCK_RAM("block-ram"),
    /**
     * The compact core's SPRAM layout (docs/fpga.md, "UP5K capacity"): synapse pairs in three
     * single-port SPRAMs, both delay rings in a fourth, state, rows and spike queue in block RAM.
     * SPRAM cannot be preloaded, so the core is loaded at start-up over the UART bridge: one core
     * per device, built as the single-core board design. Local memory is then the ring SPRAM and
     * synaptic memory the pair table.
     */
    SPRAM("spram");

    /** The name in target files. */
    public final String label;

    Layout(String label) {
      this.label = label;
    }

    /** The layout named {@code label}. */
    public static Optional<Layout> byLabel(String label) {
      for (Layout l : values()) {
        if (l.label.equals(label)) {
          return Optional.of(l);
        }
      }
      return Optional.empty();
    }
  }
}
