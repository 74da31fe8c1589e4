package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.SyncRunRepository.EntityRef;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a backfill tells the store: each entity's combined state, once, under its push lease. */
class SyncStateBackfillServiceTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final String TENANT = "shop-1";
  private final MutableClock clock = new MutableClock(T);
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final LocalBusinessLease leases = new LocalBusinessLease(clock);
  private final SyncStateBackfillService backfill =
      new SyncStateBackfillService(
          bindings,
          runs,
          store,
          leases,
          new BindingSecretScrubbers(bindings, new InMemoryTokenVault().withClock(clock)),
          clock);
  private final List<SyncStateBackfillService.Outcome> seen = new ArrayList<>();
  private int total = -1;

  private final SyncStateBackfillService.Progress progress =
      new SyncStateBackfillService.Progress() {
        @Override
        public void started(int n) {
          total = n;
        }

        @Override
        public void done(SyncStateBackfillService.Outcome o) {
          seen.add(o);
        }
      };

  private void binding(BindingStatus status) {
    bindings.add(
        new Binding(
            TENANT,
            "https://shop.example",
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            "b".repeat(32),
            "GB",
            "GBP",
            status,
            T),
        new BindingSecrets("store-api-key-0123456789", "client", "secret"));
  }

  private SyncRun run(EventType event, long id, Instant at) {
    SyncRun r =
        SyncRun.accepted(UUID.randomUUID(), TENANT, event, id, "k" + UUID.randomUUID(), 1, at);
    runs.insert(r);
    return r;
  }

  private void succeeded(EventType event, long id, String sageId, String ref, Instant at) {
    SyncRun r = run(event, id, at);
    SyncRun started = r.start(at);
    runs.transition(started);
    runs.transition(started.succeed(sageId, ref, at));
  }

  private void failed(EventType event, long id, Instant at) {
    SyncRun r = run(event, id, at);
    SyncRun started = r.start(at);
    runs.transition(started);
    runs.transition(started.fail(ErrorClass.VALIDATION, "refused", at));
  }

  private void skipped(EventType event, long id, Instant at) {
    SyncRun r = run(event, id, at);
    SyncRun started = r.start(at);
    runs.transition(started);
    runs.transition(started.skip(SkipReason.ZERO_VALUE_INVOICE.code(), "zero", at));
  }

  @Test
  void pushesTheCombinedStateOfEachEntityNeverOneEventAlone() {
    binding(BindingStatus.ACTIVE);
    // invoice 7: in Sage, then its payment failed: failed, keeping the Sage ids
    succeeded(EventType.INVOICE_CREATED, 7, "sage-7", "SI-7", T.minusSeconds(300));
    failed(EventType.INVOICE_PAID, 7, T.minusSeconds(200));
    // invoice 8: skipped
    skipped(EventType.INVOICE_CREATED, 8, T.minusSeconds(100));
    // customer 5: synced
    succeeded(EventType.CUSTOMER_UPSERTED, 5, "contact-5", "M5G", T.minusSeconds(50));
    // invoice 9: still queued, nothing ended: not pushed
    run(EventType.INVOICE_CREATED, 9, T);

    SyncStateBackfillService.Summary s = backfill.backfill(TENANT, null, progress);

    assertThat(s).isEqualTo(new SyncStateBackfillService.Summary(3, 3, 0, 0, null));
    assertThat(total).isEqualTo(3);
    assertThat(seen).hasSize(3);
    assertThat(store.pushes)
        .extracting(EntitySyncState::entityType, EntitySyncState::storeEntityId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(StoreEntityType.INVOICE, 7L),
            org.assertj.core.groups.Tuple.tuple(StoreEntityType.INVOICE, 8L),
            org.assertj.core.groups.Tuple.tuple(StoreEntityType.CUSTOMER, 5L));
    EntitySyncState invoice7 = store.pushes.get(0);
    assertThat(invoice7.status()).isEqualTo(EntitySyncState.Status.FAILED);
    assertThat(invoice7.sageId()).isEqualTo("sage-7");
    assertThat(invoice7.sageReference()).isEqualTo("SI-7");
    assertThat(invoice7.errorClass()).isEqualTo(ErrorClass.VALIDATION);
    assertThat(store.pushes.get(1).status()).isEqualTo(EntitySyncState.Status.SKIPPED);
    assertThat(store.pushes.get(2).status()).isEqualTo(EntitySyncState.Status.SYNCED);
  }

  @Test
  void sinceKeepsOnlyEntitiesWithARunEndedFromThen() {
    binding(BindingStatus.ACTIVE);
    succeeded(EventType.INVOICE_CREATED, 1, "s1", "SI-1", T.minus(Duration.ofDays(10)));
    succeeded(EventType.INVOICE_CREATED, 2, "s2", "SI-2", T.minus(Duration.ofDays(1)));

    SyncStateBackfillService.Summary s =
        backfill.backfill(TENANT, T.minus(Duration.ofDays(2)), progress);

    assertThat(s.entities()).isEqualTo(1);
    assertThat(store.pushes).extracting(EntitySyncState::storeEntityId).containsExactly(2L);
  }

  @Test
  void leavesAnEntityAWorkerIsPushingToThatPushAndCountsFailuresWithoutStopping() {
    binding(BindingStatus.ACTIVE);
    succeeded(EventType.INVOICE_CREATED, 1, "s1", "SI-1", T);
    succeeded(EventType.INVOICE_CREATED, 2, "s2", "SI-2", T);
    succeeded(EventType.INVOICE_CREATED, 3, "s3", "SI-3", T);
    leases.tryAcquire(
        StatusPushProcessor.entityKey(TENANT, StoreEntityType.INVOICE, 1),
        StatusPushProcessor.ENTITY_LEASE);
    store.pushFailures.add(
        new TransientGatewayException(
            "magento",
            "push_sync_state",
            503,
            null,
            ErrorClass.PROVIDER,
            "store down, key store-api-key-0123456789",
            null,
            null));

    SyncStateBackfillService.Summary s = backfill.backfill(TENANT, null, progress);

    assertThat(s.entities()).isEqualTo(3);
    assertThat(s.skipped()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.pushed()).isEqualTo(1);
    assertThat(s.firstFailure()).contains("store down").doesNotContain("store-api-key-0123456789");
    assertThat(store.pushes).extracting(EntitySyncState::storeEntityId).containsExactly(3L);
    assertThat(seen.get(0)).isInstanceOf(SyncStateBackfillService.Skipped.class);
    assertThat(seen.get(0).entity()).isEqualTo(new EntityRef(StoreEntityType.INVOICE, 1));
  }

  @Test
  void refusesAnUnknownOrDisconnectedBinding() {
    assertThatThrownBy(() -> backfill.backfill(TENANT, null, progress))
        .isInstanceOf(UnknownBindingException.class);
    binding(BindingStatus.DISCONNECTED);
    assertThatThrownBy(() -> backfill.backfill(TENANT, null, progress))
        .hasMessageContaining("disconnected");
    assertThat(store.pushes).isEmpty();
  }
}
