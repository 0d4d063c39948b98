package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import snnc.diag.DiagnosticSink;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.SystemImage;
import snnc.hdl.lower.SystemLowering;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.numerics.NumericsProfile;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
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
 * the keys the system sends out compared spike for spike with the golden neurons' spikes; after
 * the run every plastic synapse of every core is read back and its weight compared word for
 * word with the golden simulator's final weight.
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
   * The outcome, as {@link Cosim.Result} but for a system: spikes, the first spike mismatch, the
   * first final STDP weight mismatch (every plastic synapse of every core read back), how many
   * plastic synapses the run changed, cycles; {@code stepCycles} is the sum of the timesteps'
   * cycles ({@code cycles} also counts reset, ring clear and loading).
   */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Cosim.Mismatch> mismatch,
      Optional<Cosim.WeightMismatch> weightMismatch, int changedWeights, long cycles,
      long stepCycles, long maxStepCycles, SystemImage image) {
    public boolean exact() {
      return mismatch.isEmpty() && weightMismatch.isEmpty();
    }

    /** The first difference, spikes first. */
    public String firstDifference() {
      return mismatch.map(Cosim.Mismatch::toString)
          .orElse(weightMismatch.map(Cosim.WeightMismatch::toString).orElse("none"));
    }
  }

  /** Runs the network of {@code mapping} on its system and in the golden simulator. */
  public Result run(Mapper.Result mapping) throws IOException {
    var network = mapping.partitioned().network();
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true)
        .withAllowZeroWeights(allowZeroWeights);
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    SimResult golden = new GoldenSimulator(options).run(network,
        sink.hasErrors() ? null : q, GoldenSimulator.Progress.NONE);
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
    WeightCheck.Outcome weights;
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
      List<CoreImage> images = image.cores().stream().map(SystemImage.CoreInstance::image)
          .toList();
      weights = WeightCheck.compare(network, images, golden, q,
          (core, address) -> system.readSynapse(core, image.shape(), address));
    }
    return new Result(new SpikeTrace(network.timestepMs(), hw),
        new SpikeTrace(network.timestepMs(), goldenNeurons),
        Cosim.firstMismatch(hw, goldenNeurons), weights.mismatch(), weights.changed(), cycles,
        stepCycles, maxStep, image);
  }
}
