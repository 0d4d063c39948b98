/**
 * The FPGA backend: lowers a mapped network to an RTL model ({@code lower}), prints Verilog-2005 and
 * memory images ({@code emit}), and runs lint, synthesis, place-and-route and packing ({@code flow}).
 * Not built yet: see the FPGA backend issue.
 */
package snnc.hdl;
