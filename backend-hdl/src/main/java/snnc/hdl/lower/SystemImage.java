package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;

/**
 * A mapped network lowered onto a multi-core system: one {@link CoreImage} per placed core that
 * holds neurons (all of one shared {@link CoreShape}), the spike router's table over global mapper
 * keys, and where every slice's keys come from and go to.
 *
 * @param model the network's name
 * @param target the mapper target's name
 * @param shape the core every instance uses (the largest any placed core needs)
 * @param keyBits width of the global AER keys (the mapper's keys, top zero bits dropped)
 * @param cores the core instances, in (chip, core) order
 * @param sources spike-source slices: their keys are injected by the host through the router
 * @param table the router's entries, first match wins
 * @param tableFromMapper true when {@code table} is the mapper's (single-chip) table verbatim;
 *     false when it was flattened from a multi-chip mapping's tables
 * @param router the layout of the router's memories, which hold every core's neuron keys, a key
 *     index and per key block the destinations of {@code table} and their row keys
 *     ({@link RouterTable#decodeWords}, {@link RouterTable#blockWords})
 */
public record SystemImage(String model, String target, CoreShape shape, int keyBits,
    List<CoreInstance> cores, List<SliceKeys> sources, List<RouteEntry> table,
    boolean tableFromMapper, RouterTable router) {

  public SystemImage {
    cores = List.copyOf(cores);
    sources = List.copyOf(sources);
    table = List.copyOf(table);
  }

  /**
   * The keys of cells {@code [lo, hi)} of a population: cell i sends {@code key + (i − lo)}; on a
   * core the same cells have local indices (neurons or row keys) from {@code localBase}.
   */
  public record SliceKeys(int slice, String population, int lo, int hi, long key, long mask,
      int localBase) {
    public int size() {
      return hi - lo;
    }
  }

  /**
   * One core instance: where the mapper placed it, the neuron slices it updates (local neuron
   * indices), the key blocks the router delivers to it (local row keys), and its memory image.
   */
  public record CoreInstance(int index, int chip, int core, List<SliceKeys> neurons,
      List<SliceKeys> incoming, CoreImage image, long synapses) {
    public CoreInstance {
      neurons = List.copyOf(neurons);
      incoming = List.copyOf(incoming);
    }

    public String name() {
      return "core" + index;
    }

    /** Local row keys in use (the sum of the incoming blocks' sizes). */
    public int rowKeys() {
      return incoming.stream().mapToInt(SliceKeys::size).sum();
    }

    public int neuronCount() {
      return neurons.stream().mapToInt(SliceKeys::size).sum();
    }
  }

  /** A router entry: keys with {@code (k & mask) == key} go to the core instances listed. */
  public record RouteEntry(long key, long mask, List<Integer> cores) {
    public RouteEntry {
      cores = List.copyOf(cores);
    }

    public boolean matches(long k) {
      return (k & mask) == key;
    }
  }

  /** The instances a key is delivered to: the first matching entry's, else none. */
  public List<Integer> route(long key) {
    return route(table, key);
  }

  /** The instances {@code table} delivers {@code key} to (first match wins; none if unmatched). */
  public static List<Integer> route(List<RouteEntry> table, long key) {
    for (RouteEntry e : table) {
      if (e.matches(key)) {
        return e.cores();
      }
    }
    return List.of();
  }

  /** The router's decode memory image ({@link RouterTable#decodeWords}). */
  public List<BigInteger> decodeWords() {
    return router.decodeWords(this);
  }

  /** The router's block memory image ({@link RouterTable#blockWords}). */
  public List<BigInteger> blockWords() {
    return router.blockWords(this);
  }

  /**
   * What the load port writes into the router (instance {@code router().cores()}), in order:
   * the decode memory, the block memory, the config word.
   */
  public List<RouterLoad> routerLoads() {
    return List.of(
        new RouterLoad(SystemGenerator.DECODE_TARGET, router.decodeWidth(), decodeWords()),
        new RouterLoad(SystemGenerator.BLOCK_TARGET, router.blockWidth(), blockWords()),
        new RouterLoad(SystemGenerator.CONFIG_TARGET, router.cores(), List.of(coresOff())));
  }

  /** Words for one {@code ld_target} of the router, from address 0, {@code width} bits each. */
  public record RouterLoad(int target, int width, List<BigInteger> words) {
    public RouterLoad {
      words = List.copyOf(words);
    }
  }

  /**
   * The router's config word: one bit per core instance, set for the spare instances beyond the
   * mapping's cores (never started, counted as done), so a larger system runs a smaller mapping.
   */
  public BigInteger coresOff() {
    BigInteger all = BigInteger.ONE.shiftLeft(router.cores()).subtract(BigInteger.ONE);
    return all.subtract(BigInteger.ONE.shiftLeft(cores.size()).subtract(BigInteger.ONE));
  }

  /**
   * The global key the host injects for a spike of cell {@code index} of {@code population}, or
   * empty when the population is not a spike source of the system (its spikes come from a core).
   */
  public OptionalLong hostKey(String population, int index) {
    for (SliceKeys s : sources) {
      if (s.population().equals(population) && index >= s.lo() && index < s.hi()) {
        return OptionalLong.of(s.key() + index - s.lo());
      }
    }
    return OptionalLong.empty();
  }

  /** All neurons of all cores. */
  public int neurons() {
    return cores.stream().mapToInt(CoreInstance::neuronCount).sum();
  }

  /** The population and cell index of global key {@code key}, or null if no slice sends it. */
  public SliceKeys sender(long key) {
    for (CoreInstance c : cores) {
      for (SliceKeys s : c.neurons()) {
        if (key >= s.key() && key < s.key() + s.size()) {
          return s;
        }
      }
    }
    for (SliceKeys s : sources) {
      if (key >= s.key() && key < s.key() + s.size()) {
        return s;
      }
    }
    return null;
  }

  /**
   * A bound on clock cycles per timestep when every neuron fires and every key is delivered:
   * the slowest core's update (7 per neuron, stalls for the router included below; with STDP
   * its arrival scan, potentiation and post-trace bumps, {@link CoreGenerator#stdpCyclesPerStep}),
   * one router cycle per key (the host's source keys before the step, counted in it; the router
   * takes a key per clock) and its pipeline's {@link RouterTable#LATENCY}, then every core's
   * delivery (3 per key plus 3 per synapse; summed, since the router may wait for one core while
   * another delivers), plus pipeline and handshake cycles.
   */
  public long worstCaseCyclesPerStep() {
    long update = 0;
    long deliver = 0;
    long keys = 0;
    for (SliceKeys s : sources) {
      keys += s.size();
    }
    for (CoreInstance c : cores) {
      update = Math.max(update, 7L * c.neuronCount() + 2
          + CoreGenerator.stdpCyclesPerStep(c.image()));
      deliver += 3L * c.rowKeys() + 3L * c.synapses() + 2;
      keys += c.neuronCount();
    }
    return update + keys + RouterTable.LATENCY + deliver + 8;
  }
}
