/** The whole-graph {@link snnc.ir.verify.NetworkVerifier verifier} and its {@code verify} pass. */
package snnc.ir.verify;
