package snnc.mapper.route;

/**
 * The multicast tree of one slice: for every chip it visits, the direction the packet was travelling
 * when it arrived ({@code -1} at the source; it came in on the opposite link), the links it leaves on (bit per direction) and the cores it is delivered to (bit per
 * physical core). Chips are listed in the order the tree was grown (source first).
 */
public record RouteTree(int slice, int sourceChip, int[] chips, int[] inLink, int[] outLinks,
    long[] cores) {

  public int size() {
    return chips.length;
  }
}
