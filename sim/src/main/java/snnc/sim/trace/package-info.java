/**
 * Spike and membrane-voltage traces of a simulation run, and their CSV form.
 *
 * <p>Every target (golden simulator, Verilator, ARM kernel, boards) reports spikes as
 * {@link snnc.sim.trace.SpikeRecord}s in whole timesteps, so traces compare exactly. The CSV files
 * written by {@link snnc.sim.trace.TraceWriter} are:
 *
 * <ul>
 *   <li>{@code spikes.csv}: header {@code population,index,time_ms}, one row per spike, sorted by
 *       step, then population name ({@link String#compareTo}), then neuron index;
 *   <li>{@code v_<population>.csv}: header {@code index,time_ms,v_mV}, sorted by step then index.
 * </ul>
 *
 * <p>Times are printed by {@link snnc.sim.trace.TimeFormat}: the exact decimal product of the step
 * and the shortest decimal form of the timestep, with at least one fractional digit ({@code 10.0},
 * {@code 0.3}, {@code 12.25}), so that every tool that knows the step and the timestep prints the
 * same text. Voltages are printed with {@link Double#toString(double)}, which round-trips.
 */
package snnc.sim.trace;
