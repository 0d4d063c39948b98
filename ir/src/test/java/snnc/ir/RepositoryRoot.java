package snnc.ir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of the snnc checkout, for the tests of every module that read files outside their own
 * module ({@code examples/}, {@code bench/reference/}, another module's test resources). Shared
 * through this module's test jar.
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /**
   * {@code -Dsnnc.repo.root} (the parent pom sets it for every module's tests) if it holds
   * {@code examples/}, else the nearest folder above the working directory holding
   * {@code examples/} and {@code mvnw} (a test run from an IDE).
   *
   * @throws IllegalStateException if there is none: the tests cannot run outside a checkout
   */
  public static Path path() {
    String property = System.getProperty("snnc.repo.root");
    if (property != null && !property.isBlank()
        && Files.isDirectory(Path.of(property, "examples"))) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no snnc checkout (examples/ and mvnw) at or above " + start);
  }

  /** The example models' folder, {@code examples/}. */
  public static Path examples() {
    return path().resolve("examples");
  }
}
