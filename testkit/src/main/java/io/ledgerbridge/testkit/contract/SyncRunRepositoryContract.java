package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SyncRunRepository} must do. */
public abstract class SyncRunRepositoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private SyncRunRepository repo;

  protected abstract SyncRunRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  private SyncRun accepted(String tenant, EventType event, long entityId) {
    return SyncRun.accepted(
        UUID.randomUUID(),
        tenant,
        event,
        entityId,
        "idem-" + UUID.randomUUID(),
        3,
        clock.instant());
  }

  @Test
  void findsAnInsertedRunExactly() {
    SyncRun run = accepted("t-1", EventType.INVOICE_CREATED, 42);
    repo.insert(run);

    assertThat(repo.find(run.id())).contains(run);
    assertThat(repo.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void storesATransitionFromTheCurrentVersion() {
    SyncRun run = accepted("t-1", EventType.INVOICE_CREATED, 42);
    repo.insert(run);
    SyncRun running = run.start(clock.advance(Duration.ofMillis(1500)));
    SyncRun done =
        running.succeed(
            "0123456789abcdef0123456789abcdef", "SI-7", clock.advance(Duration.ofSeconds(3)));

    assertThat(repo.transition(running)).isTrue();
    assertThat(repo.transition(done)).isTrue();
    assertThat(repo.find(run.id())).contains(done);
  }

  @Test
  void keepsEveryFieldOfAFailedRun() {
    SyncRun run = accepted("t-1", EventType.CREDITMEMO_CREATED, 7);
    repo.insert(run);
    SyncRun running = run.start(clock.advance(Duration.ofSeconds(1)));
    repo.transition(running);
    SyncRun failed =
        running.fail(
            ErrorClass.VALIDATION, "Sage said \u00e9 no", clock.advance(Duration.ofSeconds(1)));
    repo.transition(failed);

    assertThat(repo.find(run.id())).contains(failed);
  }

  @Test
  void refusesATransitionFromAStaleVersion() {
    SyncRun run = accepted("t-1", EventType.INVOICE_CREATED, 42);
    repo.insert(run);
    SyncRun winner = run.start(clock.advance(Duration.ofSeconds(1)));
    SyncRun loser = run.transitionTo(SyncRunStatus.FAILED, clock.instant());

    assertThat(repo.transition(winner)).isTrue();
    assertThat(repo.transition(loser)).isFalse();
    assertThat(repo.find(run.id())).contains(winner);
  }

  @Test
  void refusesATransitionOfAnUnknownRun() {
    SyncRun run = accepted("t-1", EventType.INVOICE_CREATED, 42);

    assertThat(repo.transition(run.start(clock.instant()))).isFalse();
  }

  @Test
  void listsRecentRunsNewestFirstWithFiltersAndLimit() {
    SyncRun a = accepted("t-1", EventType.INVOICE_CREATED, 1);
    repo.insert(a);
    clock.advance(Duration.ofSeconds(1));
    SyncRun b = accepted("t-2", EventType.INVOICE_CREATED, 2);
    repo.insert(b);
    clock.advance(Duration.ofSeconds(1));
    SyncRun c = accepted("t-1", EventType.CUSTOMER_UPSERTED, 1);
    repo.insert(c);
    clock.advance(Duration.ofSeconds(1));
    SyncRun d = accepted("t-1", EventType.INVOICE_CREATED, 4);
    repo.insert(d);
    SyncRun dRunning = d.start(clock.advance(Duration.ofSeconds(1)));
    repo.transition(dRunning);

    assertThat(repo.recent(RunQuery.latest(10))).containsExactly(dRunning, c, b, a);
    assertThat(repo.recent(RunQuery.latest(2))).containsExactly(dRunning, c);
    assertThat(repo.recent(new RunQuery("t-1", null, null, null, 10)))
        .containsExactly(dRunning, c, a);
    assertThat(repo.recent(new RunQuery(null, SyncRunStatus.RUNNING, null, null, 10)))
        .containsExactly(dRunning);
    assertThat(repo.recent(new RunQuery(null, null, "invoice.created", null, 10)))
        .containsExactly(dRunning, b, a);
    assertThat(repo.recent(new RunQuery("t-1", SyncRunStatus.QUEUED, "invoice.created", 1L, 10)))
        .containsExactly(a);
  }

  @Test
  void findsEveryRunOfTheEventsOfOneStoreEntity() {
    SyncRun created = accepted("t-1", EventType.INVOICE_CREATED, 7);
    SyncRun paid = accepted("t-1", EventType.INVOICE_PAID, 7);
    SyncRun otherInvoice = accepted("t-1", EventType.INVOICE_CREATED, 8);
    SyncRun sameIdOtherType = accepted("t-1", EventType.CUSTOMER_UPSERTED, 7);
    SyncRun otherTenant = accepted("t-2", EventType.INVOICE_PAID, 7);
    for (SyncRun r : new SyncRun[] {created, paid, otherInvoice, sameIdOtherType, otherTenant}) {
      repo.insert(r);
    }
    SyncRun paidRunning = paid.start(clock.advance(Duration.ofSeconds(1)));
    repo.transition(paidRunning);

    assertThat(repo.forEntity("t-1", StoreEntityType.INVOICE, 7))
        .containsExactlyInAnyOrder(created, paidRunning);
    assertThat(repo.forEntity("t-1", StoreEntityType.CUSTOMER, 7)).containsExactly(sameIdOtherType);
    assertThat(repo.forEntity("t-3", StoreEntityType.INVOICE, 7)).isEmpty();
  }

  private void finish(SyncRun run, boolean succeed) {
    repo.insert(run);
    SyncRun running = run.start(clock.instant());
    repo.transition(running);
    repo.transition(
        succeed
            ? running.succeed("0123456789abcdef0123456789abcdef", "C1", clock.instant())
            : running.skip("b2c_consolidated", "why", clock.instant()));
  }

  @Test
  void listsTheEntitiesWhoseRunsOfAnEventSucceededSinceATime() {
    finish(accepted("t-1", EventType.CUSTOMER_UPSERTED, 7), true);
    clock.advance(Duration.ofDays(10));
    java.time.Instant since = clock.instant();
    finish(accepted("t-1", EventType.CUSTOMER_UPSERTED, 9), true);
    finish(accepted("t-1", EventType.CUSTOMER_UPSERTED, 5), true);
    finish(accepted("t-1", EventType.CUSTOMER_UPSERTED, 5), true);
    finish(accepted("t-1", EventType.CUSTOMER_UPSERTED, 11), false);
    finish(accepted("t-1", EventType.CUSTOMER_RECONCILED, 13), true);
    finish(accepted("t-2", EventType.CUSTOMER_UPSERTED, 15), true);
    repo.insert(accepted("t-1", EventType.CUSTOMER_UPSERTED, 17));

    assertThat(repo.succeededEntitiesSince("t-1", EventType.CUSTOMER_UPSERTED, since, 100))
        .containsExactly(5L, 9L);
    assertThat(repo.succeededEntitiesSince("t-1", EventType.CUSTOMER_UPSERTED, since, 1))
        .containsExactly(5L);
    assertThat(
            repo.succeededEntitiesSince(
                "t-1", EventType.CUSTOMER_UPSERTED, since.minus(Duration.ofDays(11)), 100))
        .containsExactly(5L, 7L, 9L);
  }
}
