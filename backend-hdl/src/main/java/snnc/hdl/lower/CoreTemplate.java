package snnc.hdl.lower;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import snnc.mapper.target.ChipCapacity;
import snnc.mapper.target.Target;

/**
 * The two core templates. Both have the same ports, parameters, memory words and load port, so a
 * {@link CoreImage} runs on either and gives the same spikes; they differ in speed and size. Only
 * the compact core has the STDP unit ({@link #supports}, {@link #forShape}).
 */
public enum CoreTemplate {
  /**
   * {@link CoreGenerator}: one shared multiplier, 7 cycles per neuron and 3 per synapse; the
   * smallest logic (about 1,350 LUT4 and 3 DSPs for tiny on iCE40).
   */
  COMPACT,
  /**
   * {@link PipelinedCoreGenerator}: one neuron and one synapse per clock, five multipliers; needs
   * memories with a read port and a write port usable in the same cycle (block RAM); no STDP.
   */
  PIPELINED;

  /** The template's name as written on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The template named {@code label} ({@code compact} or {@code pipelined}). */
  public static Optional<CoreTemplate> byLabel(String label) {
    for (CoreTemplate t : values()) {
      if (t.label().equals(label)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this template can build the core of {@code shape}: the pipelined core has no STDP
   * unit (docs/fpga.md, "Core templates").
   */
  public boolean supports(CoreShape shape) {
    return this == COMPACT || !shape.stdp();
  }

  /** This template if it {@link #supports} {@code shape}, else the compact one. */
  public CoreTemplate forShape(CoreShape shape) {
    return supports(shape) ? this : COMPACT;
  }

  /** The module name of the core of {@code shape}. */
  public String moduleName(CoreShape shape) {
    return this == COMPACT ? CoreGenerator.moduleName(shape)
        : PipelinedCoreGenerator.moduleName(shape);
  }

  /**
   * The core module of {@code shape}, with {@code header} as its leading comment; callers pick
   * the template with {@link #forShape} first.
   */
  public RtlModule generate(CoreShape shape, List<String> header) {
    return this == COMPACT ? CoreGenerator.generate(shape, header)
        : PipelinedCoreGenerator.generate(shape, header);
  }

  /**
   * The template for {@code target}: pipelined when the chip has block RAM (kind {@code bram}:
   * a read and a write port per cycle, as iCE40 SB_RAM40_4K) or lists no memory kinds at all
   * ({@code fpga-generic}: any FPGA with vendor block RAM); compact when its only memories are
   * single-port kinds such as SPRAM.
   */
  public static CoreTemplate forTarget(Target target) {
    List<ChipCapacity.MemoryKind> memories = target.chip().memories();
    boolean blockRam = memories.stream().anyMatch(m -> m.kind().equals("bram") && m.count() > 0);
    return blockRam || memories.isEmpty() ? PIPELINED : COMPACT;
  }
}
