package snnc.mapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.ir.TargetHints;
import snnc.mapper.keys.KeyAllocation;
import snnc.mapper.partition.PartitionedNetwork;
import snnc.mapper.partition.Partitioner;
import snnc.mapper.partition.Slice;
import snnc.mapper.place.Placement;
import snnc.mapper.place.Placer;
import snnc.mapper.route.MulticastRouter;
import snnc.mapper.route.RouteTree;
import snnc.mapper.route.Routing;
import snnc.mapper.tables.ChipTable;
import snnc.mapper.tables.OrderedCovering;
import snnc.mapper.tables.TableBuilder;
import snnc.mapper.target.Target;

/**
 * Runs the mapping stages in order — partition, place, route, keys, tables, compress — each a plain
 * function of the previous results, and records the time of each. Errors go to the sink as
 * {@code map.*} diagnostics; the result is then null.
 */
public final class Mapper {

  /** Options: the partitioner's and placer's, and whether to compress every table fully. */
  public record Options(Partitioner.Options partition, Placer.Options place, boolean compressFull) {
    public static Options defaults() {
      return new Options(Partitioner.Options.defaults(), Placer.Options.defaults(), false);
    }

    public Options withCompressFull(boolean full) {
      return new Options(partition, place, full);
    }

    public Options withPlace(Placer.Options p) {
      return new Options(partition, p, compressFull);
    }
  }

  /** Everything the mapper produced, and the seconds each stage took (in stage order). */
  public record Result(Target target, PartitionedNetwork partitioned, Placement placement,
      Routing routing, List<ChipTable> uncompressed, List<ChipTable> tables,
      Map<String, Double> stageSeconds) {}

  private final Options options;

  public Mapper(Options options) {
    this.options = options;
  }

  public Result map(Network network, Target target, DiagnosticSink sink) {
    Map<String, Double> times = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    PartitionedNetwork partitioned = new Partitioner(target, options.partition())
        .partition(network, sink);
    t0 = lap(times, "partition", t0);
    if (partitioned == null) {
      return null;
    }
    int[] pinned = pins(network, partitioned, sink);
    if (pinned == null) {
      return null;
    }
    Placement placement = new Placer(options.place()).place(partitioned, pinned, sink);
    t0 = lap(times, "place", t0);
    if (placement == null) {
      return null;
    }
    List<RouteTree> trees = MulticastRouter.trees(placement);
    t0 = lap(times, "route", t0);
    KeyAllocation keys;
    try {
      // Keys after routes: slices with identical trees share an aligned key block.
      keys = KeyAllocation.allocate(partitioned.slices(), MulticastRouter.routeClasses(trees));
    } catch (KeyAllocation.KeySpaceException e) {
      sink.error("map.key-space", network.span(), e.getMessage());
      return null;
    }
    Routing routing = MulticastRouter.route(placement, keys, trees);
    t0 = lap(times, "keys", t0);
    List<ChipTable> uncompressed = TableBuilder.build(routing);
    t0 = lap(times, "tables", t0);
    int limit = target.chip().routerEntries();
    List<ChipTable> compressed = uncompressed.parallelStream()
        .map(t -> OrderedCovering.compress(t, limit, options.compressFull())).toList();
    lap(times, "compress", t0);
    boolean fits = true;
    for (ChipTable t : compressed) {
      if (t.size() > limit) {
        fits = false;
        sink.error("map.router-table", network.span(), "the routing table of chip "
            + target.machine().chipName(t.chip()) + " needs " + t.size() + " entries after "
            + "compression (" + t.entriesBeforeCompression() + " before), " + target.name()
            + " has " + limit, "spread the network over more chips or reduce its fan-out");
      }
    }
    if (!fits) {
      return null;
    }
    return new Result(target, partitioned, placement, routing, uncompressed,
        new ArrayList<>(compressed), times);
  }

  private static long lap(Map<String, Double> times, String stage, long t0) {
    long now = System.nanoTime();
    times.put(stage, (now - t0) / 1e9);
    return now;
  }

  /** Chips of pinned slices from the model's {@code target} block, or null after errors. */
  private static int[] pins(Network network, PartitionedNetwork partitioned, DiagnosticSink sink) {
    int[] pinned = new int[partitioned.slices().size()];
    Arrays.fill(pinned, -1);
    if (network.target().isEmpty()) {
      return pinned;
    }
    var machine = partitioned.target().machine();
    boolean ok = true;
    for (TargetHints.Pin pin : network.target().get().pins()) {
      List<Integer> c = pin.coordinates();
      int chip = c.size() >= 2 ? machine.chipAt(c.get(0), c.get(1))
          : c.size() == 1 && c.get(0) < machine.chips() ? (machine.chips() == 1 ? 0 : c.get(0))
          : -1;
      if (chip < 0) {
        sink.error("map.pin", pin.span(), "population '" + pin.population().name()
            + "' is pinned to " + c + ", which " + partitioned.target().name() + " does not have",
            partitioned.target().name() + " has " + machine.chips() + " chips, x in 0.."
                + (machine.width() - 1) + ", y in 0.." + (machine.height() - 1));
        ok = false;
        continue;
      }
      for (Slice s : partitioned.slices()) {
        if (s.population().equals(pin.population())) {
          pinned[s.id()] = chip;
        }
      }
    }
    return ok ? pinned : null;
  }
}
