package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Housekeeping on one database: what each purge deletes, what it keeps, batching. */
abstract class HousekeepingChecks {
  private static final java.time.Instant OCCURRED = java.time.Instant.parse("2026-04-29T10:11:12Z");
  private final MutableClock clock = MutableClock.standard();
  private PersistenceAdapter adapter;
  private Housekeeping housekeeping;
  private JobQueue jobs;

  abstract TestDatabase database();

  @BeforeEach
  void reset() {
    adapter = database().reset(clock);
    housekeeping = adapter.housekeeping();
    jobs = adapter.jobQueue();
  }

  private Job enqueued() {
    Job job =
        Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-1", clock.instant());
    jobs.enqueue(job);
    return job;
  }

  private long count(String table) {
    return adapter
        .unitOfWork()
        .inTransaction(
            () ->
                ((JdbiUnitOfWork) adapter.unitOfWork())
                    .currentHandle()
                    .createQuery("SELECT COUNT(*) FROM " + table)
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void purgesOnlySucceededJobsLastUpdatedBeforeTheBound() {
    Job oldDone = enqueued();
    Job oldParked = enqueued();
    Job pending = enqueued();
    jobs.complete(oldDone.id());
    jobs.deadLetter(oldParked.id(), "validation: bad");
    clock.advance(Duration.ofDays(31));
    Job recentDone = enqueued();
    jobs.complete(recentDone.id());
    Instant bound = clock.instant().minus(Duration.ofDays(30));

    assertThat(housekeeping.purgeSucceededJobs(bound, 100)).isEqualTo(1);
    assertThat(housekeeping.purgeSucceededJobs(bound, 100)).isZero();
    assertThat(count("jobs")).isEqualTo(3);
    assertThat(jobs.deadLetters(10)).extracting(Job::id).containsExactly(oldParked.id());
    assertThat(jobs.claimDue(clock.instant(), 10, Duration.ofSeconds(30)))
        .extracting(Job::id)
        .containsExactly(pending.id());
  }

  @Test
  void purgesSucceededJobsInBatchesOfAtMostTheGivenSize() {
    for (int i = 0; i < 7; i++) {
      jobs.complete(enqueued().id());
    }
    Instant bound = clock.advance(Duration.ofSeconds(1));

    assertThat(housekeeping.purgeSucceededJobs(bound, 3)).isEqualTo(3);
    assertThat(housekeeping.purgeSucceededJobs(bound, 3)).isEqualTo(3);
    assertThat(housekeeping.purgeSucceededJobs(bound, 3)).isEqualTo(1);
    assertThat(housekeeping.purgeSucceededJobs(bound, 0)).isZero();
    assertThat(count("jobs")).isZero();
  }

  @Test
  void purgesIdempotencyKeysCreatedBeforeTheBound() {
    Instant t0 = clock.instant();
    adapter.idempotency().claim("t-1", "old-1", OCCURRED, UUID.randomUUID(), t0);
    adapter.idempotency().claim("t-2", "old-2", OCCURRED, UUID.randomUUID(), t0);
    UUID recentRun = UUID.randomUUID();
    adapter.idempotency().claim("t-1", "recent", OCCURRED, recentRun, t0.plus(Duration.ofDays(40)));

    assertThat(housekeeping.purgeIdempotencyKeys(t0.plus(Duration.ofDays(10)), 1)).isEqualTo(1);
    assertThat(housekeeping.purgeIdempotencyKeys(t0.plus(Duration.ofDays(10)), 10)).isEqualTo(1);
    assertThat(count("idempotency_keys")).isEqualTo(1);
    assertThat(adapter.idempotency().claim("t-1", "recent", OCCURRED, UUID.randomUUID(), t0))
        .isEqualTo(recentRun);
  }

  @Test
  void purgesOnlyExpiredReplayGuardEntriesByTheAdapterClock() {
    Instant now = clock.instant();
    adapter.replayGuard().firstUse("scope", "jti-old", now.plusSeconds(60));
    adapter.replayGuard().firstUse("scope", "jti-live", now.plusSeconds(600));
    clock.advance(Duration.ofSeconds(61));

    assertThat(housekeeping.purgeExpiredReplayGuards(10)).isEqualTo(1);
    assertThat(housekeeping.purgeExpiredReplayGuards(10)).isZero();
    assertThat(adapter.replayGuard().firstUse("scope", "jti-live", now.plusSeconds(600))).isFalse();
  }

  @Test
  void purgeAllLoopsUntilEveryTableIsDoneAndReportsTotals() {
    int many = Housekeeping.DEFAULT_BATCH + 20;
    Instant t0 = clock.instant();
    for (int i = 0; i < many; i++) {
      jobs.complete(enqueued().id());
    }
    for (int i = 0; i < 3; i++) {
      adapter.idempotency().claim("t-1", "k-" + i, OCCURRED, UUID.randomUUID(), t0);
      adapter.replayGuard().firstUse("scope", "jti-" + i, t0.plusSeconds(1));
    }
    adapter.businessLease().tryAcquire("biz-1", Duration.ofSeconds(1)).orElseThrow();
    Job open = enqueued();
    Instant later = clock.advance(Duration.ofDays(31));

    Housekeeping.PurgeSummary summary = housekeeping.purgeAll(later, later);

    assertThat(summary).isEqualTo(new Housekeeping.PurgeSummary(many, 3, 3, 1));
    assertThat(summary.total()).isEqualTo(many + 7);
    assertThat(count("jobs")).isEqualTo(1);
    assertThat(jobs.claimDue(later, 10, Duration.ofSeconds(1)))
        .extracting(Job::id)
        .containsExactly(open.id());
    assertThat(housekeeping.purgeAll(later, later).total()).isZero();
  }

  @Test
  void refusesToRunInsideACallersTransaction() {
    assertThatThrownBy(
            () ->
                adapter
                    .unitOfWork()
                    .inTransaction(() -> housekeeping.purgeSucceededJobs(clock.instant(), 10)))
        .isInstanceOf(IllegalStateException.class);
  }
}
