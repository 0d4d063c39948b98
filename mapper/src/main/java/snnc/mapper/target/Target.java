package snnc.mapper.target;

/**
 * A target model: its name, family ({@code spinnaker} or {@code fpga}), numerics profile
 * ({@code s16.15} or {@code compact}), machine graph, per-chip and per-core capacities, and the
 * resource model the partitioner uses. Built from JSON by {@link TargetLoader}.
 */
public record Target(String name, String description, String family, String numerics,
    Machine machine, ChipCapacity chip, CoreCapacity core, ResourceModel resources,
    String topologySummary) {

  public boolean isSpinnaker() {
    return family.equals("spinnaker");
  }

  /** Application cores over the whole machine. */
  public long applicationCores() {
    return (long) machine.chips() * chip.applicationCores();
  }
}
