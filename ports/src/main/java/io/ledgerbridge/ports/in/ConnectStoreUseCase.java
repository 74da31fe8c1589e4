package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.binding.BindingStatus;

/**
 * Pairs a store with the chassis (PRODUCT §5 "Connect flows", WIRE §7): the merchant generated a
 * pairing code in the store's admin; the chassis makes up a tenant id and a 256-bit api key and
 * hands both to the store in exchange for the code. A store already bound (same base URL, or the
 * tenant named) is paired again: its key rotates, its tenant id, history and cross-references stay,
 * so nothing it synced before is created again.
 */
public interface ConnectStoreUseCase {

  PairingResult pair(PairCommand command);

  /**
   * @param magentoBaseUrl the store's base URL (the one its REST API answers under)
   * @param pairingCode the code the store's admin generated (valid 30 minutes, once)
   * @param tenantId null, or the binding to pair again under a new store URL (a store that moved)
   */
  record PairCommand(String magentoBaseUrl, String pairingCode, String tenantId) {
    @Override
    public String toString() {
      return "PairCommand[" + magentoBaseUrl + ", tenant " + tenantId + "]";
    }
  }

  /** How a pairing ended. */
  sealed interface PairingResult permits Paired, Refused, StoreUnavailable {}

  /**
   * The store took the key.
   *
   * @param status the binding's status now: {@code pending_sage} until it is connected to Sage
   * @param repaired an existing binding was paired again (its key rotated)
   */
  record Paired(String tenantId, BindingStatus status, boolean repaired) implements PairingResult {}

  /** The pairing was refused; trying again with the same input will not help. */
  record Refused(Reason reason, String message) implements PairingResult {}

  /**
   * The store could not be reached or failed (a network error, a timeout, a 5xx): try again while
   * the code is valid. The store may have been paired all the same; a retry pairs it again.
   */
  record StoreUnavailable(String message) implements PairingResult {}

  /** Why a pairing was refused. */
  enum Reason {
    /** The chassis is not configured for pairing (no public URL). */
    NOT_CONFIGURED,
    /** The store URL or the code is malformed, or the tenant named is unknown. */
    INVALID_INPUT,
    /** The store refused the request itself (WIRE §7.3 steps 0–2: a missing field, a bad URL). */
    STORE_REJECTED_REQUEST,
    /** The store refused the code: invalid, expired (30 minutes) or already used. */
    INVALID_PAIRING_CODE,
    /** The store has no pairing route or redirected: wrong URL, or the module is missing. */
    NOT_A_PAIRABLE_STORE
  }
}
