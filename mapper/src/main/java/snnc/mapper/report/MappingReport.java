package snnc.mapper.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snnc.ir.Population;
import snnc.ir.io.AtomicFiles;
import snnc.mapper.Mapper;
import snnc.mapper.partition.Slice;
import snnc.mapper.place.Placement;
import snnc.mapper.route.RouteTree;
import snnc.mapper.tables.ChipTable;
import snnc.mapper.tables.RoutingEntry;
import snnc.mapper.target.Machine;
import snnc.mapper.target.Target;

/**
 * The mapper's artefacts: {@code mapping.json} (slices, placements, keys, routes), {@code tables/}
 * (one text file per chip with entries), {@code report.json} (summary figures), {@code report.html}
 * (placement picture and table sizes) and {@code timings.json}. Everything but the timings is a
 * function of the result only, so it is byte-identical across runs; every file is written atomically.
 */
public final class MappingReport {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private MappingReport() {}

  /** Writes every artefact into {@code out}; returns the paths written, in order. */
  public static List<Path> write(Mapper.Result r, Path out) throws IOException {
    List<Path> written = new ArrayList<>();
    written.add(writeJson(out.resolve("mapping.json"), mapping(r)));
    for (ChipTable t : r.tables()) {
      if (t.size() > 0) {
        Path f = out.resolve("tables").resolve(tableFileName(r.target().machine(), t.chip()));
        AtomicFiles.writeString(f, tableText(r, t));
        written.add(f);
      }
    }
    written.add(writeJson(out.resolve("report.json"), report(r)));
    Path html = out.resolve("report.html");
    AtomicFiles.writeString(html, ReportHtml.render(r, report(r)));
    written.add(html);
    written.add(writeJson(out.resolve("timings.json"), timings(r)));
    return written;
  }

  static String tableFileName(Machine m, int chip) {
    return "chip_" + m.x(chip) + "_" + m.y(chip) + ".txt";
  }

  private static Path writeJson(Path file, Object value) throws IOException {
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + file.getFileName(), e);
    }
    return file;
  }

  static String hex(long v) {
    return String.format("0x%08x", v);
  }

  /** The route word as names: links then cores, e.g. {@code E NE c3 c4}. */
  static String routeText(Machine m, long route) {
    StringBuilder s = new StringBuilder();
    for (int d = 0; d < m.directions(); d++) {
      if ((route & (1L << d)) != 0) {
        s.append(s.length() > 0 ? " " : "").append(m.linkSet().name(d));
      }
    }
    for (int c = 0; c < 58; c++) {
      if ((route & RoutingEntry.coreBit(c)) != 0) {
        s.append(s.length() > 0 ? " " : "").append('c').append(c);
      }
    }
    return s.toString();
  }

  public static String tableText(Mapper.Result r, ChipTable t) {
    Machine m = r.target().machine();
    StringBuilder s = new StringBuilder();
    s.append("# chip ").append(m.chipName(t.chip())).append(": ").append(t.size())
        .append(" entries (").append(t.entriesBeforeCompression())
        .append(" before compression), router size ").append(r.target().chip().routerEntries())
        .append('\n');
    s.append("# key       mask       route (first match wins; unmatched keys go straight on)\n");
    for (RoutingEntry e : t.entries()) {
      s.append(hex(e.key())).append(' ').append(hex(e.mask())).append(' ')
          .append(routeText(m, e.route())).append('\n');
    }
    return s.toString();
  }

  static Map<String, Object> mapping(Mapper.Result r) {
    Machine m = r.target().machine();
    Placement p = r.placement();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("target", r.target().name());
    root.put("model", r.partitioned().network().name());
    List<Object> slices = new ArrayList<>();
    for (Slice s : r.partitioned().slices()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", s.id());
      o.put("population", s.population().name());
      o.put("kind", s.kind() == Slice.Kind.NEURONS ? "neurons" : "delay-extension");
      o.put("lo", s.lo());
      o.put("hi", s.hi());
      if (s.kind() == Slice.Kind.DELAY_EXTENSION) {
        o.put("extends", s.extendsSlice());
        o.put("delay_stages", s.delayStages());
      }
      o.put("chip", List.of(m.x(p.chipOf()[s.id()]), m.y(p.chipOf()[s.id()])));
      o.put("core", p.coreOf()[s.id()]);
      o.put("key", hex(r.routing().keys().key()[s.id()]));
      o.put("mask", hex(r.routing().keys().mask()[s.id()]));
      o.put("rows", s.rows());
      o.put("synapses", s.synapses());
      o.put("max_fan_in", s.maxFanIn());
      o.put("local_bytes", s.resources().localBytes());
      o.put("synaptic_bytes", s.resources().synapticBytes());
      o.put("rate_hz", round(s.rateHz()));
      RouteTree t = r.routing().tree(s.id());
      List<Object> route = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        Map<String, Object> hop = new LinkedHashMap<>();
        hop.put("chip", List.of(m.x(t.chips()[i]), m.y(t.chips()[i])));
        hop.put("route", routeText(m, t.outLinks()[i] | (t.cores()[i] << 6)));
        route.add(hop);
      }
      o.put("route", route);
      slices.add(o);
    }
    root.put("slices", slices);
    return root;
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** The summary figures (also used by the HTML report and the benchmark). */
  public static Map<String, Object> report(Mapper.Result r) {
    Target target = r.target();
    Placement p = r.placement();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("target", target.name());
    root.put("numerics", target.numerics());
    root.put("model", r.partitioned().network().name());
    List<Slice> slices = r.partitioned().slices();
    root.put("slices", slices.size());
    root.put("neuron_slices", slices.stream().filter(s -> s.kind() == Slice.Kind.NEURONS).count());
    root.put("delay_extension_slices", slices.stream()
        .filter(s -> s.kind() == Slice.Kind.DELAY_EXTENSION).count());
    // Small slices of several populations may share a core: count cores, not slices.
    root.put("cores_used", java.util.stream.IntStream.range(0, slices.size())
        .mapToLong(i -> (long) p.chipOf()[i] * 1024 + p.coreOf()[i]).distinct().count());
    root.put("chips_used", p.chipsUsed());
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("chips", target.machine().chips());
    machine.put("application_cores", target.applicationCores());
    root.put("machine", machine);
    Map<String, Object> place = new LinkedHashMap<>();
    place.put("method", p.statistics().method());
    place.put("objective", p.objective());
    place.put("bound", p.bound());
    place.put("proven_optimal", p.proven());
    place.put("gap", p.objective() == 0 ? 0.0 : round((p.objective() - p.bound())
        / (double) p.objective()));
    place.put("baseline_objective", p.baselineObjective());
    place.put("greedy_objective", p.statistics().greedyObjective());
    place.put("local_search_objective", p.statistics().localSearchObjective());
    place.put("improvement_vs_baseline", p.baselineObjective() <= 0 ? 0.0
        : round(1.0 - p.objective() / (double) p.baselineObjective()));
    place.put("cp_windows", p.statistics().windows());
    place.put("cp_windows_improved", p.statistics().windowsImproved());
    place.put("cp_nodes", p.statistics().cpNodes());
    place.put("time_capped", p.statistics().timeCapped());
    root.put("placement", place);
    Map<String, Object> routing = new LinkedHashMap<>();
    int beforeMax = 0;
    int max = 0;
    long total = 0;
    long beforeTotal = 0;
    for (int i = 0; i < r.tables().size(); i++) {
      beforeMax = Math.max(beforeMax, r.uncompressed().get(i).size());
      beforeTotal += r.uncompressed().get(i).size();
      max = Math.max(max, r.tables().get(i).size());
      total += r.tables().get(i).size();
    }
    routing.put("router_entries", target.chip().routerEntries());
    routing.put("entries_before_compression_max", beforeMax);
    routing.put("entries_before_compression_total", beforeTotal);
    routing.put("entries_max", max);
    routing.put("entries_total", total);
    routing.put("max_link_load", round(r.routing().maxLinkLoad()));
    routing.put("tree_hops_total", r.routing().trees().stream()
        .mapToLong(t -> t.size() - 1).sum());
    root.put("routing", routing);
    List<Object> pops = new ArrayList<>();
    for (Population pop : r.partitioned().network().populations()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", pop.name());
      o.put("model", pop.cellType().pynnName());
      o.put("size", pop.size());
      o.put("slices", slices.stream().filter(s -> s.population().equals(pop.id())
          && s.kind() == Slice.Kind.NEURONS).count());
      o.put("delay_extension_slices", slices.stream().filter(s -> s.population().equals(pop.id())
          && s.kind() == Slice.Kind.DELAY_EXTENSION).count());
      o.put("max_local_bytes", slices.stream().filter(s -> s.population().equals(pop.id()))
          .mapToLong(s -> s.resources().localBytes()).max().orElse(0));
      o.put("max_synaptic_bytes", slices.stream().filter(s -> s.population().equals(pop.id()))
          .mapToLong(s -> s.resources().synapticBytes()).max().orElse(0));
      pops.add(o);
    }
    root.put("populations", pops);
    return root;
  }

  static Map<String, Object> timings(Mapper.Result r) {
    Map<String, Object> root = new LinkedHashMap<>();
    double total = 0;
    Map<String, Object> stages = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : r.stageSeconds().entrySet()) {
      stages.put(e.getKey(), round(e.getValue()));
      total += e.getValue();
    }
    root.put("stages_seconds", stages);
    root.put("total_seconds", round(total));
    return root;
  }
}
