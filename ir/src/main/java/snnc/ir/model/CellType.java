package snnc.ir.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import snnc.ir.units.Dimension;
import snnc.ir.units.Unit;
import snnc.ir.units.Units;

/**
 * The neuron models and spike sources of the DSL, with PyNN's names, units and defaults
 * (PyNN 0.10). Adding a model here makes it known to the frontend, the validator and the printers.
 */
public enum CellType {
  IF_CURR_EXP("IF_curr_exp", Kind.NEURON, Units.of("nA"), List.of(
      p("cm", "nF", 1.0, ParamSpec.Constraint.POSITIVE),
      p("tau_m", "ms", 20.0, ParamSpec.Constraint.POSITIVE),
      p("tau_refrac", "ms", 0.1, ParamSpec.Constraint.NON_NEGATIVE),
      p("tau_syn_E", "ms", 5.0, ParamSpec.Constraint.POSITIVE),
      p("tau_syn_I", "ms", 5.0, ParamSpec.Constraint.POSITIVE),
      p("i_offset", "nA", 0.0, ParamSpec.Constraint.ANY),
      p("v_rest", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("v_reset", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("v_thresh", "mV", -50.0, ParamSpec.Constraint.ANY),
      init("v", "mV", "v_rest"),
      init("isyn_exc", "nA", 0.0),
      init("isyn_inh", "nA", 0.0))),
  IF_CURR_DELTA("IF_curr_delta", Kind.NEURON, Units.of("mV"), List.of(
      p("cm", "nF", 1.0, ParamSpec.Constraint.POSITIVE),
      p("tau_m", "ms", 20.0, ParamSpec.Constraint.POSITIVE),
      p("tau_refrac", "ms", 0.1, ParamSpec.Constraint.NON_NEGATIVE),
      p("i_offset", "nA", 0.0, ParamSpec.Constraint.ANY),
      p("v_rest", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("v_reset", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("v_thresh", "mV", -50.0, ParamSpec.Constraint.ANY),
      init("v", "mV", "v_rest"))),
  IF_COND_EXP("IF_cond_exp", Kind.NEURON, Units.of("uS"), List.of(
      p("cm", "nF", 1.0, ParamSpec.Constraint.POSITIVE),
      p("tau_m", "ms", 20.0, ParamSpec.Constraint.POSITIVE),
      p("tau_refrac", "ms", 0.1, ParamSpec.Constraint.NON_NEGATIVE),
      p("tau_syn_E", "ms", 5.0, ParamSpec.Constraint.POSITIVE),
      p("tau_syn_I", "ms", 5.0, ParamSpec.Constraint.POSITIVE),
      p("i_offset", "nA", 0.0, ParamSpec.Constraint.ANY),
      p("v_rest", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("v_reset", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("v_thresh", "mV", -50.0, ParamSpec.Constraint.ANY),
      p("e_rev_E", "mV", 0.0, ParamSpec.Constraint.ANY),
      p("e_rev_I", "mV", -70.0, ParamSpec.Constraint.ANY),
      init("v", "mV", "v_rest"),
      init("gsyn_exc", "uS", 0.0),
      init("gsyn_inh", "uS", 0.0))),
  IZHIKEVICH("Izhikevich", Kind.NEURON, Units.of("nA"), List.of(
      p("a", Dimension.FREQUENCY, 0.02, ParamSpec.Constraint.ANY),
      p("b", Dimension.FREQUENCY, 0.2, ParamSpec.Constraint.ANY),
      p("c", "mV", -65.0, ParamSpec.Constraint.ANY),
      p("d", Dimension.VOLTAGE_PER_TIME, 2.0, ParamSpec.Constraint.ANY),
      p("i_offset", "nA", 0.0, ParamSpec.Constraint.ANY),
      init("v", "mV", -70.0),
      initDim("u", Dimension.VOLTAGE_PER_TIME, -14.0))),
  SPIKE_SOURCE_ARRAY("SpikeSourceArray", Kind.SOURCE, Units.of("nA"), List.of(
      p("spike_times", "ms", 0.0, ParamSpec.Constraint.NON_NEGATIVE))),
  SPIKE_SOURCE_POISSON("SpikeSourcePoisson", Kind.SOURCE, Units.of("nA"), List.of(
      p("rate", "Hz", 1.0, ParamSpec.Constraint.NON_NEGATIVE),
      p("start", "ms", 0.0, ParamSpec.Constraint.NON_NEGATIVE),
      p("duration", "ms", 1e10, ParamSpec.Constraint.NON_NEGATIVE)));

  /** Whether a cell integrates input (a neuron) or only emits spikes (a source). */
  public enum Kind {
    NEURON,
    SOURCE
  }

  private final String pynnName;
  private final Kind kind;
  private final Unit weightUnit;
  private final List<ParamSpec> params;

  CellType(String pynnName, Kind kind, Unit weightUnit, List<ParamSpec> params) {
    this.pynnName = pynnName;
    this.kind = kind;
    this.weightUnit = weightUnit;
    this.params = params;
  }

  public String pynnName() {
    return pynnName;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isSource() {
    return kind == Kind.SOURCE;
  }

  /**
   * The unit of weights of projections onto this cell type: nA for current-based cells, µS for
   * conductance-based ones, mV (a voltage jump) for delta synapses.
   */
  public Unit weightUnit() {
    return weightUnit;
  }

  /** Parameters and initial values, in PyNN's order. */
  public List<ParamSpec> params() {
    return params;
  }

  public Optional<ParamSpec> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public static Optional<CellType> byPynnName(String name) {
    return Arrays.stream(values()).filter(c -> c.pynnName.equals(name)).findFirst();
  }

  public static List<String> pynnNames() {
    List<String> names = new ArrayList<>();
    for (CellType c : values()) {
      names.add(c.pynnName);
    }
    return names;
  }

  private static ParamSpec p(String name, String unit, double def, ParamSpec.Constraint c) {
    return new ParamSpec(name, Units.of(unit), def, Optional.empty(), c, false);
  }

  private static ParamSpec p(String name, Dimension dim, double def, ParamSpec.Constraint c) {
    return new ParamSpec(name, coherent(dim), def, Optional.empty(), c, false);
  }

  private static ParamSpec init(String name, String unit, double def) {
    return new ParamSpec(name, Units.of(unit), def, Optional.empty(),
        ParamSpec.Constraint.ANY, true);
  }

  private static ParamSpec init(String name, String unit, String from) {
    return new ParamSpec(name, Units.of(unit), Double.NaN, Optional.of(from),
        ParamSpec.Constraint.ANY, true);
  }

  private static ParamSpec initDim(String name, Dimension dim, double def) {
    return new ParamSpec(name, coherent(dim), def, Optional.empty(),
        ParamSpec.Constraint.ANY, true);
  }

  /** The coherent unit of a dimension with no symbol of its own (PyNN writes 1/ms, mV/ms). */
  private static Unit coherent(Dimension dim) {
    String symbol = dim.equals(Dimension.FREQUENCY) ? "1/ms" : "mV/ms";
    return new Unit(symbol, dim, 0);
  }
}
