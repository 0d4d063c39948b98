package snnc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The snnc version, from the resource Maven fills in at build time. */
final class Version implements CommandLine.IVersionProvider {

  static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/snnc/cli/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"snnc " + current()};
  }
}
