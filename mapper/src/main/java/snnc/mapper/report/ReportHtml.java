package snnc.mapper.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import snnc.ir.Population;
import snnc.mapper.Mapper;
import snnc.mapper.partition.Slice;
import snnc.mapper.tables.ChipTable;
import snnc.mapper.target.Machine;

/** {@code report.html}: the placement as inline SVG (chips and cores coloured by population). */
final class ReportHtml {

  private ReportHtml() {}

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String colour(int i) {
    return "hsl(" + (i * 137 % 360) + ",65%,55%)";
  }

  static String render(Mapper.Result r, Map<String, Object> report) {
    Machine m = r.target().machine();
    List<Population> pops = r.partitioned().network().populations();
    int cores = r.target().chip().cores();
    int cols = (int) Math.ceil(Math.sqrt(cores));
    int rows = (cores + cols - 1) / cols;
    int cell = 9;
    int pad = 6;
    int chipW = cols * cell + 2 * pad;
    int chipH = rows * cell + 2 * pad + 12;
    int w = m.width() * (chipW + 4) + 10;
    int h = m.height() * (chipH + 4) + 10;
    String[][] coreColour = new String[m.chips()][cores];
    String[][] coreTitle = new String[m.chips()][cores];
    for (Slice s : r.partitioned().slices()) {
      int chip = r.placement().chipOf()[s.id()];
      int core = r.placement().coreOf()[s.id()];
      int pi = 0;
      for (int i = 0; i < pops.size(); i++) {
        if (pops.get(i).id().equals(s.population())) {
          pi = i;
        }
      }
      coreColour[chip][core] = s.kind() == Slice.Kind.NEURONS ? colour(pi) : "#444";
      // A shared core lists all of its slices.
      coreTitle[chip][core] = coreTitle[chip][core] == null ? s.label()
          : coreTitle[chip][core] + ", " + s.label();
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\" font-family=\"monospace\" font-size=\"9\">\n");
    for (int c = 0; c < m.chips(); c++) {
      int x0 = 5 + m.x(c) * (chipW + 4);
      int y0 = 5 + (m.height() - 1 - m.y(c)) * (chipH + 4);
      ChipTable t = r.tables().get(c);
      svg.append("<g><title>chip ").append(m.chipName(c)).append(": ").append(t.size())
          .append(" routing entries (").append(t.entriesBeforeCompression())
          .append(" before compression)</title><rect x=\"").append(x0).append("\" y=\"")
          .append(y0).append("\" width=\"").append(chipW).append("\" height=\"").append(chipH)
          .append("\" fill=\"#f4f4f4\" stroke=\"#888\"/><text x=\"").append(x0 + 2)
          .append("\" y=\"").append(y0 + 9).append("\">").append(m.x(c)).append(',')
          .append(m.y(c)).append(t.size() > 0 ? " r" + t.size() : "").append("</text></g>\n");
      for (int k = 0; k < cores; k++) {
        int cx = x0 + pad + (k % cols) * cell;
        int cy = y0 + 12 + pad + (k / cols) * cell;
        String fill = k < r.target().chip().monitorCores() ? "#bbb"
            : coreColour[c][k] == null ? "#fff" : coreColour[c][k];
        svg.append("<rect x=\"").append(cx).append("\" y=\"").append(cy).append("\" width=\"")
            .append(cell - 1).append("\" height=\"").append(cell - 1).append("\" fill=\"")
            .append(fill).append("\" stroke=\"#ccc\">");
        if (coreTitle[c][k] != null) {
          svg.append("<title>").append(esc(coreTitle[c][k])).append(" on chip ")
              .append(m.chipName(c)).append(" core ").append(k).append("</title>");
        } else if (k < r.target().chip().monitorCores()) {
          svg.append("<title>monitor core</title>");
        }
        svg.append("</rect>\n");
      }
    }
    svg.append("</svg>\n");
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>snnc mapping: ")
        .append(esc(r.partitioned().network().name())).append(" on ").append(esc(r.target().name()))
        .append("</title>\n<style>body{font-family:sans-serif;margin:1em}td,th{padding:2px 8px;"
            + "text-align:right}th{background:#eee}.sw{display:inline-block;width:10px;height:10px;"
            + "margin-right:4px}</style></head><body>\n");
    html.append("<h1>").append(esc(r.partitioned().network().name())).append(" on ")
        .append(esc(r.target().name())).append("</h1>\n<p>");
    @SuppressWarnings("unchecked")
    Map<String, Object> place = (Map<String, Object>) report.get("placement");
    @SuppressWarnings("unchecked")
    Map<String, Object> routing = (Map<String, Object>) report.get("routing");
    html.append(report.get("cores_used")).append(" cores on ").append(report.get("chips_used"))
        .append(" chips; objective ").append(place.get("objective")).append(" (bound ")
        .append(place.get("bound")).append(", scan-order baseline ")
        .append(place.get("baseline_objective")).append("); routing entries per chip at most ")
        .append(routing.get("entries_max")).append(" (")
        .append(routing.get("entries_before_compression_max"))
        .append(" before compression), max link load ").append(routing.get("max_link_load"))
        .append(" packets/s.</p>\n<p>");
    for (int i = 0; i < pops.size(); i++) {
      html.append("<span class=\"sw\" style=\"background:").append(colour(i)).append("\"></span>")
          .append(esc(pops.get(i).name())).append(" &nbsp; ");
    }
    html.append("<span class=\"sw\" style=\"background:#444\"></span>delay extension &nbsp; "
        + "<span class=\"sw\" style=\"background:#bbb\"></span>monitor</p>\n");
    html.append(svg);
    html.append("<h2>Routing tables</h2>\n<table><tr><th>chip</th><th>entries</th>"
        + "<th>before compression</th></tr>\n");
    List<ChipTable> nonEmpty = new ArrayList<>();
    for (ChipTable t : r.tables()) {
      if (t.entriesBeforeCompression() > 0) {
        nonEmpty.add(t);
      }
    }
    for (ChipTable t : nonEmpty) {
      html.append("<tr><td>").append(m.chipName(t.chip())).append("</td><td>").append(t.size())
          .append("</td><td>").append(t.entriesBeforeCompression()).append("</td></tr>\n");
    }
    html.append("</table>\n</body></html>\n");
    return html.toString();
  }
}
