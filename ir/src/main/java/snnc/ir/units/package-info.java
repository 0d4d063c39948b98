/** Physical units and dimension checking in PyNN's unit system (ms, mV, nA, nF, µS, Hz). */
package snnc.ir.units;
