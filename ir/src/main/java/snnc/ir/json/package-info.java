/** The canonical JSON form of the IR ({@code ir.json}, format {@code snnc-ir/1}). */
package snnc.ir.json;
