package snnc.diag;

/** How bad a diagnostic is; only {@link #ERROR} makes a command fail. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  NOTE("note");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The lower-case word printed in rendered diagnostics. */
  public String label() {
    return label;
  }
}
