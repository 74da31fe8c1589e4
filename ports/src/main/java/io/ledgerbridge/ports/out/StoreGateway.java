package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
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

  /**
   * Tells the store the sync state of one of its entities (its admin grid shows it). How that is
   * spelled on the wire (field names, status words, the provider key) is the adapter's business.
   */
  void pushSyncState(StoreEndpoint store, EntitySyncState state);

  /** Where and as whom to call the store. {@code toString} hides the key. */
  record StoreEndpoint(String tenantId, String baseUrl, String apiKey) {
    @Override
    public String toString() {
      return "StoreEndpoint[" + tenantId + " @ " + baseUrl + "]";
    }
  }
}
