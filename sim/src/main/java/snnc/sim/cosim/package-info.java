/**
 * Co-simulation of generated hardware against the golden simulator: {@link
 * snnc.sim.cosim.VerilatedCore} builds (and caches) a Verilated FPGA core with a C++ harness,
 * {@link snnc.sim.cosim.CoreProcess} drives it over the harness's stdin/stdout line protocol, and
 * {@link snnc.sim.cosim.Cosim} runs a network on it and on the golden fixed-point simulator and
 * reports the first differing spike.
 */
package snnc.sim.cosim;
