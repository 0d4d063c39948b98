package snnc.ir.pass;

/** An internal bug inside a pass (never a user error, which is a diagnostic); names the pass. */
public final class PassException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String passName;

  public PassException(String passName, String message, Throwable cause) {
    super("internal error in pass '" + passName + "': " + message, cause);
    this.passName = passName;
  }

  public String passName() {
    return passName;
  }
}
