package snnc.ir;

/** Static or plastic synapses (PyNN's StaticSynapse and STDPMechanism). */
public sealed interface SynapseDynamics {

  record Static() implements SynapseDynamics {}

  /** Pair-based STDP; time constants in ms. */
  record Stdp(PairRule timing, WeightDependence weightDependence) implements SynapseDynamics {}

  /** PyNN's SpikePairRule. */
  record PairRule(double tauPlusMs, double tauMinusMs, double aPlus, double aMinus) {}

  /** PyNN's weight dependences; bounds in the projection's weight unit. */
  sealed interface WeightDependence {
    double wMin();

    double wMax();

    String kind();
  }

  record Additive(double wMin, double wMax) implements WeightDependence {
    public String kind() {
      return "additive";
    }
  }

  record Multiplicative(double wMin, double wMax) implements WeightDependence {
    public String kind() {
      return "multiplicative";
    }
  }
}
