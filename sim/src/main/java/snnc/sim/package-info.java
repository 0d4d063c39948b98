/**
 * Simulation: the golden simulator in float and fixed-point modes ({@code golden}), spike traces
 * ({@code trace}) and the drivers that run a Verilated design or the ARM kernel ({@code cosim}).
 * Not built yet: see the golden simulator issue.
 */
package snnc.sim;
