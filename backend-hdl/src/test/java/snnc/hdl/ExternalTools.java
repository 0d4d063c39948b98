package snnc.hdl;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import snnc.hdl.flow.Tool;

/**
 * Tests that need an external tool: on CI ({@code CI=true}) a missing tool fails the test; on a
 * developer machine the test is skipped with the reason.
 */
final class ExternalTools {

  private ExternalTools() {}

  static void require(Tool tool) {
    if (tool.installed()) {
      return;
    }
    String why = tool.command() + " is not on the PATH";
    if ("true".equals(System.getenv("CI"))) {
      fail(why + " (required when CI=true)");
    }
    Assumptions.assumeTrue(false, why + ": skipped (install it, or set CI=true to make this fail)");
  }
}
