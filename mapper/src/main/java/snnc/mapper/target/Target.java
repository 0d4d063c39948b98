package snnc.mapper.target;

import java.util.Optional;

/**
 * A target model: its name, family ({@code spinnaker} or {@code fpga}), numerics profile
 * ({@code s16.15} or {@code compact}), machine graph, per-chip and per-core capacities, the
 * resource model the partitioner uses, and on FPGA targets the board the design is built for
 * ({@code board}, empty when none: e.g. {@code icebreaker}) with the core template of its board
 * design ({@code core_template}: {@code compact} or {@code pipelined}, empty when the file names
 * none and the backend's own default applies). Built from JSON by {@link TargetLoader}.
 */
public record Target(String name, String description, String family, String numerics,
    Machine machine, ChipCapacity chip, CoreCapacity core, ResourceModel resources,
    String topologySummary, String board, String coreTemplate) {

  /** Core templates a target file may name in {@code core_template}. */
  public static final java.util.List<String> CORE_TEMPLATES = java.util.List.of("compact",
      "pipelined");

  /** A target without a {@code core_template}. */
  public Target(String name, String description, String family, String numerics,
      Machine machine, ChipCapacity chip, CoreCapacity core, ResourceModel resources,
      String topologySummary, String board) {
    this(name, description, family, numerics, machine, chip, core, resources, topologySummary,
        board, "");
  }

  public boolean isSpinnaker() {
    return family.equals("spinnaker");
  }

  /** Application cores over the whole machine. */
  public long applicationCores() {
    return (long) machine.chips() * chip.applicationCores();
  }

  /** The board named in the target file, if any. */
  public Optional<String> boardName() {
    return board.isEmpty() ? Optional.empty() : Optional.of(board);
  }

  /** The core template the target file names for its board design, if any. */
  public Optional<String> coreTemplateName() {
    return coreTemplate.isEmpty() ? Optional.empty() : Optional.of(coreTemplate);
  }
}
