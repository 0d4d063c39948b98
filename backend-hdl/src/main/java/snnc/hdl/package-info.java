/**
 * The FPGA backend: lowers a network onto one generated neuromorphic core ({@code lower}: the RTL
 * model, the core generator and the memory images), prints Verilog-2005 and {@code .hex} images
 * ({@code emit}), and runs verilator lint and yosys synthesis ({@code flow}). See docs/fpga.md.
 * Multi-core networks, the spike router, the UART bridge and bitstreams are not built yet.
 */
package snnc.hdl;
