package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobQueue} must do: durable, at-least-once, never two claims at once. */
public abstract class JobQueueContract {
  protected final MutableClock clock = MutableClock.standard();
  private static final Duration VISIBILITY = Duration.ofSeconds(30);
  private JobQueue queue;

  /** The queue stamps bookkeeping times (e.g. when a job was parked) from {@code clock}. */
  protected abstract JobQueue createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    queue = createSubject(clock);
  }

  private Job newJob(Instant now) {
    return Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-1", now);
  }

  private Job enqueued() {
    Job job = newJob(clock.instant());
    queue.enqueue(job);
    return job;
  }

  @Test
  void tellsWhenARunsPendingSyncJobIsNextDue() {
    Job job = enqueued();
    Instant retry = clock.instant().plus(Duration.ofMinutes(5));
    assertThat(queue.claimDue(clock.instant(), 10, VISIBILITY)).containsExactly(job);
    queue.retryAt(job.id(), retry, "provider: 503");

    assertThat(queue.nextDue(job.syncRunId())).contains(retry);
    assertThat(queue.nextDue(UUID.randomUUID())).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    assertThat(queue.claimDue(clock.instant(), 10, VISIBILITY)).hasSize(1);
    queue.complete(job.id());
    assertThat(queue.nextDue(job.syncRunId())).isEmpty();
  }

  @Test
  void enqueuesSeveralJobsAtOnce() {
    Job a = newJob(clock.instant());
    Job b = newJob(clock.instant());
    queue.enqueueAll(List.of(a, b));
    queue.enqueueAll(List.of());

    assertThat(queue.claimDue(clock.instant(), 10, VISIBILITY)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void claimsAnEnqueuedJobWithEveryField() {
    Job job = enqueued();

    assertThat(queue.claimDue(clock.instant(), 10, VISIBILITY)).containsExactly(job);
  }

  @Test
  void claimedJobIsInvisibleUntilTheVisibilityPassesThenRedelivered() {
    Job job = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);

    assertThat(queue.claimDue(clock.advance(VISIBILITY.minusMillis(1)), 10, VISIBILITY)).isEmpty();
    assertThat(queue.claimDue(clock.advance(Duration.ofMillis(1)), 10, VISIBILITY))
        .extracting(Job::id)
        .containsExactly(job.id());
  }

  @Test
  void delayedJobIsNotClaimedBeforeItIsDue() {
    Job job =
        Job.newJob(UUID.randomUUID(), JobKind.PUSH, UUID.randomUUID(), "t-1", clock.instant());
    Job later =
        new Job(
            job.id(),
            job.kind(),
            job.syncRunId(),
            job.tenantId(),
            JobStatus.PENDING,
            0,
            clock.instant().plusSeconds(10),
            null,
            clock.instant());
    queue.enqueue(later);

    assertThat(queue.claimDue(clock.advance(Duration.ofMillis(9999)), 10, VISIBILITY)).isEmpty();
    assertThat(queue.claimDue(clock.advance(Duration.ofMillis(1)), 10, VISIBILITY))
        .containsExactly(later);
  }

  @Test
  void claimsOldestDueFirstAndAtMostMax() {
    Instant t0 = clock.instant();
    Job third = newJob(t0.plusSeconds(3));
    Job first = newJob(t0.plusSeconds(1));
    Job second = newJob(t0.plusSeconds(2));
    queue.enqueue(third);
    queue.enqueue(first);
    queue.enqueue(second);
    Instant now = clock.advance(Duration.ofSeconds(5));

    assertThat(queue.claimDue(now, 2, VISIBILITY)).containsExactly(first, second);
    assertThat(queue.claimDue(now, 2, VISIBILITY)).containsExactly(third);
  }

  @Test
  void completedJobIsNeverDeliveredAgain() {
    Job job = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.complete(job.id());

    assertThat(queue.claimDue(clock.advance(Duration.ofHours(1)), 10, VISIBILITY)).isEmpty();
    assertThat(queue.deadLetters(10)).isEmpty();
  }

  @Test
  void completeAllCompletesTheListedJobsOnlyAndLeavesParkedOnesParked() {
    Job a = enqueued();
    Job b = enqueued();
    Job parked = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.deadLetter(parked.id(), "validation: bad");

    queue.completeAll(List.of(a.id(), b.id(), parked.id()));
    queue.completeAll(List.of());
    Job other = enqueued();

    assertThat(queue.claimDue(clock.advance(Duration.ofHours(1)), 10, VISIBILITY))
        .containsExactly(other);
    assertThat(queue.deadLetters(10)).extracting(Job::id).containsExactly(parked.id());
  }

  @Test
  void retryCountsTheFailureAndMakesTheJobDueAtTheGivenTime() {
    Job job = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    Instant at = clock.instant().plusSeconds(2);
    queue.retryAt(job.id(), at, "provider: 503");

    assertThat(queue.claimDue(clock.advance(Duration.ofMillis(1999)), 10, VISIBILITY)).isEmpty();
    List<Job> again = queue.claimDue(clock.advance(Duration.ofMillis(1)), 10, VISIBILITY);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(again.get(0).nextAttemptAt()).isEqualTo(at);
    assertThat(again.get(0).lastError()).isEqualTo("provider: 503");
    assertThat(again.get(0).status()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void deferGivesTheJobBackDueLaterWithoutCountingAFailure() {
    Job job = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    Instant at = clock.instant().plusMillis(250);
    queue.defer(job.id(), at);

    assertThat(queue.claimDue(clock.advance(Duration.ofMillis(249)), 10, VISIBILITY)).isEmpty();
    List<Job> again = queue.claimDue(clock.advance(Duration.ofMillis(1)), 10, VISIBILITY);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).attempts()).isZero();
    assertThat(again.get(0).lastError()).isNull();
  }

  @Test
  void deadLetteredJobsAreParkedNewestFirstAndNotClaimed() {
    Job older = enqueued();
    Job newer = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.deadLetter(older.id(), "validation: first");
    clock.advance(Duration.ofSeconds(1));
    queue.deadLetter(newer.id(), "validation: second");

    assertThat(queue.claimDue(clock.advance(Duration.ofHours(1)), 10, VISIBILITY)).isEmpty();
    List<Job> parked = queue.deadLetters(10);
    assertThat(parked).extracting(Job::id).containsExactly(newer.id(), older.id());
    assertThat(parked.get(0).status()).isEqualTo(JobStatus.DEAD_LETTERED);
    assertThat(parked.get(0).attempts()).isEqualTo(1);
    assertThat(parked.get(0).lastError()).isEqualTo("validation: second");
    assertThat(queue.deadLetters(1)).extracting(Job::id).containsExactly(newer.id());
  }

  @Test
  protected void aDeadLetterWhoseRunWasGivenANewJobLeavesTheList() {
    Job dead = enqueued();
    Job other = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.deadLetter(dead.id(), "validation: first");
    queue.deadLetter(other.id(), "validation: other");
    clock.advance(Duration.ofSeconds(1));

    // the operator retried the first run: a fresh job of the same kind for the same run
    queue.enqueue(
        Job.newJob(UUID.randomUUID(), dead.kind(), dead.syncRunId(), "t-1", clock.instant()));

    assertThat(queue.deadLetters(10)).extracting(Job::id).containsExactly(other.id());
  }

  @Test
  void requeueMovesADeadLetterBackToPendingDueNowWithAttemptsReset() {
    Job job = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.retryAt(job.id(), clock.instant(), "e1");
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.deadLetter(job.id(), "e2");
    Instant now = clock.advance(Duration.ofMinutes(5));

    assertThat(queue.requeue(job.id(), now)).isTrue();
    assertThat(queue.deadLetters(10)).isEmpty();
    List<Job> claimed = queue.claimDue(now, 10, VISIBILITY);
    assertThat(claimed).hasSize(1);
    assertThat(claimed.get(0).attempts()).isZero();
    assertThat(claimed.get(0).nextAttemptAt()).isEqualTo(now);
    assertThat(claimed.get(0).status()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void requeueRefusesJobsThatAreNotDeadLettered() {
    Job job = enqueued();

    assertThat(queue.requeue(job.id(), clock.instant())).isFalse();
    assertThat(queue.requeue(UUID.randomUUID(), clock.instant())).isFalse();
  }

  @Test
  void concurrentConsumersNeverClaimTheSameJob() throws Exception {
    int jobs = 200;
    int threads = 4;
    Set<UUID> expected = new HashSet<>();
    for (int i = 0; i < jobs; i++) {
      expected.add(enqueued().id());
    }
    Instant now = clock.instant();
    ConcurrentHashMap<UUID, Integer> claims = new ConcurrentHashMap<>();
    AtomicInteger total = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < 10_000 && total.get() < jobs; round++) {
                    for (Job j : queue.claimDue(now, 7, Duration.ofHours(1))) {
                      claims.merge(j.id(), 1, Integer::sum);
                      total.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(claims.keySet()).isEqualTo(expected);
    assertThat(claims.values()).allMatch(n -> n == 1);
    assertThat(total.get()).isEqualTo(jobs);
  }

  @Test
  void pagesDeadLettersOfOneTenantNewestParkedFirstWithWhenEachWasParked() {
    List<Job> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Job j =
          Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-a", clock.instant());
      queue.enqueue(j);
      mine.add(j);
      queue.enqueue(
          Job.newJob(UUID.randomUUID(), JobKind.PUSH, UUID.randomUUID(), "t-b", clock.instant()));
    }
    List<Job> claimed = queue.claimDue(clock.instant(), 100, VISIBILITY);
    assertThat(claimed).hasSize(10);
    List<Instant> parkedAt = new ArrayList<>();
    for (Job j : claimed) {
      Instant at = clock.advance(Duration.ofSeconds(1));
      queue.deadLetter(j.id(), "validation: " + j.id());
      if (j.tenantId().equals("t-a")) {
        parkedAt.add(0, at);
      }
    }
    List<UUID> newestFirst =
        claimed.stream().filter(j -> j.tenantId().equals("t-a")).map(Job::id).toList();
    newestFirst = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(newestFirst);

    List<JobQueue.DeadLetter> page1 =
        queue.deadLetters(new JobQueue.DeadLetterQuery("t-a", null, 3));
    List<JobQueue.DeadLetter> page2 =
        queue.deadLetters(
            new JobQueue.DeadLetterQuery("t-a", JobQueue.DeadLetterCursor.of(page1.get(2)), 3));

    assertThat(page1)
        .extracting(d -> d.job().id())
        .containsExactlyElementsOf(newestFirst.subList(0, 3));
    assertThat(page2)
        .extracting(d -> d.job().id())
        .containsExactlyElementsOf(newestFirst.subList(3, 5));
    assertThat(page1)
        .extracting(JobQueue.DeadLetter::deadLetteredAt)
        .containsExactlyElementsOf(parkedAt.subList(0, 3));
    assertThat(page1.get(0).job().lastError()).isEqualTo("validation: " + newestFirst.get(0));
    assertThat(page1.get(0).job().status()).isEqualTo(JobStatus.DEAD_LETTERED);
    assertThat(queue.deadLetters(new JobQueue.DeadLetterQuery(null, null, 100))).hasSize(10);
    assertThat(mine).hasSize(5);
  }

  @Test
  void findsADeadLetterUntilItIsRequeuedOrSuperseded() {
    Job requeued = enqueued();
    Job superseded = enqueued();
    Job alive = enqueued();
    queue.claimDue(clock.instant(), 10, VISIBILITY);
    queue.deadLetter(requeued.id(), "e1");
    queue.deadLetter(superseded.id(), "e2");
    Instant parked = clock.instant();

    assertThat(queue.findDeadLetter(requeued.id()))
        .hasValueSatisfying(d -> assertThat(d.deadLetteredAt()).isEqualTo(parked));
    assertThat(queue.findDeadLetter(alive.id())).isEmpty();
    assertThat(queue.findDeadLetter(UUID.randomUUID())).isEmpty();

    queue.requeue(requeued.id(), clock.advance(Duration.ofSeconds(1)));
    queue.enqueue(
        Job.newJob(
            UUID.randomUUID(), JobKind.SYNC, superseded.syncRunId(), "t-1", clock.instant()));

    assertThat(queue.findDeadLetter(requeued.id())).isEmpty();
    assertThat(queue.findDeadLetter(superseded.id())).isEmpty();
    assertThat(queue.deadLetters(new JobQueue.DeadLetterQuery(null, null, 10))).isEmpty();
  }
}
