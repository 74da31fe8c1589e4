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
import java.util.List;
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
  void findsSeveralRunsInOneLookUp() {
    SyncRun a = accepted("t-1", EventType.INVOICE_CREATED, 42);
    SyncRun b = accepted("t-2", EventType.CREDITMEMO_CREATED, 43);
    SyncRun other = accepted("t-1", EventType.INVOICE_CREATED, 44);
    repo.insertAll(List.of(a, b, other));

    assertThat(repo.findAll(List.of(b.id(), UUID.randomUUID(), a.id(), b.id())))
        .containsExactlyInAnyOrder(a, b);
    assertThat(repo.findAll(List.of(UUID.randomUUID()))).isEmpty();
    assertThat(repo.findAll(List.of())).isEmpty();
  }

  @Test
  void insertsSeveralRunsAtOnceExactly() {
    SyncRun a = accepted("t-1", EventType.INVOICE_CREATED, 42);
    SyncRun b = accepted("t-2", EventType.CREDITMEMO_CREATED, 43);
    repo.insertAll(List.of(a, b));
    repo.insertAll(List.of());

    assertThat(repo.find(a.id())).contains(a);
    assertThat(repo.find(b.id())).contains(b);
  }

  @Test
  void storesSeveralTransitionsAtOnceEachFromItsCurrentVersion() {
    SyncRun a = accepted("t-1", EventType.INVOICE_CREATED, 42);
    SyncRun b = accepted("t-1", EventType.INVOICE_CREATED, 43);
    SyncRun c = accepted("t-2", EventType.CREDITMEMO_CREATED, 44);
    repo.insertAll(List.of(a, b, c));
    SyncRun aRunning = a.start(clock.advance(Duration.ofSeconds(1)));
    SyncRun cRunning = c.start(clock.instant());
    repo.transitionAll(List.of(aRunning, cRunning));
    SyncRun bMovedOn = b.start(clock.instant());
    assertThat(repo.transition(bMovedOn)).isTrue();

    SyncRun aDone = aRunning.succeed("0123456789abcdef0123456789abcdef", "SI-1", clock.instant());
    SyncRun bStale = b.start(clock.advance(Duration.ofSeconds(1))); // from b's old version
    SyncRun cSkipped =
        cRunning.skip("credit_memos_off", "credit memos are not synced", clock.instant());

    assertThat(repo.transitionAll(List.of(aDone, bStale, cSkipped)))
        .containsExactly(true, false, true);
    assertThat(repo.transitionAll(List.of())).isEmpty();
    assertThat(repo.find(a.id())).contains(aDone);
    assertThat(repo.find(b.id())).contains(bMovedOn);
    assertThat(repo.find(c.id())).contains(cSkipped);
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

  @Test
  void pagesTheWholeHistoryByCursorInAStableOrderWithoutGapsOrDuplicates() {
    java.util.List<SyncRun> all = new java.util.ArrayList<>();
    // ties on the creation time: pages must split them by id, never repeat or drop one
    for (int i = 0; i < 23; i++) {
      SyncRun r = accepted(i % 2 == 0 ? "t-1" : "t-2", EventType.INVOICE_CREATED, 100 + i);
      repo.insert(r);
      all.add(r);
      if (i % 3 == 2) {
        clock.advance(Duration.ofMillis(1));
      }
    }
    all.sort(SyncRunRepository.RunCursor.NEWEST_FIRST);

    java.util.List<SyncRun> paged = new java.util.ArrayList<>();
    RunQuery first = RunQuery.latest(5);
    java.util.List<SyncRun> page = repo.recent(first);
    java.util.List<java.util.List<SyncRun>> pages = new java.util.ArrayList<>();
    while (!page.isEmpty()) {
      pages.add(page);
      paged.addAll(page);
      page =
          repo.recent(
              first.olderThan(SyncRunRepository.RunCursor.of(page.get(page.size() - 1)), 5));
    }
    assertThat(paged).containsExactlyElementsOf(all);
    assertThat(pages).hasSize(5);

    // and back up: the page just newer than the third page is the second page
    java.util.List<SyncRun> third = pages.get(2);
    assertThat(repo.recent(first.newerThan(SyncRunRepository.RunCursor.of(third.get(0)), 5)))
        .containsExactlyElementsOf(pages.get(1));
    assertThat(repo.recent(first.newerThan(SyncRunRepository.RunCursor.of(all.get(2)), 5)))
        .containsExactly(all.get(0), all.get(1));
  }

  @Test
  void pagesOneTenantsRunsWithinACreationRange() {
    java.time.Instant start = clock.instant();
    java.util.List<SyncRun> inRange = new java.util.ArrayList<>();
    repo.insert(accepted("t-1", EventType.INVOICE_CREATED, 1)); // before the range
    clock.advance(Duration.ofHours(1));
    java.time.Instant from = clock.instant();
    for (int i = 0; i < 6; i++) {
      SyncRun mine = accepted("t-1", EventType.INVOICE_CREATED, 10 + i);
      repo.insert(mine);
      inRange.add(0, mine);
      repo.insert(accepted("t-2", EventType.INVOICE_CREATED, 10 + i));
      clock.advance(Duration.ofMinutes(1));
    }
    java.time.Instant to = clock.instant();
    repo.insert(accepted("t-1", EventType.INVOICE_CREATED, 99)); // at the exclusive end

    RunQuery q = new RunQuery("t-1", null, null, null, 4).withCreated(from, to);
    java.util.List<SyncRun> page1 = repo.recent(q);
    java.util.List<SyncRun> page2 =
        repo.recent(q.olderThan(SyncRunRepository.RunCursor.of(page1.get(3)), 4));

    assertThat(page1).containsExactlyElementsOf(inRange.subList(0, 4));
    assertThat(page2).containsExactlyElementsOf(inRange.subList(4, 6));
    assertThat(repo.recent(RunQuery.latest(100).withCreated(start, from))).hasSize(1);
  }

  @Test
  void countsTheRunsOfAFilterPerStatusIgnoringItsStatusAndCursor() {
    SyncRun a = accepted("t-1", EventType.INVOICE_CREATED, 1);
    SyncRun b = accepted("t-1", EventType.INVOICE_CREATED, 2);
    SyncRun c = accepted("t-1", EventType.INVOICE_CREATED, 3);
    SyncRun other = accepted("t-2", EventType.INVOICE_CREATED, 4);
    for (SyncRun r : new SyncRun[] {a, b, c, other}) {
      repo.insert(r);
    }
    SyncRun running = b.start(clock.advance(Duration.ofSeconds(1)));
    repo.transition(running);
    SyncRun cRunning = c.start(clock.instant());
    repo.transition(cRunning);
    repo.transition(
        cRunning.fail(io.ledgerbridge.core.failure.ErrorClass.VALIDATION, "no", clock.instant()));

    RunQuery q =
        new RunQuery("t-1", SyncRunStatus.FAILED, "invoice.created", null, 1)
            .olderThan(SyncRunRepository.RunCursor.of(a), 1);
    assertThat(repo.countByStatus(q))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                SyncRunStatus.QUEUED, 1L, SyncRunStatus.RUNNING, 1L, SyncRunStatus.FAILED, 1L));
    assertThat(repo.countByStatus(RunQuery.latest(1)).get(SyncRunStatus.QUEUED)).isEqualTo(2L);
    assertThat(
            repo.countByStatus(
                RunQuery.latest(1).withCreated(clock.instant().plusSeconds(1), null)))
        .isEmpty();
  }
}
