/** Benchmarks for speed and memory targets; run with {@code bench/run}, never as unit tests. */
package snnc.bench;
