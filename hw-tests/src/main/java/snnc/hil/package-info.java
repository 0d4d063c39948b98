/**
 * The hardware-in-the-loop regression harness: a corpus of models run on every configured target and
 * compared spike for spike with the golden simulator. Not built yet.
 */
package snnc.hil;
