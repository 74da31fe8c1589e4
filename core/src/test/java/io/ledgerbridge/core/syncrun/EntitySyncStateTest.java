package io.ledgerbridge.core.syncrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.policy.SkipReason;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntitySyncStateTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static SyncRun running(EventType event) {
    return SyncRun.accepted(UUID.randomUUID(), "t", event, 42, event.wire() + ":42", 1, T).start(T);
  }

  @Test
  void aSucceededRunLeavesItsEntitySyncedWithTheSageIds() {
    EntitySyncState s =
        EntitySyncState.of(running(EventType.INVOICE_CREATED).succeed("abc", "SI-3", T), T);
    assertThat(s.entityType()).isEqualTo(StoreEntityType.INVOICE);
    assertThat(s.storeEntityId()).isEqualTo(42);
    assertThat(s.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(s.sageId()).isEqualTo("abc");
    assertThat(s.sageReference()).isEqualTo("SI-3");
    assertThat(s.skipReason()).isNull();
    assertThat(s.errorClass()).isNull();
  }

  @Test
  void aSkippedRunLeavesItsReason() {
    EntitySyncState s =
        EntitySyncState.of(
            running(EventType.CUSTOMER_UPSERTED).skip("event_not_supported", "later", T), T);
    assertThat(s.entityType()).isEqualTo(StoreEntityType.CUSTOMER);
    assertThat(s.status()).isEqualTo(EntitySyncState.Status.SKIPPED);
    assertThat(s.skipReason()).isEqualTo(SkipReason.EVENT_NOT_SUPPORTED);
  }

  @Test
  void aFailedRunLeavesItsErrorClassAndNoSageIds() {
    EntitySyncState s =
        EntitySyncState.of(
            running(EventType.CREDITMEMO_CREATED).fail(ErrorClass.AUTH, "revoked", T), T);
    assertThat(s.entityType()).isEqualTo(StoreEntityType.CREDITMEMO);
    assertThat(s.status()).isEqualTo(EntitySyncState.Status.FAILED);
    assertThat(s.errorClass()).isEqualTo(ErrorClass.AUTH);
    assertThat(s.sageId()).isNull();
  }

  @Test
  void aRunStillInProgressHasNoStateToPush() {
    assertThatThrownBy(() -> EntitySyncState.of(running(EventType.INVOICE_PAID), T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
