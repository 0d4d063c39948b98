package snnc.mapper.partition;

import snnc.ir.Network;
import snnc.ir.ParamValue;
import snnc.ir.Population;
import snnc.ir.model.CellType;

/**
 * Expected spike rates for the traffic model, from the model itself: a Poisson source's rate (scaled
 * by the part of the run it is active), a spike array's spike count over the run, and a default
 * rate for neurons (whose rates only a simulation could tell).
 */
public record RateModel(double neuronRateHz) {

  /** 10 Hz per neuron: a typical cortical rate, and what balanced networks settle near. */
  public static RateModel defaults() {
    return new RateModel(10.0);
  }

  /** The mean rate in Hz of cells {@code [lo, hi)} of {@code p}. */
  public double rateHz(Network network, Population p, int lo, int hi) {
    double runS = Math.max(network.runMs(), network.timestepMs()) / 1000.0;
    if (p.cellType() == CellType.SPIKE_SOURCE_POISSON) {
      double rate = mean(p.param("rate"), lo, hi, 1.0);
      double start = mean(p.param("start"), lo, hi, 0.0);
      double duration = mean(p.param("duration"), lo, hi, 1e10);
      double activeMs = Math.max(0, Math.min(network.runMs(), start + duration) - start);
      return network.runMs() > 0 ? rate * activeMs / network.runMs() : rate;
    }
    if (p.cellType() == CellType.SPIKE_SOURCE_ARRAY
        && p.param("spike_times") instanceof ParamValue.SpikeTimes times) {
      long spikes = 0;
      for (int i = lo; i < hi; i++) {
        spikes += times.of(i).size();
      }
      return spikes / (double) Math.max(1, hi - lo) / runS;
    }
    return neuronRateHz;
  }

  private static double mean(ParamValue v, int lo, int hi, double dflt) {
    if (v instanceof ParamValue.Constant c) {
      return c.value();
    }
    if (v instanceof ParamValue.PerNeuron pn) {
      double s = 0;
      for (int i = lo; i < hi; i++) {
        s += pn.values().get(i);
      }
      return s / Math.max(1, hi - lo);
    }
    return dflt;
  }
}
