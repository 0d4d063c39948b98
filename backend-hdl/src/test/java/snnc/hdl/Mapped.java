package snnc.hdl;

import snnc.diag.DiagnosticSink;
import snnc.ir.Network;
import snnc.mapper.Mapper;
import snnc.mapper.target.Targets;

/** Maps a network onto a target for the system tests. */
final class Mapped {

  private Mapped() {}

  static Mapper.Result map(Network network, String target) throws Exception {
    DiagnosticSink sink = new DiagnosticSink();
    Mapper.Result r = new Mapper(Mapper.Options.defaults()).map(network, Targets.resolve(target),
        sink);
    if (r == null) {
      throw new AssertionError(network.name() + " does not map onto " + target + ": "
          + sink.all());
    }
    return r;
  }
}
