/**
 * Maps a network onto a target: target models ({@code target}), partitioning into core-sized slices
 * ({@code partition}), placement (greedy start, local search and JaCoP in {@code place.cp}),
 * multicast routing ({@code route}), key allocation ({@code keys}), per-chip tables and their
 * compression ({@code tables}) and the written artefacts ({@code report}). {@link snnc.mapper.Mapper}
 * runs the stages in order.
 */
package snnc.mapper;
