package snnc.mapper.target;

import java.util.Optional;

/**
 * A target model: its name, family ({@code spinnaker} or {@code fpga}), numerics profile
 * ({@code s16.15} or {@code compact}), machine graph, per-chip and per-core capacities, the
 * resource model the partitioner uses, and on FPGA targets the board the design is built for
 * ({@code board}, empty when none: e.g. {@code icebreaker}). Built from JSON by
 * {@link TargetLoader}.
 */
public record Target(String name, String description, String family, String numerics,
    Machine machine, ChipCapacity chip, CoreCapacity core, ResourceModel resources,
    String topologySummary, String board) {

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
}
