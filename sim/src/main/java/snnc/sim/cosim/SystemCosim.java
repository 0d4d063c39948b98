package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * mapping is lowered ({@link SystemLowering}) onto class-sized cores and router table, the size
 * class Verilated once (every mapping of that size shares the build), the cores and the router
 * table loaded as memory data, the spike sources' golden spikes injected each step as global mapper keys, and
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

  /**
   * The outcome, as {@link Cosim.Result} but for a system; {@code stepCycles} is the sum of the
   * timesteps' cycles ({@code cycles} also counts reset, ring clear and loading).
   */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Cosim.Mismatch> mismatch,
      long cycles, long stepCycles, long maxStepCycles, SystemImage image) {
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
    // Class-sized (cores, keys, router table), so that other mappings of the size share the
    // Verilator build.
    SystemImage image = SystemLowering.lower(mapping, profile, CoreLowering.Sizing.CLASS,
        allowZeroWeights);
    GoldenSplit split = GoldenSplit.of(golden.spikes().spikes(), image);
    List<SpikeRecord> goldenNeurons = split.fired();
    List<SpikeRecord> hw = new ArrayList<>();
    long maxStep = 0;
    long stepCycles = 0;
    long cycles;
    Path exe = VerilatedSystem.executable(image, cacheDir);
    try (SystemProcess system = SystemProcess.start(exe)) {
      system.load(image);
      for (long n = 0; n < network.steps(); n++) {
        SystemProcess.Step r = system.step(split.keys(n));
        maxStep = Math.max(maxStep, r.cycles());
        stepCycles += r.cycles();
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
        Cosim.firstMismatch(hw, goldenNeurons), cycles, stepCycles, maxStep, image);
  }
}
