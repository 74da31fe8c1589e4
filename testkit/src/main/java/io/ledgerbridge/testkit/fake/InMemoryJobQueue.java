package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.ports.out.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Jobs in a map. A claim hides a job until {@code now + visibility}; the clock only stamps when a
 * job was parked, for {@link #deadLetters} ordering.
 */
public final class InMemoryJobQueue implements JobQueue {
  private final Clock clock;
  private final Map<UUID, Entry> jobs = new LinkedHashMap<>();

  public InMemoryJobQueue(Clock clock) {
    this.clock = clock;
  }

  private static final class Entry {
    Job job;
    Instant lockedUntil;
    Instant updatedAt;

    Entry(Job job, Instant updatedAt) {
      this.job = job;
      this.updatedAt = updatedAt;
    }
  }

  @Override
  public synchronized void enqueue(Job job) {
    if (jobs.putIfAbsent(job.id(), new Entry(job, clock.instant())) != null) {
      throw new IllegalStateException("job " + job.id() + " exists");
    }
  }

  @Override
  public synchronized List<Job> claimDue(Instant now, int max, Duration visibility) {
    List<Entry> due =
        jobs.values().stream()
            .filter(e -> e.job.status() == JobStatus.PENDING)
            .filter(e -> !e.job.nextAttemptAt().isAfter(now))
            .filter(e -> e.lockedUntil == null || !e.lockedUntil.isAfter(now))
            .sorted(Comparator.comparing((Entry e) -> e.job.nextAttemptAt()))
            .limit(Math.max(0, max))
            .toList();
    List<Job> claimed = new ArrayList<>();
    for (Entry e : due) {
      e.lockedUntil = now.plus(visibility);
      claimed.add(e.job);
    }
    return claimed;
  }

  @Override
  public synchronized void complete(UUID jobId) {
    Entry e = jobs.get(jobId);
    if (e != null && e.job.status() == JobStatus.PENDING) {
      e.job =
          with(
              e.job,
              JobStatus.SUCCEEDED,
              e.job.attempts(),
              e.job.nextAttemptAt(),
              e.job.lastError());
      e.lockedUntil = null;
      e.updatedAt = clock.instant();
    }
  }

  @Override
  public synchronized void retryAt(UUID jobId, Instant at, String error) {
    Entry e = jobs.get(jobId);
    if (e != null && e.job.status() == JobStatus.PENDING) {
      e.job = with(e.job, JobStatus.PENDING, e.job.attempts() + 1, at, error);
      e.lockedUntil = null;
      e.updatedAt = clock.instant();
    }
  }

  @Override
  public synchronized void defer(UUID jobId, Instant at) {
    Entry e = jobs.get(jobId);
    if (e != null && e.job.status() == JobStatus.PENDING) {
      e.job = with(e.job, JobStatus.PENDING, e.job.attempts(), at, e.job.lastError());
      e.lockedUntil = null;
      e.updatedAt = clock.instant();
    }
  }

  @Override
  public synchronized void deadLetter(UUID jobId, String error) {
    Entry e = jobs.get(jobId);
    if (e != null && e.job.status() == JobStatus.PENDING) {
      e.job =
          with(e.job, JobStatus.DEAD_LETTERED, e.job.attempts() + 1, e.job.nextAttemptAt(), error);
      e.lockedUntil = null;
      e.updatedAt = clock.instant();
    }
  }

  @Override
  public synchronized List<Job> deadLetters(int limit) {
    return listed()
        .sorted(
            Comparator.comparing((Entry e) -> e.updatedAt)
                .thenComparing(e -> e.job.createdAt())
                .reversed())
        .limit(Math.max(0, limit))
        .map(e -> e.job)
        .toList();
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(DeadLetterQuery query) {
    return listed()
        .filter(e -> query.tenantId() == null || e.job.tenantId().equals(query.tenantId()))
        .map(e -> new DeadLetter(e.job, e.updatedAt))
        .filter(d -> query.before() == null || query.before().isOlder(d))
        .sorted(
            Comparator.comparing(DeadLetter::deadLetteredAt)
                .thenComparing(d -> d.job().id().toString())
                .reversed())
        .limit(Math.max(0, query.limit()))
        .toList();
  }

  @Override
  public synchronized Optional<DeadLetter> findDeadLetter(UUID jobId) {
    return listed()
        .filter(e -> e.job.id().equals(jobId))
        .map(e -> new DeadLetter(e.job, e.updatedAt))
        .findFirst();
  }

  /** Parked jobs not superseded (the run was retried and has a later job of the same kind). */
  private Stream<Entry> listed() {
    return jobs.values().stream()
        .filter(e -> e.job.status() == JobStatus.DEAD_LETTERED)
        .filter(
            e ->
                jobs.values().stream()
                    .noneMatch(
                        o ->
                            o.job.syncRunId().equals(e.job.syncRunId())
                                && o.job.kind() == e.job.kind()
                                && o.job.createdAt().isAfter(e.job.createdAt())));
  }

  @Override
  public synchronized boolean requeue(UUID jobId, Instant now) {
    Entry e = jobs.get(jobId);
    if (e == null || e.job.status() != JobStatus.DEAD_LETTERED) {
      return false;
    }
    e.job = with(e.job, JobStatus.PENDING, 0, now, e.job.lastError());
    e.lockedUntil = null;
    e.updatedAt = now;
    return true;
  }

  /** Every job in any state, in insertion order (for assertions). */
  public synchronized List<Job> all() {
    return jobs.values().stream().map(e -> e.job).toList();
  }

  private static Job with(Job j, JobStatus status, int attempts, Instant next, String error) {
    return new Job(
        j.id(),
        j.kind(),
        j.syncRunId(),
        j.tenantId(),
        status,
        attempts,
        next,
        error,
        j.createdAt());
  }

  @Override
  public synchronized java.util.Optional<Instant> nextDue(UUID syncRunId) {
    return jobs.values().stream()
        .map(e -> e.job)
        .filter(j -> j.syncRunId().equals(syncRunId))
        .filter(j -> j.kind() == io.ledgerbridge.core.outbox.JobKind.SYNC)
        .filter(j -> j.status() == JobStatus.PENDING)
        .map(Job::nextAttemptAt)
        .min(Comparator.naturalOrder());
  }
}
