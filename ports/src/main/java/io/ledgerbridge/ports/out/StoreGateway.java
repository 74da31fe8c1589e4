package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.syncrun.EntitySyncState;

/**
 * The store (Magento with the connector module): canonical reads and the sync-state callback.
 * Failures are {@link io.ledgerbridge.core.failure.GatewayException}s.
 */
public interface StoreGateway {

  CanonicalInvoice fetchInvoice(StoreEndpoint store, long invoiceId);

  /** The payment of an invoice: {@code GET /V1/byte8/payment/:invoiceId} (WIRE §3.6). */
  CanonicalPayment fetchPayment(StoreEndpoint store, long invoiceId);

  /** A credit memo: {@code GET /V1/byte8/creditmemo/:id} (WIRE §3.5). */
  CanonicalCreditMemo fetchCreditMemo(StoreEndpoint store, long creditMemoId);

  /** A registered customer: {@code GET /V1/byte8/customer/:id} (WIRE §3.3; never id 0). */
  CanonicalContact fetchCustomer(StoreEndpoint store, long customerId);

  /** A catalogue product: {@code GET /V1/byte8/product/:id} (WIRE §3.7). */
  CanonicalProduct fetchProduct(StoreEndpoint store, long productId);

  /**
   * Tells the store the sync state of one of its entities (its admin grid shows it). How that is
   * spelled on the wire (field names, status words, the provider key) is the adapter's business.
   */
  void pushSyncState(StoreEndpoint store, EntitySyncState state);

  /**
   * Pairs the store with this chassis ({@code POST {store}/rest/V1/byte8/setup/pair}, WIRE §7):
   * hands it the tenant id, the master api key and the chassis's base URL in exchange for the
   * pairing code its admin generated.
   *
   * @return {@link Paired}, or {@link PairingRefused} with the store's own message when it refused
   *     (a missing field, a bad URL, an invalid or expired code, a route it does not have)
   * @throws io.ledgerbridge.core.failure.GatewayException when the store could not be reached or
   *     failed (transient: worth trying again with the same code while it is valid)
   */
  PairingAnswer pair(String storeBaseUrl, PairingRequest request);

  /** What the chassis sends to pair. {@code toString} hides the key. */
  record PairingRequest(String pairingCode, String tenantId, String apiKey, String ledgerBaseUrl) {
    @Override
    public String toString() {
      return "PairingRequest[" + tenantId + " -> " + ledgerBaseUrl + "]";
    }
  }

  /** The store's answer to a pairing. */
  sealed interface PairingAnswer permits Paired, PairingRefused {}

  /** The store took the tenant id, key and base URL (HTTP 200). */
  record Paired() implements PairingAnswer {}

  /**
   * The store refused (a 4xx).
   *
   * @param httpStatus the store's status: 400 a missing or empty field, or a bad URL; 401 an
   *     invalid, expired or already used code; 404 no pairing route (the module is missing)
   * @param message the store's message, or one describing the answer
   */
  record PairingRefused(int httpStatus, String message) implements PairingAnswer {}

  /**
   * Where and as whom to call the store; {@code exchanges} is told of every call made with it
   * ({@link ExchangeLog#NONE} outside a sync attempt). {@code toString} hides the key.
   */
  record StoreEndpoint(String tenantId, String baseUrl, String apiKey, ExchangeLog exchanges) {

    public StoreEndpoint {
      exchanges = exchanges == null ? ExchangeLog.NONE : exchanges;
    }

    /** An endpoint whose calls are not logged. */
    public StoreEndpoint(String tenantId, String baseUrl, String apiKey) {
      this(tenantId, baseUrl, apiKey, ExchangeLog.NONE);
    }

    @Override
    public String toString() {
      return "StoreEndpoint[" + tenantId + " @ " + baseUrl + "]";
    }
  }
}
