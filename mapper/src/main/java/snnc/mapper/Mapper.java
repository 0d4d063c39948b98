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
import snnc.mapper.partition.PlacementUnits;
import snnc.mapper.partition.Slice;
import snnc.mapper.place.Placement;
import snnc.mapper.place.PlacementProblem;
import snnc.mapper.place.Placer;
import snnc.mapper.place.ScanPlacer;
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

  /**
   * Options: the partitioner's and placer's, whether to compress every table fully, and how slices
   * are grouped for placement ({@link Packing}).
   */
  public record Options(Partitioner.Options partition, Placer.Options place, boolean compressFull,
      Packing packing) {
    public static Options defaults() {
      return new Options(Partitioner.Options.defaults(), Placer.Options.defaults(), false,
          Packing.AUTO);
    }

    public Options withCompressFull(boolean full) {
      return new Options(partition, place, full, packing);
    }

    public Options withPlace(Placer.Options p) {
      return new Options(partition, p, compressFull, packing);
    }

    public Options withPartition(Partitioner.Options p) {
      return new Options(p, place, compressFull, packing);
    }

    public Options withPacking(Packing p) {
      return new Options(partition, place, compressFull, p);
    }
  }

  /**
   * How slices become placement units ({@link PlacementUnits}): {@code NONE} places every slice
   * alone; {@code SHARED_CORES} packs small slices of several populations onto shared cores;
   * {@code CHIP_CLUSTERS} places chip-sized groups of consecutive slices; {@code AUTO} shares cores
   * only when there are more slices than application cores, and clusters by chip when the traffic
   * graph has more than {@link #CLUSTER_EDGES} edges.
   */
  public enum Packing {
    NONE,
    SHARED_CORES,
    CHIP_CLUSTERS,
    AUTO
  }

  /** Traffic edges above which AUTO places chip-sized clusters instead of single slices. */
  public static final int CLUSTER_EDGES = 2_000_000;

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
    PlacementUnits units = units(partitioned, pinned);
    Placement placement = units.trivial()
        ? new Placer(options.place()).place(partitioned, pinned, sink)
        : placeUnits(partitioned, units, pinned, sink);
    t0 = lap(times, "place", t0);
    if (placement == null) {
      return null;
    }
    List<RouteTree> trees = MulticastRouter.trees(placement);
    t0 = lap(times, "route", t0);
    KeyAllocation keys;
    try {
      // Keys after routes: per population, blocks from chips that neighbour each other along its
      // tree get neighbouring keys, and slices with trees reaching the same chips, or identical
      // trees, share aligned blocks.
      keys = KeyAllocation.allocate(partitioned.slices(),
          MulticastRouter.sourceRanks(trees, partitioned.slices(), target.machine()),
          List.of(MulticastRouter.reachClasses(trees), MulticastRouter.routeClasses(trees)));
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

  private PlacementUnits units(PartitionedNetwork p, int[] pinned) {
    int slices = p.slices().size();
    return switch (options.packing()) {
      case NONE -> PlacementUnits.singletons(slices);
      case SHARED_CORES -> PlacementUnits.sharedCores(p, pinned);
      case CHIP_CLUSTERS -> PlacementUnits.chipClusters(p, pinned);
      case AUTO -> slices > p.target().applicationCores() ? PlacementUnits.sharedCores(p, pinned)
          : p.traffic().edgeCount() > CLUSTER_EDGES ? PlacementUnits.chipClusters(p, pinned)
          : PlacementUnits.singletons(slices);
    };
  }

  /**
   * Places units instead of slices: a problem over units (traffic contracted, memory summed, pins
   * carried over; a chip cluster takes a whole chip), solved by the same placer, then every slice
   * gets its unit's chip. Cores are numbered per chip in unit order after the monitor cores: a shared
   * core's slices share its number, a cluster's slices get consecutive ones. Edges inside a unit cost
   * nothing either way, so the objective is the slices' objective.
   */
  private Placement placeUnits(PartitionedNetwork p, PlacementUnits units, int[] pinned,
      DiagnosticSink sink) {
    var target = p.target();
    int n = units.units();
    long[] memory = new long[n];
    int[] unitPin = new int[n];
    Arrays.fill(unitPin, -1);
    for (Slice s : p.slices()) {
      memory[units.unitOf()[s.id()]] += s.resources().synapticBytes();
      if (pinned[s.id()] >= 0) {
        unitPin[units.unitOf()[s.id()]] = pinned[s.id()];
      }
    }
    long chipMemory = target.core().synapticMemoryBytes() > 0 ? 0
        : target.chip().sharedMemoryBytes();
    PlacementProblem problem = new PlacementProblem(target.machine(), units.contract(p.traffic()),
        units.wholeChip() ? 1 : target.chip().applicationCores(), chipMemory, memory, unitPin);
    Placer.Solution sol = new Placer(options.place()).solve(problem);
    if (sol == null) {
      Slice culprit = p.slices().get(units.members().get(
          (int) Math.min(n - 1, target.applicationCores()))[0]);
      sink.error("map.machine-capacity", culprit.span(), "the network does not fit "
          + target.name() + ": its " + p.slices().size() + " slices need " + n
          + (units.wholeChip() ? " chips" : " cores") + " even with small slices sharing cores, "
          + target.name() + " has " + p.machineSummary() + p.overflowingTotals(), "population '" + culprit.population().name() + "' is where "
          + "the machine runs out; choose a larger target or fewer neurons");
      return null;
    }
    int[] unitChip = sol.chipOf();
    long objective = sol.objective();
    // Chip clusters of uniform all-to-all traffic leave the placer little to gain, and its greedy
    // start can end just above the scan order; never report worse than the baseline.
    int[] scan = ScanPlacer.place(problem);
    if (scan != null && problem.objective(scan) < objective) {
      unitChip = scan;
      objective = problem.objective(scan);
    }
    int[] chipOf = new int[p.slices().size()];
    int[] coreOf = new int[p.slices().size()];
    int[] next = new int[target.machine().chips()];
    Arrays.fill(next, target.chip().monitorCores());
    for (int u = 0; u < n; u++) {
      int chip = unitChip[u];
      int shared = units.wholeChip() ? -1 : next[chip]++;
      for (int s : units.members().get(u)) {
        chipOf[s] = chip;
        coreOf[s] = units.wholeChip() ? next[chip]++ : shared;
      }
    }
    return new Placement(p, chipOf, coreOf, objective, sol.bound(),
        sol.proven() && objective == sol.objective(), sol.baselineObjective(), sol.statistics());
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
