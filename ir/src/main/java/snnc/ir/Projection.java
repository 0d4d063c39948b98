package snnc.ir;

import snnc.diag.Span;

/**
 * Synapses from one population to another. Weights are in the post cell type's weight unit (nA, µS
 * or mV); PyNN's negative inhibitory weights are allowed, their magnitude is what acts. Delays are in
 * ms. {@code seed} drives every random choice of this projection's expansion.
 */
public record Projection(ProjectionId id, PopulationId pre, PopulationId post, Connector connector,
    SynapseDynamics synapse, Receptor receptor, ValueSpec weight, ValueSpec delay, long seed,
    Spans spans) {

  /** Where the parts of the projection were written. */
  public record Spans(Span whole, Span connector, Span weight, Span delay) {
    public static Spans all(Span span) {
      return new Spans(span, span, span, span);
    }
  }

  public String name() {
    return id.name();
  }

  public Span span() {
    return spans.whole();
  }
}
