package snnc.ir.units;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The unit symbols the DSL accepts. {@code u} and {@code µ} both mean micro. */
public final class Units {

  private static final Map<String, Unit> BY_SYMBOL = new LinkedHashMap<>();

  static {
    add("s", Dimension.TIME, 3);
    add("ms", Dimension.TIME, 0);
    add("us", Dimension.TIME, -3);
    add("V", Dimension.VOLTAGE, 3);
    add("mV", Dimension.VOLTAGE, 0);
    add("uV", Dimension.VOLTAGE, -3);
    add("A", Dimension.CURRENT, 9);
    add("mA", Dimension.CURRENT, 6);
    add("uA", Dimension.CURRENT, 3);
    add("nA", Dimension.CURRENT, 0);
    add("pA", Dimension.CURRENT, -3);
    add("F", Dimension.CAPACITANCE, 9);
    add("uF", Dimension.CAPACITANCE, 3);
    add("nF", Dimension.CAPACITANCE, 0);
    add("pF", Dimension.CAPACITANCE, -3);
    add("S", Dimension.CONDUCTANCE, 6);
    add("mS", Dimension.CONDUCTANCE, 3);
    add("uS", Dimension.CONDUCTANCE, 0);
    add("nS", Dimension.CONDUCTANCE, -3);
    add("Ohm", Dimension.RESISTANCE, -6);
    add("kOhm", Dimension.RESISTANCE, -3);
    add("MOhm", Dimension.RESISTANCE, 0);
    add("GOhm", Dimension.RESISTANCE, 3);
    add("Hz", Dimension.FREQUENCY, -3);
    add("kHz", Dimension.FREQUENCY, 0);
  }

  private Units() {}

  private static void add(String symbol, Dimension dimension, int pow10) {
    BY_SYMBOL.put(symbol, new Unit(symbol, dimension, pow10));
    if (symbol.startsWith("u")) {
      String micro = "µ" + symbol.substring(1);
      BY_SYMBOL.put(micro, new Unit(micro, dimension, pow10));
    }
  }

  public static Optional<Unit> lookup(String symbol) {
    return Optional.ofNullable(BY_SYMBOL.get(symbol));
  }

  /** A unit that must exist (for built-in tables); throws for an internal error otherwise. */
  public static Unit of(String symbol) {
    return lookup(symbol).orElseThrow(() -> new IllegalArgumentException("no unit " + symbol));
  }

  public static Set<String> symbols() {
    return Collections.unmodifiableSet(BY_SYMBOL.keySet());
  }
}
