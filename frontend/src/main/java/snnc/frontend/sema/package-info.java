/**
 * Semantic analysis: loading files and imports, name scopes, evaluation of constant expressions
 * with dimension checking, and checking of cell templates against the cell type catalogue.
 */
package snnc.frontend.sema;
