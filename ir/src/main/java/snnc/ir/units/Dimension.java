package snnc.ir.units;

/**
 * A physical dimension as integer exponents of time, voltage and current. Capacitance is
 * current·time/voltage, conductance current/voltage, frequency 1/time; that basis makes PyNN's
 * units (ms, mV, nA, nF, µS) one coherent system.
 */
public record Dimension(int time, int voltage, int current) {

  public static final Dimension NONE = new Dimension(0, 0, 0);
  public static final Dimension TIME = new Dimension(1, 0, 0);
  public static final Dimension VOLTAGE = new Dimension(0, 1, 0);
  public static final Dimension CURRENT = new Dimension(0, 0, 1);
  public static final Dimension CAPACITANCE = new Dimension(1, -1, 1);
  public static final Dimension CONDUCTANCE = new Dimension(0, -1, 1);
  public static final Dimension RESISTANCE = new Dimension(0, 1, -1);
  public static final Dimension FREQUENCY = new Dimension(-1, 0, 0);
  /** Izhikevich's recovery variable rate, mV/ms. */
  public static final Dimension VOLTAGE_PER_TIME = new Dimension(-1, 1, 0);

  public Dimension times(Dimension other) {
    return new Dimension(time + other.time, voltage + other.voltage, current + other.current);
  }

  public Dimension divide(Dimension other) {
    return new Dimension(time - other.time, voltage - other.voltage, current - other.current);
  }

  public Dimension power(int n) {
    return new Dimension(time * n, voltage * n, current * n);
  }

  public boolean isNone() {
    return equals(NONE);
  }

  /** A human name, e.g. "time", "voltage", or a formula like "voltage/time" for others. */
  public String describe() {
    if (equals(NONE)) {
      return "dimensionless";
    } else if (equals(TIME)) {
      return "time";
    } else if (equals(VOLTAGE)) {
      return "voltage";
    } else if (equals(CURRENT)) {
      return "current";
    } else if (equals(CAPACITANCE)) {
      return "capacitance";
    } else if (equals(CONDUCTANCE)) {
      return "conductance";
    } else if (equals(RESISTANCE)) {
      return "resistance";
    } else if (equals(FREQUENCY)) {
      return "frequency";
    }
    return formula();
  }

  private String formula() {
    StringBuilder num = new StringBuilder();
    StringBuilder den = new StringBuilder();
    appendFactor(num, den, "time", time);
    appendFactor(num, den, "voltage", voltage);
    appendFactor(num, den, "current", current);
    String n = num.length() == 0 ? "1" : num.toString();
    return den.length() == 0 ? n : n + "/" + den;
  }

  private static void appendFactor(StringBuilder num, StringBuilder den, String name, int exp) {
    if (exp == 0) {
      return;
    }
    StringBuilder target = exp > 0 ? num : den;
    if (target.length() > 0) {
      target.append('·');
    }
    target.append(name);
    if (Math.abs(exp) > 1) {
      target.append('^').append(Math.abs(exp));
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
