/**
 * The abstract syntax tree: immutable records for everything the language can say, each carrying
 * the {@link snnc.diag.Span} where it was written.
 */
package snnc.frontend.ast;
