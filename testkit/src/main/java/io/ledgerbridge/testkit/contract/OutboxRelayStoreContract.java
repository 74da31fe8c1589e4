package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.OutboxRelayStore;
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

/**
 * What every {@link OutboxRelayStore} must do over the outbox its {@link JobQueue} writes: a due
 * job is claimed for publishing once, again only after {@link OutboxRelayStore#unpublish}, never by
 * two publishers at once; only pending published jobs are candidates for reconciliation.
 */
public abstract class OutboxRelayStoreContract {
  protected final MutableClock clock = MutableClock.standard();
  private static final Duration VISIBILITY = Duration.ofSeconds(30);
  private JobQueue queue;
  private OutboxRelayStore relay;

  /** The outbox queue and the relay's view of it, over the same store. */
  public record Subject(JobQueue queue, OutboxRelayStore relay) {}

  /** Both halves stamp bookkeeping times from {@code clock}. */
  protected abstract Subject createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    Subject s = createSubject(clock);
    queue = s.queue();
    relay = s.relay();
  }

  private Job newJob(Instant due) {
    Job job =
        Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-1", clock.instant());
    return new Job(
        job.id(),
        job.kind(),
        job.syncRunId(),
        job.tenantId(),
        JobStatus.PENDING,
        0,
        due,
        null,
        job.createdAt());
  }

  private Job enqueued() {
    Job job = newJob(clock.instant());
    queue.enqueue(job);
    return job;
  }

  @Test
  void anEnqueuedJobIsClaimedForPublishingOnceWithEveryField() {
    Job job = enqueued();

    assertThat(relay.claimForPublishing(clock.instant(), 10)).containsExactly(job);
    assertThat(relay.claimForPublishing(clock.advance(Duration.ofHours(1)), 10)).isEmpty();
  }

  @Test
  void aJobIsNotClaimedForPublishingBeforeItIsDue() {
    Job later = newJob(clock.instant().plusSeconds(10));
    queue.enqueue(later);

    assertThat(relay.claimForPublishing(clock.advance(Duration.ofMillis(9999)), 10)).isEmpty();
    assertThat(relay.claimForPublishing(clock.advance(Duration.ofMillis(1)), 10))
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

    assertThat(relay.claimForPublishing(now, 2)).containsExactly(first, second);
    assertThat(relay.claimForPublishing(now, 2)).containsExactly(third);
    assertThat(relay.claimForPublishing(now, 0)).isEmpty();
  }

  @Test
  void unpublishMakesTheJobClaimableForPublishingAgain() {
    Job job = enqueued();
    relay.claimForPublishing(clock.instant(), 10);

    relay.unpublish(job.id());

    assertThat(relay.claimForPublishing(clock.instant(), 10))
        .extracting(Job::id)
        .containsExactly(job.id());
  }

  @Test
  void publishedPendingBeforeListsOnlyPendingPublishedJobsOlderThanTheBound() {
    Job early = enqueued();
    relay.claimForPublishing(clock.instant(), 10);
    Instant bound = clock.advance(Duration.ofSeconds(10));
    Job late = enqueued();
    relay.claimForPublishing(clock.instant(), 10);
    Job unpublished = enqueued();

    assertThat(relay.publishedPendingBefore(bound, 100)).containsExactly(early.id());
    assertThat(relay.publishedPendingBefore(bound.plusMillis(1), 100))
        .containsExactlyInAnyOrder(early.id(), late.id())
        .doesNotContain(unpublished.id());
    assertThat(relay.publishedPendingBefore(bound.plusMillis(1), 1)).hasSize(1);
  }

  @Test
  void anUnpublishedJobIsNoLongerACandidateForReconciliation() {
    Job job = enqueued();
    relay.claimForPublishing(clock.instant(), 10);

    relay.unpublish(job.id());

    assertThat(relay.publishedPendingBefore(clock.advance(Duration.ofHours(1)), 100)).isEmpty();
  }

  @Test
  void completedAndDeadLetteredJobsAreNeverListedOrClaimed() {
    Job done = enqueued();
    Job parked = enqueued();
    Job open = enqueued();
    relay.claimForPublishing(clock.instant(), 10);
    queue.complete(done.id());
    queue.deadLetter(parked.id(), "validation: bad");
    Instant later = clock.advance(Duration.ofHours(1));

    assertThat(relay.publishedPendingBefore(later, 100)).containsExactly(open.id());
    relay.unpublish(done.id());
    relay.unpublish(parked.id());
    assertThat(relay.claimForPublishing(later, 10)).isEmpty();
  }

  @Test
  void aJobRetriedLaterStaysPublished() {
    Job job = enqueued();
    relay.claimForPublishing(clock.instant(), 10);
    queue.retryAt(job.id(), clock.instant().plusSeconds(5), "provider: 503");

    assertThat(relay.claimForPublishing(clock.advance(Duration.ofSeconds(10)), 10)).isEmpty();
    assertThat(relay.publishedPendingBefore(clock.instant(), 10)).containsExactly(job.id());
  }

  @Test
  void aRequeuedDeadLetterIsPublishedAgain() {
    Job job = enqueued();
    relay.claimForPublishing(clock.instant(), 10);
    queue.deadLetter(job.id(), "validation: bad");
    Instant now = clock.advance(Duration.ofMinutes(5));

    assertThat(queue.requeue(job.id(), now)).isTrue();

    List<Job> again = relay.claimForPublishing(now, 10);
    assertThat(again).extracting(Job::id).containsExactly(job.id());
    assertThat(again.get(0).status()).isEqualTo(JobStatus.PENDING);
    assertThat(again.get(0).attempts()).isZero();
  }

  @Test
  void publishingDoesNotHideTheJobFromTheOutboxQueue() {
    Job job = enqueued();
    relay.claimForPublishing(clock.instant(), 10);

    assertThat(queue.claimDue(clock.instant(), 10, VISIBILITY))
        .extracting(Job::id)
        .containsExactly(job.id());
  }

  @Test
  void concurrentPublishersNeverClaimTheSameJob() throws Exception {
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
                    for (Job j : relay.claimForPublishing(now, 7)) {
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
    assertThat(relay.claimForPublishing(now, 10)).isEmpty();
  }
}
