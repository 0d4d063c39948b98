package snnc.cli;

import java.io.PrintWriter;

/** The answer of a verb whose engine has not been built yet: says so and exits with 2. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  static int report(PrintWriter err, String verb, String what) {
    err.println("snnc " + verb + ": " + what + " is not built yet in this version of snnc.");
    return Main.INTERNAL_ERROR;
  }
}
