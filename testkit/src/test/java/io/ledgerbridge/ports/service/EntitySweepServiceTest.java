package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryIdempotencyRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which entities a sweep looks at again, when, and only once per cycle. */
class EntitySweepServiceTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private final MutableClock clock = new MutableClock(T);
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);
  private int wakes;
  private final EntitySweepService sweep =
      new EntitySweepService(
          bindings,
          policies,
          runs,
          new InMemoryIdempotencyRepository(),
          queue,
          new InMemoryUnitOfWork(),
          () -> wakes++,
          clock,
          UUID::randomUUID,
          Duration.ofHours(24),
          Duration.ofDays(90),
          Duration.ofMinutes(60));

  private void binding(String tenant, BindingStatus status, boolean syncProducts) {
    bindings.add(
        new Binding(
            tenant,
            "https://" + tenant + ".example",
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            "b".repeat(32),
            "GB",
            "GBP",
            status,
            T),
        new BindingSecrets("key", "client", "secret"));
    SyncPolicy p = SyncPolicy.defaults("LA4000");
    policies.save(
        tenant,
        p.withBehaviour(
            new SyncPolicy.SyncBehaviour(
                p.behaviour().syncUnpaidInvoices(),
                p.behaviour().syncZeroValueInvoices(),
                p.behaviour().syncSince(),
                p.behaviour().websiteFilter(),
                p.behaviour().storeFilter(),
                syncProducts,
                false)));
  }

  private void synced(String tenant, EventType event, long id, Instant at) {
    SyncRun run = SyncRun.accepted(UUID.randomUUID(), tenant, event, id, "k" + id, 1, at);
    runs.insert(run);
    SyncRun started = run.start(at);
    runs.transition(started);
    runs.transition(started.succeed("c".repeat(32), "C", at));
  }

  private List<SyncRun> reconciled() {
    return runs
        .recent(
            new io.ledgerbridge.ports.out.SyncRunRepository.RunQuery(null, null, null, null, 100))
        .stream()
        .filter(r -> !r.event().fromStore())
        .sorted(Comparator.comparing(SyncRun::storeEntityId))
        .toList();
  }

  @Test
  void customersSyncedWithinTheWindowGetOneRunEachSpreadOverTheHour() {
    binding("t1", BindingStatus.ACTIVE, false);
    synced("t1", EventType.CUSTOMER_UPSERTED, 5, T.minus(Duration.ofDays(3)));
    synced("t1", EventType.CUSTOMER_UPSERTED, 6, T.minus(Duration.ofDays(89)));
    synced("t1", EventType.CUSTOMER_UPSERTED, 7, T.minus(Duration.ofDays(91)));
    synced("t1", EventType.PRODUCT_UPSERTED, 8, T.minus(Duration.ofDays(1)));
    synced("t1", EventType.INVOICE_CREATED, 9, T.minus(Duration.ofDays(1)));

    EntitySweepService.Summary s = sweep.sweep(T);

    assertThat(s).isEqualTo(new EntitySweepService.Summary(1, 2, 0, 0));
    assertThat(reconciled())
        .extracting(SyncRun::storeEntityId, SyncRun::event)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5L, EventType.CUSTOMER_RECONCILED),
            org.assertj.core.groups.Tuple.tuple(6L, EventType.CUSTOMER_RECONCILED));
    assertThat(queue.all())
        .extracting(Job::nextAttemptAt)
        .containsExactlyInAnyOrder(T, T.plus(Duration.ofMinutes(30)));
    assertThat(wakes).isEqualTo(2);
  }

  @Test
  void productsAreSweptOnlyWhereProductsAreSynced() {
    binding("t1", BindingStatus.ACTIVE, true);
    binding("t2", BindingStatus.ACTIVE, false);
    synced("t1", EventType.PRODUCT_UPSERTED, 8, T.minus(Duration.ofDays(1)));
    synced("t2", EventType.PRODUCT_UPSERTED, 8, T.minus(Duration.ofDays(1)));

    EntitySweepService.Summary s = sweep.sweep(T);

    assertThat(s.products()).isEqualTo(1);
    assertThat(reconciled())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.tenantId()).isEqualTo("t1");
              assertThat(r.event()).isEqualTo(EventType.PRODUCT_RECONCILED);
              assertThat(r.idempotencyKey()).isEqualTo("product.reconciled:8");
            });
  }

  @Test
  void heldBindingsAreNotSwept() {
    binding("t1", BindingStatus.PAUSED, false);
    synced("t1", EventType.CUSTOMER_UPSERTED, 5, T.minus(Duration.ofDays(1)));

    assertThat(sweep.sweep(T).customers()).isZero();
    assertThat(queue.all()).isEmpty();
  }

  @Test
  void oneCycleMakesOneRunPerEntityHoweverOftenItRunsTheNextMakesAnother() {
    binding("t1", BindingStatus.ACTIVE, false);
    synced("t1", EventType.CUSTOMER_UPSERTED, 5, T.minus(Duration.ofDays(1)));

    sweep.sweep(T);
    EntitySweepService.Summary again = sweep.sweep(T.plus(Duration.ofHours(5)));
    EntitySweepService.Summary next = sweep.sweep(T.plus(Duration.ofHours(25)));

    assertThat(again).isEqualTo(new EntitySweepService.Summary(1, 0, 0, 1));
    assertThat(next.customers()).isEqualTo(1);
    assertThat(reconciled()).hasSize(2);
  }

  @Test
  void reconciliationRunsThemselvesDoNotKeepAnEntityInTheWindow() {
    binding("t1", BindingStatus.ACTIVE, false);
    synced("t1", EventType.CUSTOMER_RECONCILED, 5, T.minus(Duration.ofDays(1)));

    assertThat(sweep.sweep(T).customers()).isZero();
  }
}
