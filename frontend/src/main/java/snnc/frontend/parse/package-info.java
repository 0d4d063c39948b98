/**
 * The parser: the ANTLR grammar {@code Snn.g4}, an error strategy that turns every lexical and
 * syntax error into a {@link snnc.diag.Diagnostic}, and the conversion of parse trees into AST
 * records.
 */
package snnc.frontend.parse;
