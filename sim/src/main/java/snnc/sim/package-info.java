/**
 * Simulation: the golden simulator ({@code golden}; float mode today, the fixed-point profiles to
 * come) and spike/voltage traces ({@code trace}). The drivers that run a Verilated design or the
 * ARM kernel ({@code cosim}) are not built yet.
 */
package snnc.sim;
