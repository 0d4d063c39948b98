/**
 * The network IR: an immutable graph of {@link snnc.ir.Population populations} and
 * {@link snnc.ir.Projection projections}, cross-referenced by typed ids. Values are stored in PyNN's
 * units (ms, mV, nA, nF, µS, Hz); connectors stay unexpanded until a pass expands a slice of them.
 */
package snnc.ir;
