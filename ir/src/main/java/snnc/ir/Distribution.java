package snnc.ir;

/**
 * A seeded random distribution for parameters, weights and delays. Bounds and moments are in the
 * coherent unit of the quantity they describe (ms, mV, nA, µS…).
 */
public sealed interface Distribution {

  /** The DSL name, e.g. {@code uniform}. */
  String kind();

  /** Uniform on [low, high). */
  record Uniform(double low, double high) implements Distribution {
    public String kind() {
      return "uniform";
    }
  }

  /** Normal with the given mean and standard deviation. */
  record Normal(double mean, double sd) implements Distribution {
    public String kind() {
      return "normal";
    }
  }

  /** Normal redrawn until the value lies in [low, high], like PyNN's normal_clipped. */
  record NormalClipped(double mean, double sd, double low, double high) implements Distribution {
    public String kind() {
      return "normal_clipped";
    }
  }

  /** Exponential with the given mean (PyNN's {@code beta}). */
  record Exponential(double mean) implements Distribution {
    public String kind() {
      return "exponential";
    }
  }
}
