package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link PersistenceAdapter#jobQueueDepth()} on each database. */
abstract class JobQueueDepthChecks {
  private static final Instant NOW = Instant.parse("2026-04-29T10:00:00Z");

  abstract TestDatabase database();

  @Test
  void countsPendingAndDueJobsAndDatesTheOldestDueOne() {
    PersistenceAdapter adapter = database().reset(Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(adapter.jobQueueDepth()).isEqualTo(new JobQueueDepth(0, 0, null, NOW));

    UUID run = UUID.randomUUID();
    Job old = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run, "t", NOW.minusSeconds(90));
    Job fresh = Job.newJob(UUID.randomUUID(), JobKind.PUSH, run, "t", NOW.minusSeconds(5));
    Job later = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run, "t", NOW.plusSeconds(60));
    Job claimed = Job.newJob(UUID.randomUUID(), JobKind.SYNC, run, "t", NOW.minusSeconds(120));
    adapter.jobQueue().enqueue(claimed);
    adapter.jobQueue().claimDue(NOW, 1, Duration.ofMinutes(5));
    adapter.jobQueue().enqueue(old);
    adapter.jobQueue().enqueue(fresh);
    adapter.jobQueue().enqueue(later);

    JobQueueDepth depth = adapter.jobQueueDepth();

    assertThat(depth.pending()).isEqualTo(4);
    assertThat(depth.due()).isEqualTo(2);
    assertThat(depth.oldestDueSince()).isEqualTo(NOW.minusSeconds(90));
    assertThat(depth.oldestDueAge()).isEqualTo(Duration.ofSeconds(90));
  }
}
