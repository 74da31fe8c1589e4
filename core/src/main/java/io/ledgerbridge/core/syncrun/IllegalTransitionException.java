package io.ledgerbridge.core.syncrun;

/** Thrown when code asks a state machine for a transition its table does not allow. */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public IllegalTransitionException(String machine, Object from, Object to) {
    super(machine + ": illegal transition " + from + " -> " + to);
  }
}
