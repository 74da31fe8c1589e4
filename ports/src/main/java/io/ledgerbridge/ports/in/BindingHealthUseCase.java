package io.ledgerbridge.ports.in;

import java.time.Instant;

/**
 * How one binding is doing, for the console's bindings page: the state of its Sage connection
 * (never the tokens themselves), its last successful sync and the age of its reference data.
 */
public interface BindingHealthUseCase {

  /** Throws {@link UnknownBindingException} for an unknown tenant. */
  BindingHealth health(String tenantId);

  /** The binding's Sage access, as far as the chassis knows without calling Sage. */
  enum SageAccess {
    /** Tokens held and refreshed recently. */
    CONNECTED,
    /**
     * Tokens held, but the refresh token has not been rotated for longer than the keep-alive
     * allows: Sage lets it expire after 31 days unused.
     */
    EXPIRING,
    /** Sage refused the binding's tokens; reconnect Sage. */
    REVOKED,
    /** No tokens held (Sage not connected yet, or disconnected). */
    NONE
  }

  /**
   * @param lastSuccessAt when the binding's newest succeeded run ended; null when none has
   * @param referenceFetchedAt when its Sage reference data was last fetched; null when never
   */
  record BindingHealth(
      String tenantId, SageAccess sage, Instant lastSuccessAt, Instant referenceFetchedAt) {}
}
