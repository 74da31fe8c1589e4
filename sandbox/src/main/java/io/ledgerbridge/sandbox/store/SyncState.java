package io.ledgerbridge.sandbox.store;

import java.util.Objects;

/**
 * One row of {@code byte8_entity_sync_state} (WIRE §6.2) as MySQL would read it back. Nullable:
 * providerEntityId, providerReference, skipReason, errorCode. {@code lastSyncAt} is the stored
 * TIMESTAMP as {@code YYYY-MM-DD HH:MM:SS} (UTC).
 */
public record SyncState(
    String entityType,
    long magentoId,
    String provider,
    String syncStatus,
    String providerEntityId,
    String providerReference,
    String skipReason,
    String errorCode,
    String lastSyncAt) {

  public SyncState {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(syncStatus, "syncStatus");
    Objects.requireNonNull(lastSyncAt, "lastSyncAt");
  }
}
