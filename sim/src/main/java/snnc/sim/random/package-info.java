/**
 * Seeded random networks for cross-target equivalence tests, generated as snnc source text so a
 * failing case can be printed and kept.
 */
package snnc.sim.random;
