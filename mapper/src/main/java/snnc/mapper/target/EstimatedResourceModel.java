package snnc.mapper.target;

import java.util.Map;
import java.util.TreeMap;
import snnc.ir.model.CellType;

/**
 * A resource model given by numbers in the target file ({@code resource_model}), used until a backend
 * supplies its own. The SpiNNaker numbers follow sPyNNaker's layout (notes/spinnaker.md): 3 header
 * words per row, one 32-bit word per synapse, a 16-bit ring-buffer cell per neuron, delay slot and
 * receptor, and about 29 KB of code for IF_curr_exp; the FPGA numbers follow the compact core
 * (16-bit state words, 16-bit synapse words, no row headers, no code).
 */
public record EstimatedResourceModel(String name, long coreOverheadBytes, long bytesPerRow,
    long bytesPerSynapseWord, long bytesPerDelaySlot, long defaultBytesPerNeuron,
    Map<String, Long> bytesPerNeuronByModel, long defaultCodeBytes, Map<String, Long> codeBytesByModel,
    long delayExtensionBytesPerNeuronStage) implements ResourceModel {

  public EstimatedResourceModel {
    bytesPerNeuronByModel = Map.copyOf(new TreeMap<>(bytesPerNeuronByModel));
    codeBytesByModel = Map.copyOf(new TreeMap<>(codeBytesByModel));
  }

  @Override
  public long codeBytes(CellType type) {
    return codeBytesByModel.getOrDefault(type.pynnName(), defaultCodeBytes);
  }

  @Override
  public long bytesPerNeuron(CellType type) {
    return bytesPerNeuronByModel.getOrDefault(type.pynnName(), defaultBytesPerNeuron);
  }

  @Override
  public long delayExtensionBytes(int neurons, int stages) {
    return coreOverheadBytes + (long) neurons * stages * delayExtensionBytesPerNeuronStage;
  }
}
