package snnc.ir.numerics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import snnc.ir.PopulationId;
import snnc.ir.ProjectionId;
import snnc.ir.Receptor;

/**
 * What the {@code quantise} pass decided and measured: the weight shift of every (post population,
 * receptor) that receives input, and per projection how its weights fared.
 */
public record Quantisation(NumericsProfile profile, Map<ShiftKey, Shift> shifts,
    List<ProjectionReport> projections) {

  /** Identifies one receptor of one population. */
  public record ShiftKey(PopulationId post, Receptor receptor) implements Comparable<ShiftKey> {
    @Override
    public int compareTo(ShiftKey o) {
      int c = post.name().compareTo(o.post.name());
      return c != 0 ? c : receptor.compareTo(o.receptor);
    }
  }

  /**
   * A chosen left shift: a raw weight w adds w·2^shift LSBs of {@code format} (real weight
   * w·2^(shift − format.frac)); {@code maxWeight} is the largest |w| it was chosen for.
   */
  public record Shift(int shift, QFormat format, double maxWeight) {
    /** Raw units per unit of real weight: 2^(frac − shift). */
    public double scale() {
      return Math.scalb(1.0, format.fracBits() - shift);
    }

    /** The smallest non-zero weight this shift represents. */
    public double smallestWeight() {
      return Math.scalb(1.0, shift - format.fracBits());
    }
  }

  /**
   * One projection's weights: synapses, those (non-zero as written) that round to 0, those that
   * saturate at the largest weight word, the smallest non-zero |w| written, and the largest
   * relative error |wq − w|/|w| over non-zero weights (1.0 when one became zero).
   */
  public record ProjectionReport(ProjectionId projection, ShiftKey target, long synapses,
      long zeroWeights, long saturatedWeights, double smallestWeight, double maxRelativeError) {}

  public Quantisation {
    shifts = Map.copyOf(new TreeMap<>(shifts));
    projections = List.copyOf(projections);
  }

  public Optional<Shift> shift(PopulationId post, Receptor receptor) {
    return Optional.ofNullable(shifts.get(new ShiftKey(post, receptor)));
  }

  public Optional<ProjectionReport> report(ProjectionId id) {
    return projections.stream().filter(r -> r.projection().equals(id)).findFirst();
  }

  /**
   * The raw weight word of a real weight under {@code shift}: |w|·2^(frac − shift) rounded to
   * nearest, ties away from zero, saturated at the profile's largest weight.
   */
  public long weightRaw(Shift shift, double weight) {
    long raw = FixedPoint.encode(Math.abs(weight) * shift.scale(), 0);
    return Math.min(profile.weightMaxRaw(), raw);
  }

  /** The largest relative weight error over all projections. */
  public double maxRelativeError() {
    return projections.stream().mapToDouble(ProjectionReport::maxRelativeError).max().orElse(0.0);
  }

  /** A sorted, stable text form for reports and golden tests. */
  public String render() {
    StringBuilder s = new StringBuilder("quantisation profile=").append(profile.name())
        .append('\n');
    TreeMap<ShiftKey, Shift> sorted = new TreeMap<>(shifts);
    for (Map.Entry<ShiftKey, Shift> e : sorted.entrySet()) {
      Shift sh = e.getValue();
      s.append(String.format("shift %s.%s = %d (%s, max |w| %s, smallest %s)%n",
          e.getKey().post().name(), e.getKey().receptor().pynnName(), sh.shift(), sh.format(),
          sh.maxWeight(), sh.smallestWeight()));
    }
    for (ProjectionReport r : projections) {
      s.append(String.format("projection %s: synapses %d, zero %d, saturated %d, "
              + "max relative error %.6g%n", r.projection().name(), r.synapses(),
          r.zeroWeights(), r.saturatedWeights(), r.maxRelativeError()));
    }
    return s.toString();
  }
}
