package io.ledgerbridge.ports.in;

/** The binding is disconnected: its store must be paired again before Sage can be connected. */
public final class BindingNotPairedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public BindingNotPairedException(String tenantId) {
    super(
        "binding "
            + tenantId
            + " is disconnected: pair the store again (a new pairing code from its admin) before"
            + " connecting Sage");
  }
}
