package io.ledgerbridge.ports.in;

/**
 * Disconnects a binding from either side (PRODUCT §5): its Sage refresh token is revoked at Sage
 * and forgotten here, the binding becomes {@code disconnected}, its cross-references and history
 * stay (a reconnect creates no duplicate), and events it already accepted are held, not lost.
 */
public interface DisconnectBindingUseCase {

  /**
   * @throws UnknownBindingException if the tenant has no binding
   */
  Disconnected disconnect(String tenantId, Side side);

  /** Who asked. */
  enum Side {
    /** The store's admin pressed Disconnect (WIRE §1B L4); the store has forgotten its key. */
    STORE,
    /** An operator (CLI or console); the store is not told (it has no route for it). */
    OPERATOR
  }

  /**
   * @param alreadyDisconnected the binding was disconnected before (nothing changed)
   * @param sageRevoked Sage confirmed the revocation; false when there was no token or Sage could
   *     not be reached (the token is forgotten here all the same)
   */
  record Disconnected(String tenantId, boolean alreadyDisconnected, boolean sageRevoked) {}
}
