/** Writing artefacts safely: whole files or nothing. */
package snnc.ir.io;
