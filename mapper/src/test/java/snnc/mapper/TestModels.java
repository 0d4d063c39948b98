package snnc.mapper;

import java.util.Map;
import snnc.diag.DiagnosticSink;
import snnc.diag.SourceMap;
import snnc.frontend.Frontend;
import snnc.ir.Network;
import snnc.ir.RepositoryRoot;
import snnc.mapper.target.Target;
import snnc.mapper.target.TargetException;
import snnc.mapper.target.TargetLoader;

/** Models and small targets for the mapper's tests. */
public final class TestModels {

  private TestModels() {}

  public static Network example(String name) {
    DiagnosticSink sink = new DiagnosticSink();
    Network n = new Frontend(new SourceMap(), sink)
        .compileFile(RepositoryRoot.examples().resolve(name)).orElseThrow(
            () -> new AssertionError(sink.all().toString()));
    return n;
  }

  public static Network compile(String text) {
    DiagnosticSink sink = new DiagnosticSink();
    return new Frontend(new SourceMap(), sink).compileText("test.snn", text).orElseThrow(
        () -> new AssertionError(sink.all() + "\n" + text));
  }

  /**
   * A small SpiNNaker-like target: a {@code w × h} hex torus (or mesh4 mesh) with {@code cores}
   * application cores of {@code neurons} neurons each and {@code entries} router entries.
   */
  public static Target small(int w, int h, boolean torus, String links, int cores, int neurons,
      int entries) {
    String json = """
        {"name": "small", "family": "spinnaker", "numerics": "s16.15",
         "topology": {"kind": "%s", "width": %d, "height": %d, "links": "%s"},
         "chip": {"cores": %d, "monitor_cores": 1, "shared_memory_bytes": 100000000,
                  "router_entries": %d},
         "core": {"max_neurons": %d, "max_sources": %d, "local_memory_bytes": 65536,
                  "delay_slots": 16, "delay_extension_stages": 4},
         "resource_model": {"name": "t", "core_overhead_bytes": 0, "bytes_per_neuron": 8,
           "bytes_per_row": 12, "bytes_per_synapse_word": 4, "bytes_per_delay_slot": 2}}
        """.formatted(torus ? "torus" : "mesh", w, h, links, cores + 1, entries, neurons,
        neurons);
    try {
      return TargetLoader.parse(json, "test target", Map.of());
    } catch (TargetException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
