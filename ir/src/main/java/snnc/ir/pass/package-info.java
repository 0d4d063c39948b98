/**
 * Pass infrastructure: {@link snnc.ir.pass.Pass named passes}, the {@link snnc.ir.pass.PassContext
 * context} they report into, an explicit {@link snnc.ir.pass.PassRegistry registry} and the
 * {@link snnc.ir.pass.PassManager manager} that runs a pipeline and prints the IR between passes.
 */
package snnc.ir.pass;
