package snnc.cli;

import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import snnc.sim.trace.SpikeRecord;
import snnc.sim.trace.SpikeTrace;

/**
 * The raster plot of a run: one dot per spike, time on x, neurons on y with the populations stacked
 * in network order (the first at the bottom), one colour and legend entry per population. Drawn
 * with XChart; the same spikes give the same PNG bytes on the same JVM and fonts.
 */
final class RasterPlot {

  static final int WIDTH = 1200;
  static final int HEIGHT = 700;

  /** One population's band of the plot. */
  record Band(String population, int rows) {}

  private RasterPlot() {}

  /** The PNG bytes of the raster of {@code spikes} over {@code [0, runMs]}. */
  static byte[] png(String title, List<Band> bands, SpikeTrace spikes, double runMs)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("time (ms)").yAxisTitle("neuron (populations stacked)").build();
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    // Small runs get bigger dots so that a handful of spikes stays visible.
    styler.setMarkerSize(spikes.size() < 2_000 ? 6 : 3);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setXAxisMin(0.0);
    styler.setXAxisMax(Math.max(runMs, spikes.timestepMs()));
    styler.setYAxisMin(0.0);
    int totalRows = 0;
    for (Band b : bands) {
      totalRows += b.rows();
    }
    styler.setYAxisMax((double) Math.max(totalRows, 1));
    int offset = 0;
    for (Band band : bands) {
      List<SpikeRecord> own = spikes.of(band.population());
      double[] x = new double[own.size()];
      double[] y = new double[own.size()];
      for (int k = 0; k < x.length; k++) {
        x[k] = own.get(k).step() * spikes.timestepMs();
        y[k] = offset + own.get(k).index() + 0.5;
      }
      String label = band.population() + " (" + own.size() + ")";
      if (x.length == 0) {
        // XChart needs data in every series; a point outside the axes keeps the legend entry.
        x = new double[] {-1.0};
        y = new double[] {-1.0};
      }
      XYSeries series = chart.addSeries(label, x, y);
      series.setMarker(SeriesMarkers.CIRCLE);
      offset += band.rows();
    }
    if (bands.isEmpty()) {
      chart.addSeries("no recorded spikes", new double[] {-1.0}, new double[] {-1.0});
    }
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
