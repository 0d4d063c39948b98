package snnc.sim.golden;

import snnc.ir.expand.SynapseBlock;
import snnc.ir.Network;
import snnc.ir.Projection;
import snnc.ir.expand.ConnectorExpander;

/**
 * Expands a projection's connector onto post neurons {@code [postFrom, postTo)}. The simulator
 * expands each projection slice by slice, one slice per worker, so it never holds a second copy of
 * the whole matrix. {@link #shared()} is the seeded expansion every backend uses
 * ({@link ConnectorExpander}); tests may substitute their own.
 */
@FunctionalInterface
public interface SynapseExpander {

  SynapseBlock expand(Network network, Projection projection, int postFrom, int postTo);

  /** The canonical expansion of {@code snnc.ir.expand}. */
  static SynapseExpander shared() {
    return ConnectorExpander::expand;
  }
}
