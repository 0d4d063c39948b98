package snnc.ir;

/** The synaptic receptor a projection targets (PyNN's {@code receptor_type}). */
public enum Receptor {
  EXCITATORY("excitatory"),
  INHIBITORY("inhibitory");

  private final String pynnName;

  Receptor(String pynnName) {
    this.pynnName = pynnName;
  }

  public String pynnName() {
    return pynnName;
  }
}
