package io.ledgerbridge.core.binding;

/**
 * Lifecycle of a binding (docs/state-machines.md). Every known binding accepts the store's events
 * (a 4xx would make the store drop them forever); only an {@code ACTIVE} one syncs them. The others
 * hold them, waiting, until the binding is active again.
 */
public enum BindingStatus {
  /** Paired with its store, not yet connected to a Sage business (the OAuth step is next). */
  PENDING_SAGE,
  ACTIVE,
  /** An operator paused syncing; events are held. */
  PAUSED,
  /**
   * Sage refused the refresh token ({@code invalid_grant}: revoked, unused for 31 days, or spent):
   * events are held until the binding is connected to Sage again.
   */
  TOKEN_REVOKED,
  /** Disconnected from Sage or from the store; events are held until it is paired again. */
  DISCONNECTED;

  /** Whether the worker syncs this binding's events now. */
  public boolean syncs() {
    return this == ACTIVE;
  }

  public String db() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static BindingStatus fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
