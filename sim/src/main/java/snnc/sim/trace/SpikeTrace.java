package snnc.sim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The spikes of one run in {@link SpikeRecord#CSV_ORDER}, with the timestep they refer to. */
public record SpikeTrace(double timestepMs, List<SpikeRecord> spikes) {

  public SpikeTrace {
    List<SpikeRecord> sorted = new ArrayList<>(spikes);
    sorted.sort(SpikeRecord.CSV_ORDER);
    spikes = List.copyOf(sorted);
  }

  public int size() {
    return spikes.size();
  }

  /** The spikes of one population, in step then index order. */
  public List<SpikeRecord> of(String population) {
    return spikes.stream().filter(s -> s.population().equals(population)).toList();
  }

  /** The number of spikes per population, by name. */
  public Map<String, Integer> countsByPopulation() {
    Map<String, Integer> counts = new TreeMap<>();
    for (SpikeRecord s : spikes) {
      counts.merge(s.population(), 1, Integer::sum);
    }
    return counts;
  }
}
