/** The catalogue of cell types (neuron models and spike sources) with PyNN names and defaults. */
package snnc.ir.model;
