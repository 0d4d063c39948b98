package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;

/**
 * Co-simulation of the generated FPGA core against the golden simulator in fixed mode: the whole
 * network on one Verilated core of its size class, spike sources driven from the host with the
 * golden simulator's own source spikes (step by step, as AER input keys), and the neurons' spikes
 * compared spike for spike.
 */
public final class Cosim {

  private final NumericsProfile profile;
  private final Path cacheDir;
  private final boolean allowZeroWeights;
  private final CoreTemplate template;

  /** Co-simulation on the compact core. */
  public Cosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights) {
    this(profile, cacheDir, allowZeroWeights, CoreTemplate.COMPACT);
  }

  /** Co-simulation on a core of {@code template}. */
  public Cosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights,
      CoreTemplate template) {
    this.profile = profile;
    this.cacheDir = cacheDir;
    this.allowZeroWeights = allowZeroWeights;
    this.template = template;
  }

  /** The first difference: the step, and a spike one side has and the other has not. */
  public record Mismatch(long step, String population, int neuron, boolean onHardware) {
    @Override
    public String toString() {
      return "step " + step + ": " + population + "[" + neuron + "] fired "
          + (onHardware ? "on the core only" : "in the golden simulator only");
    }
  }

  /**
   * The outcome: the core's spikes (neurons only), the golden fixed-mode spikes of the same
   * neurons, the first mismatch if any, and cycle counts: all cycles (ring clear and loading
   * included), the longest timestep, and the sum over the timesteps (from step_start to the end
   * of step_done).
   */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Mismatch> mismatch,
      long cycles, long maxStepCycles, CoreImage image, long stepCycles) {
    public boolean exact() {
      return mismatch.isEmpty();
    }
  }

  /** Runs {@code network} on the core and in the golden simulator and compares them. */
  public Result run(Network network) throws IOException {
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true)
        .withAllowZeroWeights(allowZeroWeights);
    SimResult golden = new GoldenSimulator(options).run(network);
    CoreImage image = CoreLowering.lower(network, profile, CoreLowering.Sizing.CLASS,
        allowZeroWeights);
    long steps = network.steps();
    TreeMap<Long, List<Integer>> sourceKeys = new TreeMap<>();
    List<SpikeRecord> goldenNeurons = new ArrayList<>();
    for (SpikeRecord s : golden.spikes().spikes()) {
      CoreImage.PopulationRange p = image.population(s.population()).orElseThrow();
      if (p.isSource()) {
        sourceKeys.computeIfAbsent(s.step(), k -> new ArrayList<>()).add(p.base() + s.index());
      } else {
        goldenNeurons.add(s);
      }
    }
    List<SpikeRecord> hw = new ArrayList<>();
    long maxStep = 0;
    long stepCycles = 0;
    long cycles;
    Path exe = VerilatedCore.executable(image.shape(), template, cacheDir);
    try (CoreProcess core = CoreProcess.start(exe)) {
      core.load(image);
      for (long n = 0; n < steps; n++) {
        int[] keys = sourceKeys.getOrDefault(n, List.of()).stream().mapToInt(Integer::intValue)
            .toArray();
        CoreProcess.Step r = core.step(keys);
        maxStep = Math.max(maxStep, r.cycles());
        stepCycles += r.cycles();
        for (int neuron : r.fired()) {
          CoreImage.PopulationRange p = image.neuronOwner(neuron).orElseThrow(
              () -> new IOException("the core reported unknown neuron " + neuron));
          hw.add(new SpikeRecord(p.name(), neuron - p.base(), n));
        }
      }
      cycles = core.cycles();
    }
    SpikeTrace hwTrace = new SpikeTrace(network.timestepMs(), hw);
    SpikeTrace goldenTrace = new SpikeTrace(network.timestepMs(), goldenNeurons);
    return new Result(hwTrace, goldenTrace, firstMismatch(hw, goldenNeurons), cycles, maxStep,
        image, stepCycles);
  }

  /** The first spike, in CSV order (step, population, index), that only one side has. */
  static Optional<Mismatch> firstMismatch(List<SpikeRecord> hardware, List<SpikeRecord> golden) {
    Comparator<SpikeRecord> order = SpikeRecord.CSV_ORDER;
    List<SpikeRecord> a = new ArrayList<>(hardware);
    List<SpikeRecord> b = new ArrayList<>(golden);
    a.sort(order);
    b.sort(order);
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i == a.size()) {
        return Optional.of(mismatch(b.get(j), false));
      }
      if (j == b.size()) {
        return Optional.of(mismatch(a.get(i), true));
      }
      int c = order.compare(a.get(i), b.get(j));
      if (c == 0) {
        i++;
        j++;
      } else if (c < 0) {
        return Optional.of(mismatch(a.get(i), true));
      } else {
        return Optional.of(mismatch(b.get(j), false));
      }
    }
    return Optional.empty();
  }

  private static Mismatch mismatch(SpikeRecord s, boolean onHardware) {
    return new Mismatch(s.step(), s.population(), s.index(), onHardware);
  }
}
