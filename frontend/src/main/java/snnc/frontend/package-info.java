/**
 * The snnc frontend: {@link snnc.frontend.Frontend} turns a {@code .snn} model into an IR
 * {@link snnc.ir.Network}. Stages are sub-packages: {@code parse} (grammar, syntax errors),
 * {@code ast} (syntax tree records), {@code sema} (names, units, constant evaluation, imports) and
 * {@code lower} (elaboration into the IR).
 */
package snnc.frontend;
