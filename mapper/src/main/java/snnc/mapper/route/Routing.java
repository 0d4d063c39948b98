package snnc.mapper.route;

import java.util.List;
import snnc.mapper.keys.KeyAllocation;
import snnc.mapper.place.Placement;

/**
 * Routes for a placement: one multicast tree per slice that sends, the keys, and the packet load on
 * every directed link ({@code linkLoad[chip * directions + d]}, expected packets per second).
 */
public record Routing(Placement placement, KeyAllocation keys, List<RouteTree> trees,
    double[] linkLoad) {

  public RouteTree tree(int slice) {
    return trees.get(slice);
  }

  public double maxLinkLoad() {
    double m = 0;
    for (double l : linkLoad) {
      m = Math.max(m, l);
    }
    return m;
  }
}
