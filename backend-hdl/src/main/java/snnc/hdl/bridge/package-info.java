/**
 * The host side of the UART bridge (docs/fpga.md, "UART bridge protocol"): frame encoding and
 * reply decoding ({@link snnc.hdl.bridge.BridgeProtocol}), the start-up load image of a network
 * ({@link snnc.hdl.bridge.LoadImage}) and a client that drives a board over any byte link
 * ({@link snnc.hdl.bridge.BridgeClient}).
 */
package snnc.hdl.bridge;
