package snnc.hdl;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import snnc.hdl.flow.Tool;

/**
 * Tests that need external tools: on CI ({@code CI=true}) a missing tool fails the test; on a
 * developer machine the test is skipped with the reason. Shared with the tests of sim and cli
 * through this module's test jar.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /** Skips (or on CI fails) the calling test unless every one of {@code tools} is installed. */
  public static void require(Tool... tools) {
    for (Tool tool : tools) {
      if (tool.installed()) {
        continue;
      }
      String why = tool.command() + " is not on the PATH";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + " (required when CI=true)");
      }
      Assumptions.assumeTrue(false, why
          + ": skipped (install it, or set CI=true to make this fail)");
    }
  }
}
