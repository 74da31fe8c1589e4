package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClaimBufferTest {
  private static final Duration VISIBILITY = Duration.ofMinutes(5);
  private final MutableClock clock = MutableClock.standard();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock);

  /** Whether the queue itself has anything left to claim (claims it if so). */
  private boolean queueHasDue() {
    return !queue.claimDue(clock.instant(), 100, VISIBILITY).isEmpty();
  }

  private Job enqueue(JobKind kind) {
    Job job = Job.newJob(UUID.randomUUID(), kind, UUID.randomUUID(), "t-1", clock.instant());
    queue.enqueue(job);
    clock.advance(Duration.ofMillis(1));
    return job;
  }

  @Test
  void oneClaimServesSeveralWorkersOneSyncJobEachOldestFirst() {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(enqueue(JobKind.SYNC));
    }
    ClaimBuffer buffer = new ClaimBuffer(queue, 4);

    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(jobs.get(0));
    assertThat(queueHasDue()).isTrue(); // the fifth: one claim took four
    assertThat(buffer.hasWaiting()).isTrue();
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(jobs.get(1));
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(jobs.get(2));
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(jobs.get(3));
    assertThat(buffer.hasWaiting()).isFalse();
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs())
        .isEmpty(); // the test claimed the fifth
  }

  @Test
  void consecutivePushJobsGoToOneWorkerTogetherButNeverWithASyncJob() {
    Job push1 = enqueue(JobKind.PUSH);
    Job push2 = enqueue(JobKind.PUSH);
    Job sync = enqueue(JobKind.SYNC);
    Job push3 = enqueue(JobKind.PUSH);
    ClaimBuffer buffer = new ClaimBuffer(queue, 10);

    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(push1, push2);
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(sync);
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(push3);
  }

  @Test
  void aPushGroupHasAtMostTheMaximum() {
    for (int i = 0; i < ClaimBuffer.MAX_PUSH_GROUP + 3; i++) {
      enqueue(JobKind.PUSH);
    }
    ClaimBuffer buffer = new ClaimBuffer(queue, 64);

    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).hasSize(ClaimBuffer.MAX_PUSH_GROUP);
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).hasSize(3);
  }

  @Test
  void aJobThatWaitedHalfItsVisibilityIsGivenBackDueAtOnceInsteadOfStartedLate() {
    Job first = enqueue(JobKind.SYNC);
    Job second = enqueue(JobKind.SYNC);
    ClaimBuffer buffer = new ClaimBuffer(queue, 2);
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(first);

    clock.advance(VISIBILITY.dividedBy(2).plusMillis(1));

    // the stale one went back to the queue, due at once and no failure counted, and was claimed
    // again by the same take
    List<Job> again = buffer.next(clock.instant(), VISIBILITY).jobs();
    assertThat(again).extracting(Job::id).containsExactly(second.id());
    assertThat(again.get(0).attempts()).isZero();
    assertThat(queueHasDue()).isFalse();
  }

  @Test
  void shutdownGivesBackWhatWaitsSoAnotherProcessCanStartItAtOnce() {
    Job first = enqueue(JobKind.SYNC);
    Job second = enqueue(JobKind.SYNC);
    ClaimBuffer buffer = new ClaimBuffer(queue, 2);
    assertThat(buffer.next(clock.instant(), VISIBILITY).jobs()).containsExactly(first);

    buffer.giveBackAll(clock.instant());

    assertThat(buffer.hasWaiting()).isFalse();
    assertThat(queue.claimDue(clock.instant(), 10, VISIBILITY))
        .extracting(Job::id)
        .containsExactly(second.id());
  }
}
