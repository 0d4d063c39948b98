package snnc.mapper.target;

import snnc.ir.model.CellType;

/**
 * What a slice costs in a backend's data formats; the partitioner asks it and nothing else. Each
 * backend supplies its own; until then a target names a documented {@link EstimatedResourceModel}.
 * Local memory is the core's own (DTCM, block RAM); synaptic memory holds the synaptic rows (SDRAM
 * shared by a chip on SpiNNaker, core memory on FPGAs).
 */
public interface ResourceModel {

  /** A short name for reports, e.g. {@code spinnaker-estimate}. */
  String name();

  /** Code size of the core's program for {@code type} (ITCM on SpiNNaker, 0 on FPGAs). */
  long codeBytes(CellType type);

  /** Local bytes per neuron or source: parameters and state. */
  long bytesPerNeuron(CellType type);

  /** Fixed local bytes per core: stack, tables, buffers. */
  long coreOverheadBytes();

  /** Bytes of one synaptic row's header (one row per connected source and projection). */
  long bytesPerRow();

  /** Bytes per synaptic word (one word per synapse). */
  long bytesPerSynapseWord();

  /** Local bytes per neuron per delay slot (the input ring buffer, per receptor). */
  long bytesPerDelaySlot();

  /** Local bytes of a delay-extension core handling {@code neurons} sources. */
  long delayExtensionBytes(int neurons, int stages);

  /** The resources of a slice of {@code neurons} cells with the given incoming synapses. */
  default SliceResources resources(CellType type, int neurons, long rows, long synapses,
      int delaySlots, int receptors) {
    long local = coreOverheadBytes() + neurons * bytesPerNeuron(type);
    if (!type.isSource()) {
      local += (long) neurons * delaySlots * receptors * bytesPerDelaySlot();
    }
    long synaptic = rows * bytesPerRow() + synapses * bytesPerSynapseWord();
    return new SliceResources(local, synaptic, codeBytes(type));
  }

  /** What one slice needs: local bytes, synaptic bytes and code bytes. */
  record SliceResources(long localBytes, long synapticBytes, long codeBytes) {}
}
