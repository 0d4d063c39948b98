package snnc.mapper.target;

import java.util.List;

/**
 * What one chip (router node) offers: {@code cores} in all, of which {@code monitorCores} run system
 * software; {@code sharedMemoryBytes} usable by applications (SDRAM; 0 on FPGAs);
 * {@code routerEntries} multicast table entries; {@code memories} the raw memory kinds (informative,
 * e.g. iCE40 block RAM and SPRAM).
 */
public record ChipCapacity(int cores, int monitorCores, long sharedMemoryBytes, int routerEntries,
    List<MemoryKind> memories) {

  public ChipCapacity {
    memories = List.copyOf(memories);
  }

  public int applicationCores() {
    return cores - monitorCores;
  }

  /** A kind of memory block on a chip: {@code count} blocks of {@code bits} each. */
  public record MemoryKind(String kind, int count, long bits) {
    public long totalBytes() {
      return count * bits / 8;
    }
  }
}
