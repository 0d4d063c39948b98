/**
 * Deterministic, sliceable connector expansion: the {@link snnc.ir.expand.CounterRng counter-based
 * RNG}, the {@link snnc.ir.expand.ConnectorExpander expander}, per-neuron
 * {@link snnc.ir.expand.ParamValues parameter values}, {@link snnc.ir.expand.ExpansionDigest digests}
 * and the {@code expand} pass.
 */
package snnc.ir.expand;
