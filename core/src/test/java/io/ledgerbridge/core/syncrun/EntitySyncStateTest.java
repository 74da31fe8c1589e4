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

  private static SyncRun ended(
      EventType event, Instant at, java.util.function.Function<SyncRun, SyncRun> end) {
    return end.apply(
        SyncRun.accepted(UUID.randomUUID(), "t", event, 42, event.wire() + ":42", 1, at).start(at));
  }

  private static EntitySyncState combined(SyncRun... runs) {
    return EntitySyncState.combine(StoreEntityType.INVOICE, 42, java.util.List.of(runs), T)
        .orElseThrow();
  }

  @Test
  void aLaterSkippedEventNeverTurnsASyncedInvoiceBackToSkipped() {
    SyncRun created = ended(EventType.INVOICE_CREATED, T, r -> r.succeed("abc", "SI-3", T));
    SyncRun paid =
        ended(
            EventType.INVOICE_PAID,
            T.plusSeconds(5),
            r -> r.skip("event_not_supported", "later", T.plusSeconds(5)));

    EntitySyncState s = combined(created, paid);

    assertThat(s.status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(s.sageId()).isEqualTo("abc");
    assertThat(s.sageReference()).isEqualTo("SI-3");
    assertThat(s.skipReason()).isNull();
  }

  @Test
  void aLaterSkippedEventNeverHidesAFailure() {
    SyncRun created =
        ended(EventType.INVOICE_CREATED, T, r -> r.fail(ErrorClass.AUTH, "revoked", T));
    SyncRun paid =
        ended(
            EventType.INVOICE_PAID,
            T.plusSeconds(5),
            r -> r.skip("event_not_supported", "later", T.plusSeconds(5)));

    EntitySyncState s = combined(paid, created);

    assertThat(s.status()).isEqualTo(EntitySyncState.Status.FAILED);
    assertThat(s.errorClass()).isEqualTo(ErrorClass.AUTH);
  }

  @Test
  void aFailedLaterEventShowsFailedAndKeepsTheInvoicesSageIds() {
    SyncRun created = ended(EventType.INVOICE_CREATED, T, r -> r.succeed("abc", "SI-3", T));
    SyncRun paid =
        ended(
            EventType.INVOICE_PAID,
            T.plusSeconds(5),
            r -> r.fail(ErrorClass.VALIDATION, "no bank", T.plusSeconds(5)));

    EntitySyncState s = combined(created, paid);

    assertThat(s.status()).isEqualTo(EntitySyncState.Status.FAILED);
    assertThat(s.errorClass()).isEqualTo(ErrorClass.VALIDATION);
    assertThat(s.sageId()).isEqualTo("abc");
    assertThat(s.sageReference()).isEqualTo("SI-3");
  }

  @Test
  void onlyTheLatestRunOfAnEventCounts() {
    SyncRun failedFirst =
        ended(EventType.INVOICE_CREATED, T, r -> r.fail(ErrorClass.PROVIDER, "down", T));
    SyncRun retried =
        ended(
            EventType.INVOICE_CREATED,
            T.plusSeconds(60),
            r -> r.succeed("abc", "SI-3", T.plusSeconds(60)));

    assertThat(combined(failedFirst, retried).status()).isEqualTo(EntitySyncState.Status.SYNCED);
  }

  @Test
  void skippedTakesThePrimaryEventsReasonAndRunsInProgressDoNotCount() {
    SyncRun created =
        ended(EventType.INVOICE_CREATED, T, r -> r.skip("zero_value_invoice", "zero", T));
    SyncRun paid =
        ended(
            EventType.INVOICE_PAID,
            T.plusSeconds(5),
            r -> r.skip("event_not_supported", "later", T.plusSeconds(5)));
    SyncRun running =
        SyncRun.accepted(UUID.randomUUID(), "t", EventType.INVOICE_PAID, 42, "k2", 1, T)
            .start(T.plusSeconds(9));

    EntitySyncState s = combined(paid, created, running);

    assertThat(s.status()).isEqualTo(EntitySyncState.Status.SKIPPED);
    assertThat(s.skipReason()).isEqualTo(SkipReason.ZERO_VALUE_INVOICE);
    assertThat(EntitySyncState.combine(StoreEntityType.INVOICE, 42, java.util.List.of(running), T))
        .isEmpty();
  }

  private static EntitySyncState customer(SyncRun... runs) {
    return EntitySyncState.combine(StoreEntityType.CUSTOMER, 42, java.util.List.of(runs), T)
        .orElseThrow();
  }

  @Test
  void aReconciliationRunContinuesItsStoreEventsStreamSoTheNewerOfTheTwoCounts() {
    SyncRun failedSweep =
        ended(EventType.CUSTOMER_RECONCILED, T, r -> r.fail(ErrorClass.VALIDATION, "no", T));
    SyncRun laterEdit =
        ended(
            EventType.CUSTOMER_UPSERTED,
            T.plusSeconds(60),
            r -> r.succeed("c1", "M42G", T.plusSeconds(60)));
    SyncRun edit = ended(EventType.CUSTOMER_UPSERTED, T, r -> r.succeed("c1", "M42G", T));
    SyncRun laterSweepFailed =
        ended(
            EventType.CUSTOMER_RECONCILED,
            T.plusSeconds(60),
            r -> r.fail(ErrorClass.VALIDATION, "no", T.plusSeconds(60)));

    assertThat(customer(failedSweep, laterEdit).status()).isEqualTo(EntitySyncState.Status.SYNCED);
    assertThat(customer(edit, laterSweepFailed).status()).isEqualTo(EntitySyncState.Status.FAILED);
    assertThat(customer(edit, laterSweepFailed).sageId()).isEqualTo("c1");
  }
}
