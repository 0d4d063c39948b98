package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.numerics.NumericsProfile;
import snnc.mapper.Mapper;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;

/**
 * Co-simulation of a mapped multi-core system against the golden simulator in fixed mode: the
 * mapping is lowered ({@link SystemLowering}), Verilated with its router, the cores loaded as
 * memory data, the spike sources' golden spikes injected each step as global mapper keys, and
 * the keys the system sends out compared spike for spike with the golden neurons' spikes.
 */
public final class SystemCosim {

  private final NumericsProfile profile;
  private final Path cacheDir;
  private final boolean allowZeroWeights;

  public SystemCosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights) {
    this.profile = profile;
    this.cacheDir = cacheDir;
    this.allowZeroWeights = allowZeroWeights;
  }

  /** The outcome, as {@link Cosim.Result} but for a system. */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Cosim.Mismatch> mismatch,
      long cycles, long maxStepCycles, SystemImage image) {
    public boolean exact() {
      return mismatch.isEmpty();
    }
  }

  /** Runs the network of {@code mapping} on its system and in the golden simulator. */
  public Result run(Mapper.Result mapping) throws IOException {
    var network = mapping.partitioned().network();
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true)
        .withAllowZeroWeights(allowZeroWeights);
    SimResult golden = new GoldenSimulator(options).run(network);
    SystemImage image = SystemLowering.lower(mapping, profile, CoreLowering.Sizing.EXACT,
        allowZeroWeights);
    TreeMap<Long, List<Long>> sourceKeys = new TreeMap<>();
    List<SpikeRecord> goldenNeurons = new ArrayList<>();
    for (SpikeRecord s : golden.spikes().spikes()) {
      SystemImage.SliceKeys src = image.sources().stream().filter(x -> x.population()
          .equals(s.population()) && s.index() >= x.lo() && s.index() < x.hi()).findFirst()
          .orElse(null);
      if (src != null) {
        sourceKeys.computeIfAbsent(s.step(), k -> new ArrayList<>())
            .add(src.key() + s.index() - src.lo());
      } else {
        goldenNeurons.add(s);
      }
    }
    List<SpikeRecord> hw = new ArrayList<>();
    long maxStep = 0;
    long cycles;
    Path exe = VerilatedSystem.executable(image, cacheDir);
    try (SystemProcess system = SystemProcess.start(exe)) {
      system.load(image);
      for (long n = 0; n < network.steps(); n++) {
        long[] keys = sourceKeys.getOrDefault(n, List.of()).stream().mapToLong(Long::longValue)
            .toArray();
        SystemProcess.Step r = system.step(keys);
        maxStep = Math.max(maxStep, r.cycles());
        for (long key : r.fired()) {
          SystemImage.SliceKeys s = image.sender(key);
          if (s == null) {
            throw new IOException("the system sent key " + key + ", which no neuron owns");
          }
          hw.add(new SpikeRecord(s.population(), (int) (s.lo() + key - s.key()), n));
        }
      }
      cycles = system.cycles();
    }
    return new Result(new SpikeTrace(network.timestepMs(), hw),
        new SpikeTrace(network.timestepMs(), goldenNeurons),
        Cosim.firstMismatch(hw, goldenNeurons), cycles, maxStep, image);
  }
}
