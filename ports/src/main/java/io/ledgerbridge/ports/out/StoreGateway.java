package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import java.time.Instant;

/**
 * The store (Magento with the connector module): canonical reads and the sync-state callback.
 * Failures are {@link io.ledgerbridge.core.failure.GatewayException}s.
 */
public interface StoreGateway {

  CanonicalInvoice fetchInvoice(StoreEndpoint store, long invoiceId);

  void pushSyncState(StoreEndpoint store, SyncStatePush push);

  /** Where and as whom to call the store. {@code toString} hides the key. */
  record StoreEndpoint(String tenantId, String baseUrl, String apiKey) {
    @Override
    public String toString() {
      return "StoreEndpoint[" + tenantId + " @ " + baseUrl + "]";
    }
  }

  /** The body of {@code POST /V1/byte8/sync-state} (WIRE §4). */
  record SyncStatePush(
      String entityType,
      long magentoEntityId,
      String provider,
      String syncStatus,
      String providerEntityId,
      String providerReference,
      String skipReason,
      String errorCode,
      Instant lastSyncAt) {}
}
