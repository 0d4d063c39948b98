package snnc.hdl.lower;

import java.math.BigInteger;
import java.util.List;

/**
 * An RTL expression. The printer parenthesises every operator application, so trees need no
 * precedence handling; widths are the generator's business (it declares an intermediate wire
 * wherever Verilog's width rules would otherwise be implicit).
 */
public sealed interface Expr {

  /** A signal, parameter or memory read register by name. */
  record Ref(String name) implements Expr {}

  /** A sized literal, printed in hex ({@code 16'h00ff}, {@code 16'sh8000} when signed). */
  record Lit(int width, BigInteger value, boolean signed) implements Expr {}

  /** An unsized integer, for shift amounts and parameter values. */
  record Int(long value) implements Expr {}

  /** A string literal (file names of memory images). */
  record Str(String value) implements Expr {}

  /** {@code (a op b)}. */
  record Bin(String op, Expr a, Expr b) implements Expr {}

  /** {@code (op a)}. */
  record Un(String op, Expr a) implements Expr {}

  /** {@code (c ? a : b)}. */
  record Cond(Expr c, Expr a, Expr b) implements Expr {}

  /** {@code {a, b, …}}, most significant first. */
  record Cat(List<Expr> parts) implements Expr {
    public Cat {
      parts = List.copyOf(parts);
    }
  }

  /** {@code {n{e}}}. */
  record Rep(int n, Expr e) implements Expr {}

  /** {@code name[hi:lo]} or {@code name[hi]} when hi == lo. */
  record Slice(String name, int hi, int lo) implements Expr {}

  /** A system function call such as {@code $signed(x)}. */
  record Sys(String function, List<Expr> args) implements Expr {
    public Sys {
      args = List.copyOf(args);
    }
  }

  static Ref ref(String name) {
    return new Ref(name);
  }

  static Lit lit(int width, long value) {
    return new Lit(width, BigInteger.valueOf(value).and(mask(width)), false);
  }

  static Lit zeros(int width) {
    return lit(width, 0);
  }

  static Lit ones(int width) {
    return new Lit(width, mask(width), false);
  }

  /** The signed literal of {@code value} in {@code width} bits (two's complement). */
  static Lit signedLit(int width, BigInteger value) {
    return new Lit(width, value.and(mask(width)), true);
  }

  static BigInteger mask(int width) {
    return BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
  }

  static Expr bin(Expr a, String op, Expr b) {
    return new Bin(op, a, b);
  }

  static Expr eq(Expr a, Expr b) {
    return new Bin("==", a, b);
  }

  static Expr and(Expr a, Expr b) {
    return new Bin("&&", a, b);
  }

  static Expr or(Expr a, Expr b) {
    return new Bin("||", a, b);
  }

  static Expr not(Expr a) {
    return new Un("!", a);
  }

  static Expr cond(Expr c, Expr a, Expr b) {
    return new Cond(c, a, b);
  }

  static Expr cat(Expr... parts) {
    return new Cat(List.of(parts));
  }

  static Expr bit(String name, int index) {
    return new Slice(name, index, index);
  }

  static Expr slice(String name, int hi, int lo) {
    return new Slice(name, hi, lo);
  }

  static Expr signed(Expr e) {
    return new Sys("$signed", List.of(e));
  }
}
