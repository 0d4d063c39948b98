/**
 * Lowering: elaborates a checked network (loops, arrays, templates) into the IR
 * {@link snnc.ir.Network}, in PyNN units, with projection names and seeds assigned.
 */
package snnc.frontend.lower;
