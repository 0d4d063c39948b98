/**
 * Maps a network onto a target: target models, partitioning into core-sized slices, placement
 * (greedy start plus JaCoP windows), multicast routing, key allocation and compressed routing tables.
 * Sub-packages follow the stages: {@code target}, {@code partition}, {@code place}, {@code route},
 * {@code keys}, {@code tables}. Not built yet: see the mapper issue.
 */
package snnc.mapper;
