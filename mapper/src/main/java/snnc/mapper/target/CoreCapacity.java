package snnc.mapper.target;

/**
 * What one application core offers. {@code maxNeurons} and {@code maxSources} bound the cells of a
 * slice (neurons, spike sources); {@code localMemoryBytes} is DTCM or the core's block RAM;
 * {@code synapticMemoryBytes} is the core's own synaptic memory, or 0 when rows live in the chip's
 * shared memory; {@code maxFanIn} bounds synapses onto one neuron (0 = unbounded);
 * {@code delaySlots} is the longest delay in steps the core handles itself, and
 * {@code delayExtensionStages} how many further blocks of that length delay-extension cores add
 * (0 = none: longer delays are an error).
 */
public record CoreCapacity(int maxNeurons, int maxSources, long localMemoryBytes,
    long codeMemoryBytes, long synapticMemoryBytes, int maxFanIn, int delaySlots,
    int delayExtensionStages, int receptors) {

  /** The longest delay in steps this target can deliver at all. */
  public int maxDelaySteps() {
    return delaySlots * (1 + delayExtensionStages);
  }
}
