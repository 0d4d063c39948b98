package snnc.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import snnc.ir.Network;
import snnc.ir.Population;
import snnc.ir.Projection;
import snnc.ir.Recording;
import snnc.ir.expand.SynapseBlock;
import snnc.ir.io.AtomicFiles;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.TraceWriter;
import snnc.sim.trace.VoltageTrace;

/**
 * What {@code snnc simulate} writes into its output folder:
 *
 * <ul>
 *   <li>{@code spikes.csv}: {@code population,index,time_ms}, sorted by time, population, index
 *       (format of {@link snnc.sim.trace});
 *   <li>{@code v_<population>.csv}: {@code index,time_ms,v_mV} for every population with recorded
 *       voltages;
 *   <li>{@code weights_<projection>.csv}: {@code pre,post,weight_<unit>} with the final weights of
 *       every plastic projection, sorted by pre then post; the unit is the post cell type's weight
 *       unit (nA, uS or mV), inhibitory weights as magnitudes. File names follow
 *       {@link #fileName(String)};
 *   <li>{@code raster.png}: {@link RasterPlot} of the recorded spikes;
 *   <li>in fixed-point mode, {@code quantisation.json} ({@link QuantisationReport}).
 * </ul>
 *
 * <p>Every file is first written completely into a hidden staging folder inside the output
 * folder, and only then moved into place, so a failed run leaves no half-written output.
 */
final class SimulationOutput {

  private final Network network;
  private final SimResult result;
  /** Populations whose spikes are recorded, in network order, with the recorded neurons. */
  private final Map<Population, BitSet> spikeRecorded = new LinkedHashMap<>();

  private SimulationOutput(Network network, SimResult result) {
    this.network = network;
    this.result = result;
    for (Population p : network.populations()) {
      BitSet recorded = new BitSet(p.size());
      for (Recording r : network.recordings()) {
        if (r.population().equals(p.id())
            && r.variables().contains(Recording.Variable.SPIKES)) {
          recorded.set(r.slice().map(Recording.Range::from).orElse(0),
              r.slice().map(Recording.Range::to).orElse(p.size()));
        }
      }
      if (!recorded.isEmpty()) {
        spikeRecorded.put(p, recorded);
      }
    }
  }

  static SimulationOutput of(Network network, SimResult result) {
    return new SimulationOutput(network, result);
  }

  /** Writes every output file into {@code dir} (created if needed). */
  void writeTo(Path dir) throws IOException {
    writeTo(dir, Map.of());
  }

  /** Writes every output file, plus {@code extra} (file name → bytes), into {@code dir}. */
  void writeTo(Path dir, Map<String, byte[]> extra) throws IOException {
    Files.createDirectories(dir);
    Path staging = Files.createTempDirectory(dir, ".simulate-");
    try {
      List<Path> files = new ArrayList<>();
      files.add(TraceWriter.writeSpikes(staging, result.spikes()));
      for (VoltageTrace v : result.voltages().values()) {
        files.add(TraceWriter.writeVoltage(staging, v, result.timestepMs()));
      }
      Set<String> used = new HashSet<>();
      for (Projection pr : network.projections()) {
        SynapseBlock weights = result.finalWeights().get(pr.id());
        if (weights != null) {
          Path file = staging.resolve("weights_" + unique(fileName(pr.name()), used) + ".csv");
          AtomicFiles.writeString(file, weightsCsv(pr, weights));
          files.add(file);
        }
      }
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(extra).entrySet()) {
        Path file = staging.resolve(e.getKey());
        AtomicFiles.write(file, e.getValue());
        files.add(file);
      }
      Path raster = staging.resolve("raster.png");
      AtomicFiles.write(raster, rasterPng());
      files.add(raster);
      for (Path f : files) {
        moveInto(f, dir.resolve(f.getFileName().toString()));
      }
    } finally {
      try (Stream<Path> left = Files.list(staging)) {
        for (Path f : (Iterable<Path>) left::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(staging);
    }
  }

  /**
   * A projection name as a file name: {@code ->} becomes {@code -to-}, and every character other
   * than an ASCII letter, digit, {@code .}, {@code -} or {@code _} becomes {@code _}.
   */
  static String fileName(String projection) {
    String s = projection.replace("->", "-to-");
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == '_';
      b.append(safe ? c : '_');
    }
    return b.toString();
  }

  private static String unique(String name, Set<String> used) {
    String candidate = name;
    for (int k = 2; !used.add(candidate); k++) {
      candidate = name + "_" + k;
    }
    return candidate;
  }

  private String weightsCsv(Projection pr, SynapseBlock w) {
    String unit = network.population(pr.post()).orElseThrow().cellType().weightUnit().symbol()
        .replace('µ', 'u');
    StringBuilder s = new StringBuilder("pre,post,weight_").append(unit).append('\n');
    for (int k = 0; k < w.size(); k++) {
      s.append(w.pre()[k]).append(',').append(w.post()[k]).append(',')
          .append(Double.toString(w.weight()[k])).append('\n');
    }
    return s.toString();
  }

  private byte[] rasterPng() throws IOException {
    List<RasterPlot.Band> bands = new ArrayList<>();
    for (Population p : spikeRecorded.keySet()) {
      bands.add(new RasterPlot.Band(p.name(), p.size()));
    }
    return RasterPlot.png(network.name(), bands, result.spikes(), runMs());
  }

  private double runMs() {
    return result.stats().steps() * result.timestepMs();
  }

  /**
   * One line: the run, then per recorded population its spike count and mean rate (spikes per
   * recorded neuron per second of model time), then the mean rate over all recorded neurons.
   */
  String summaryLine() {
    StringBuilder s = new StringBuilder();
    double seconds = runMs() / 1000.0;
    s.append(String.format(Locale.ROOT, "%s: %d steps of %s ms (%s ms), %d synapses, %d thread%s",
        network.name(), result.stats().steps(), trim(result.timestepMs()), trim(runMs()),
        result.stats().synapses(), result.stats().threads(),
        result.stats().threads() == 1 ? "" : "s"));
    Map<String, Integer> counts = result.spikes().countsByPopulation();
    long allSpikes = 0;
    long allNeurons = 0;
    String sep = ": ";
    for (Map.Entry<Population, BitSet> e : spikeRecorded.entrySet()) {
      int n = counts.getOrDefault(e.getKey().name(), 0);
      int neurons = e.getValue().cardinality();
      allSpikes += n;
      allNeurons += neurons;
      s.append(sep).append(String.format(Locale.ROOT, "%s %d spikes (%.2f Hz)",
          e.getKey().name(), n, rate(n, neurons, seconds)));
      sep = ", ";
    }
    s.append(String.format(Locale.ROOT, "; mean rate %.2f Hz",
        rate(allSpikes, allNeurons, seconds)));
    return s.toString();
  }

  private static double rate(long spikes, long neurons, double seconds) {
    return neurons == 0 || seconds <= 0 ? 0.0 : spikes / (neurons * seconds);
  }

  private static String trim(double value) {
    String s = Double.toString(value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static void moveInto(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
