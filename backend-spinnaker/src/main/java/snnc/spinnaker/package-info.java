/**
 * The SpiNNaker backend: per-core data regions ({@code regions}), per-chip routing tables
 * ({@code tables}), APLX images ({@code image}) and the SCP/SDP loader ({@code scp}); the ARM runtime's
 * C sources live under {@code src/main/c}. Not built yet.
 */
package snnc.spinnaker;
