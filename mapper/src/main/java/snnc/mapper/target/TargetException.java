package snnc.mapper.target;

/** A target file or name that cannot be used; the message says where and why. */
public final class TargetException extends Exception {
  public TargetException(String message) {
    super(message);
  }
}
