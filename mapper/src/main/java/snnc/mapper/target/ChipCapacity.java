package snnc.mapper.target;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one chip (router node) offers: {@code cores} in all, of which {@code monitorCores} run system
 * software; {@code sharedMemoryBytes} usable by applications (SDRAM; 0 on FPGAs);
 * {@code routerEntries} multicast table entries; {@code memories} the raw memory kinds of an FPGA
 * (iCE40 block RAM and SPRAM): what the backend arranges a core's memories from.
 */
public record ChipCapacity(int cores, int monitorCores, long sharedMemoryBytes, int routerEntries,
    List<MemoryKind> memories) {

  public ChipCapacity {
    memories = List.copyOf(memories);
  }

  public int applicationCores() {
    return cores - monitorCores;
  }

  /** The memory kind named {@code kind}, if the chip has one. */
  public Optional<MemoryKind> memory(String kind) {
    return memories.stream().filter(m -> m.kind().equals(kind)).findFirst();
  }

  /** How a memory block can be accessed in one clock cycle. */
  public enum Ports {
    /** One port: a read or a write per cycle (iCE40 SPRAM, SB_SPRAM256KA). */
    ONE_RW("1rw"),
    /** A read port and a write port, both usable in one cycle (iCE40 SB_RAM40_4K). */
    ONE_R_ONE_W("1r1w"),
    /** Two ports that each read or write (true dual-port block RAM of larger FPGAs). */
    TWO_RW("2rw");

    /** The name in target files. */
    public final String label;

    Ports(String label) {
      this.label = label;
    }

    /** The ports named {@code label} ({@code 1rw}, {@code 1r1w}, {@code 2rw}). */
    public static Optional<Ports> byLabel(String label) {
      for (Ports p : values()) {
        if (p.label.equals(label.toLowerCase(Locale.ROOT))) {
          return Optional.of(p);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A kind of memory block on a chip: {@code count} blocks of {@code bits} each, {@code width} bits
   * wide at most (0 when not given), accessed through {@code ports}; {@code initialisable} when the
   * bitstream can preload it (block RAM), false when its contents must be loaded at start-up
   * (SPRAM).
   */
  public record MemoryKind(String kind, int count, long bits, int width, Ports ports,
      boolean initialisable) {
    public long totalBytes() {
      return count * bits / 8;
    }

    /** Words per block at the full width (0 when the width is not given). */
    public long depth() {
      return width == 0 ? 0 : bits / width;
    }
  }
}
