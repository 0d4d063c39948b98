package snnc.ir.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 helpers shared by content digests (IR JSON, expansion digests) and content-hashed caches
 * (Verilator builds), so every module names and formats its hashes the same way.
 */
public final class Digests {
  private Digests() {}

  /** A fresh SHA-256 digest; every JVM must provide the algorithm, so its absence is a bug. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM must provide SHA-256", e);
    }
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text}, as 64 lower-case hex digits. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
