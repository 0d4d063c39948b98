package snnc.hdl.bridge;

/** The board said no, or its reply was malformed; the message says which. */
public final class BridgeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BridgeException(String message) {
    super(message);
  }
}
