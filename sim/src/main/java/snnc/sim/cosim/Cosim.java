package snnc.sim.cosim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import snnc.diag.DiagnosticSink;
import snnc.hdl.lower.CoreImage;
import snnc.hdl.lower.CoreLowering;
import snnc.hdl.lower.CoreTemplate;
import snnc.hdl.lower.PipelinedSpramLayout;
import snnc.ir.expand.ConnectorExpander;
import snnc.ir.numerics.Quantisation;
import snnc.ir.numerics.Quantiser;
import snnc.ir.pass.PassContext;
import snnc.ir.Network;
import snnc.ir.numerics.NumericsProfile;
import snnc.sim.golden.GoldenSimulator;
import snnc.sim.golden.SimOptions;
import snnc.sim.golden.SimResult;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;

/**
 * Co-simulation of the generated FPGA core against the golden simulator in fixed mode: the whole
 * network on one Verilated core of its size class, SpikeSourcePoisson populations generated on
 * the core from the same integer stream, SpikeSourceArray spikes driven from the host with the
 * golden simulator's own source spikes (step by step, as AER input keys), and the neurons' spikes
 * compared spike for spike.
 */
public final class Cosim {

  private final NumericsProfile profile;
  private final Path cacheDir;
  private final boolean allowZeroWeights;
  private final CoreTemplate template;
  private final Map<String, String> coreParameters;
  /** The pipelined core in its UP5K layout ({@link #pipelinedSpram}). */
  private final boolean spram;

  /** Co-simulation on the compact core. */
  public Cosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights) {
    this(profile, cacheDir, allowZeroWeights, CoreTemplate.COMPACT);
  }

  /** Co-simulation on a core of {@code template}. */
  public Cosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights,
      CoreTemplate template) {
    this(profile, cacheDir, allowZeroWeights, template, Map.of());
  }

  private Cosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights,
      CoreTemplate template, Map<String, String> coreParameters) {
    this(profile, cacheDir, allowZeroWeights, template, coreParameters, false);
  }

  private Cosim(NumericsProfile profile, Path cacheDir, boolean allowZeroWeights,
      CoreTemplate template, Map<String, String> coreParameters, boolean spram) {
    this.spram = spram;
    this.profile = profile;
    this.cacheDir = cacheDir;
    this.allowZeroWeights = allowZeroWeights;
    this.template = template;
    this.coreParameters = Map.copyOf(coreParameters);
  }

  /**
   * The same co-simulation with the core's module parameters set (e.g. the pipelined core's
   * {@code SPLIT_PRODUCTS}, which only synthesis sets otherwise).
   */
  public Cosim withCoreParameters(Map<String, String> parameters) {
    return new Cosim(profile, cacheDir, allowZeroWeights, template, parameters, spram);
  }

  /**
   * Co-simulation on the pipelined core in its UP5K layout
   * ({@link snnc.hdl.lower.PipelinedCoreGenerator.Layout#SPRAM}, SB_SPRAM256KA model): every
   * network is re-encoded into that layout's class ({@link PipelinedSpramLayout#cosimClass}) and
   * loaded through the load port, synapses as pair words. Static synapses, profile compact, and
   * networks that fit the class only (else {@link IllegalArgumentException}).
   */
  public static Cosim pipelinedSpram(Path cacheDir, boolean allowZeroWeights) {
    return new Cosim(NumericsProfile.COMPACT, cacheDir, allowZeroWeights, CoreTemplate.PIPELINED,
        Map.of(), true);
  }

  /** The first difference: the step, and a spike one side has and the other has not. */
  public record Mismatch(long step, String population, int neuron, boolean onHardware) {
    @Override
    public String toString() {
      return "step " + step + ": " + population + "[" + neuron + "] fired "
          + (onHardware ? "on the core only" : "in the golden simulator only");
    }
  }

  /** The first plastic synapse whose final raw weight differs. */
  public record WeightMismatch(String projection, int pre, int post, int delaySteps,
      long hardwareRaw, long goldenRaw) {
    @Override
    public String toString() {
      return "final weight of " + projection + " (" + pre + " -> " + post + ", delay "
          + delaySteps + "): core " + hardwareRaw + ", golden " + goldenRaw + " (raw words)";
    }
  }

  /**
   * The outcome: the core's spikes (neurons only), the golden fixed-mode spikes of the same
 * neurons, the first spike mismatch if any, the first final STDP weight mismatch if any (every
   * plastic synapse is read back and compared word for word), how many plastic synapses the run
   * changed, and cycle counts: all cycles (ring clear and loading included), the longest
   * timestep, and the sum over the timesteps (from step_start to the end of step_done).
   */
  public record Result(SpikeTrace hardware, SpikeTrace golden, Optional<Mismatch> mismatch,
      Optional<WeightMismatch> weightMismatch, int changedWeights, long cycles,
      long maxStepCycles, CoreImage image, long stepCycles) {
    public boolean exact() {
      return mismatch.isEmpty() && weightMismatch.isEmpty();
    }

    /** The first difference, spikes first. */
    public String firstDifference() {
      return mismatch.map(Mismatch::toString)
          .orElse(weightMismatch.map(WeightMismatch::toString).orElse("none"));
    }
  }

  /** Runs {@code network} on the core and in the golden simulator and compares them. */
  public Result run(Network network) throws IOException {
    return run(network, null);
  }

  /**
   * As {@link #run(Network)}; a non-null {@code vcd} also writes a waveform of every clock edge
   * (load, ring clear and all steps) from the tracing build of the core. The harness writes a
   * temporary file beside {@code vcd}, moved over it only once the run has finished.
   */
  public Result run(Network network, Path vcd) throws IOException {
    SimOptions options = SimOptions.defaults().withFixed(profile).withRecordAllSpikes(true)
        .withAllowZeroWeights(allowZeroWeights);
    DiagnosticSink sink = new DiagnosticSink();
    Quantisation q = new Quantiser(new Quantiser.Options(profile, allowZeroWeights),
        ConnectorExpander::expand).run(network, new PassContext(sink));
    SimResult golden = new GoldenSimulator(options).run(network,
        sink.hasErrors() ? null : q, GoldenSimulator.Progress.NONE);
    CoreImage image = lowered(network, options.poissonSeed());
    long steps = network.steps();
    GoldenSplit split = GoldenSplit.of(golden.spikes().spikes(), image);
    List<SpikeRecord> goldenNeurons = split.fired();
    List<SpikeRecord> hw = new ArrayList<>();
    long maxStep = 0;
    long stepCycles = 0;
    long cycles;
    Optional<WeightMismatch> weightMismatch;
    int changed;
    if (spram && vcd != null) {
      throw new IllegalArgumentException("no tracing build of the pipelined SPRAM core");
    }
    Path exe = spram ? VerilatedCore.pipelinedSpram(image.shape(), cacheDir, coreParameters)
        : VerilatedCore.executable(image.shape(), template, cacheDir, vcd != null,
            coreParameters);
    Path partial = null;
    if (vcd != null) {
      Path dir = vcd.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      partial = Files.createTempFile(dir, "." + vcd.getFileName() + ".", ".tmp");
    }
    try (CoreProcess core = CoreProcess.start(exe, partial)) {
      core.load(image, spram);
      List<int[]> keys = new ArrayList<>();
      for (long n = 0; n < steps; n++) {
        keys.add(split.intKeys(n));
      }
      List<CoreProcess.Step> run = core.steps(keys);
      for (int n = 0; n < steps; n++) {
        CoreProcess.Step r = run.get(n);
        maxStep = Math.max(maxStep, r.cycles());
        stepCycles += r.cycles();
        for (int neuron : r.fired()) {
          CoreImage.PopulationRange p = image.neuronOwner(neuron).orElseThrow(
              () -> new IOException("the core reported unknown neuron " + neuron));
          hw.add(new SpikeRecord(p.name(), neuron - p.base(), n));
        }
      }
      cycles = core.cycles();
      WeightCheck.Outcome weights = WeightCheck.compare(network, List.of(image), golden,
          q, (c, address) -> core.readSynapse(image.shape(), address));
      weightMismatch = weights.mismatch();
      changed = weights.changed();
    } catch (IOException | RuntimeException e) {
      if (partial != null) {
        Files.deleteIfExists(partial);
      }
      throw e;
    }
    if (partial != null) {
      // close() has waited for the harness, which closed the VCD on exit.
      Files.move(partial, vcd, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    SpikeTrace hwTrace = new SpikeTrace(network.timestepMs(), hw);
    SpikeTrace goldenTrace = new SpikeTrace(network.timestepMs(), goldenNeurons);
    return new Result(hwTrace, goldenTrace, firstMismatch(hw, goldenNeurons), weightMismatch,
        changed, cycles, maxStep, image, stepCycles);
  }

  /** The network's core image: the cosim class, or the pipelined SPRAM layout's class. */
  private CoreImage lowered(Network network, long poissonSeed) {
    if (!spram) {
      return CoreLowering.lower(network, profile, CoreLowering.Sizing.CLASS, allowZeroWeights,
          poissonSeed);
    }
    CoreImage exact = CoreLowering.lower(network, profile, CoreLowering.Sizing.EXACT,
        allowZeroWeights, poissonSeed);
    CoreImage image = PipelinedSpramLayout.widen(exact,
        PipelinedSpramLayout.cosimClass(exact.shape().poisson()));
    List<String> misfit = PipelinedSpramLayout.problems(image, Integer.MAX_VALUE);
    if (!misfit.isEmpty()) {
      throw new IllegalArgumentException(network.name() + " does not fit the pipelined SPRAM "
          + "layout: " + String.join("; ", misfit));
    }
    return image;
  }

  /** The first spike, in CSV order (step, population, index), that only one side has. */
  public static Optional<Mismatch> firstMismatch(List<SpikeRecord> hardware,
      List<SpikeRecord> golden) {
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
