package snnc.mapper.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import snnc.ir.Network;
import snnc.mapper.target.CoreCapacity;
import snnc.mapper.target.Target;

/**
 * The result of partitioning: the network's slices (neuron slices in population order, then
 * delay-extension slices) and the traffic between them, for one target.
 */
public record PartitionedNetwork(Network network, Target target, List<Slice> slices,
    TrafficGraph traffic) {

  public PartitionedNetwork {
    slices = List.copyOf(slices);
  }

  /** The delay-extension slice that holds back the spikes of neuron slice {@code source}, if any. */
  public Optional<Slice> extensionOf(Slice source) {
    return slices.stream().filter(x -> source.kind() == Slice.Kind.NEURONS
        && x.kind() == Slice.Kind.DELAY_EXTENSION && x.population().equals(source.population()) && x.lo() <= source.lo()
        && source.hi() <= x.hi()).findFirst();
  }

  /** {@code "N application cores (C chips × K)"}, for capacity messages. */
  public String machineSummary() {
    long cores = target.applicationCores();
    int chips = target.machine().chips();
    return cores + (cores == 1 ? " application core (" : " application cores (") + chips
        + (chips == 1 ? " chip × " : " chips × ") + target.chip().applicationCores() + ")";
  }

  /**
   * The resources the whole network needs beyond what all application cores offer together
   * ({@code "; in all it needs ..."}), or "" when every total fits and only the packing failed.
   * On a one-core target this names exactly what overflows the core.
   */
  public String overflowingTotals() {
    CoreCapacity core = target.core();
    long cores = target.applicationCores();
    long neurons = 0;
    long sources = 0;
    long local = 0;
    long synaptic = 0;
    for (Slice s : slices) {
      if (s.kind() != Slice.Kind.NEURONS) {
        continue;
      }
      boolean source = network.population(s.population()).orElseThrow().cellType()
          .isSource();
      neurons += source ? 0 : s.size();
      sources += source ? s.size() : 0;
      local += s.resources().localBytes() - target.resources().coreOverheadBytes();
      synaptic += s.resources().synapticBytes();
    }
    String per = cores == 1 ? "the core" : cores + " cores";
    List<String> over = new ArrayList<>();
    if (core.maxCells() > 0 && neurons + sources > cores * core.maxCells()) {
      over.add(String.format(Locale.ROOT, "%,d neurons and sources, %s holds %,d",
          neurons + sources, per, cores * core.maxCells()));
    }
    if (neurons > cores * core.maxNeurons()) {
      over.add(String.format(Locale.ROOT, "%,d neurons, %s holds %,d", neurons, per,
          cores * core.maxNeurons()));
    }
    if (sources > cores * core.maxSources()) {
      over.add(String.format(Locale.ROOT, "%,d spike sources, %s holds %,d", sources, per,
          cores * core.maxSources()));
    }
    long localPerCore = core.localMemoryBytes() - target.resources().coreOverheadBytes();
    if (local > cores * localPerCore) {
      over.add(String.format(Locale.ROOT, "%,d bytes of local memory%s, %s has %,d", local,
          core.layout() == CoreCapacity.Layout.SPRAM ? " (delay rings)" : "", per,
          cores * localPerCore));
    }
    if (core.synapticMemoryBytes() > 0 && synaptic > cores * core.synapticMemoryBytes()) {
      over.add(String.format(Locale.ROOT, "%,d bytes of synaptic memory (%,d synapses), %s has "
          + "%,d", synaptic, slices.stream().mapToLong(Slice::synapses).sum(), per,
          cores * core.synapticMemoryBytes()));
    }
    return over.isEmpty() ? "" : "; in all it needs " + String.join("; ", over);
  }

}
