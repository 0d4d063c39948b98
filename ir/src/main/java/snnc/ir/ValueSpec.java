package snnc.ir;

/** Where a projection's weights or delays come from. Values are in coherent units (nA, µS, mV, ms). */
public sealed interface ValueSpec {

  /** One value for every synapse. */
  record Constant(double value) implements ValueSpec {}

  /**
   * Explicit values, PyNN's array form: for one-to-one indexed by neuron, otherwise a dense
   * {@code nPre × nPost} matrix in row-major order (value of synapse i→j at {@code i * nPost + j}).
   */
  record Array(Doubles values) implements ValueSpec {}

  /** Drawn per synapse from a distribution, seeded by the projection's seed. */
  record Random(Distribution distribution) implements ValueSpec {}

  /** Given by the connector itself (from-list columns, convolution kernel). */
  record FromConnector() implements ValueSpec {}
}
