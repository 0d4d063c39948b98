package snnc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void matchesTheDocumentedMix() {
    // Reference values computed independently (Python) from the javadoc's description.
    assertEquals(0xaf63dc4c8601ec8cL, Seeds.fnv1a64("a"));
    assertEquals(-9107296189582627421L, Seeds.derive(0, "ext->exc"));
    assertEquals(3171762329641936916L, Seeds.derive(1234, "ext->exc"));
    assertEquals(-7346831982672718580L, Seeds.derive(0, "exc.v_thresh"));
  }

  @Test
  void differsByBaseAndName() {
    assertNotEquals(Seeds.derive(1, "a->b"), Seeds.derive(2, "a->b"));
    assertNotEquals(Seeds.derive(1, "a->b"), Seeds.derive(1, "a->b#2"));
  }
}
