package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.outbox.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable jobs with at-least-once delivery. {@link #enqueue} joins the caller's unit of work so a
 * state change and its job commit together. A claimed job is invisible to other consumers until
 * {@code visibility} passes; then it is delivered again.
 */
public interface JobQueue {

  void enqueue(Job job);

  /** Enqueues several jobs in the caller's unit of work, as {@link #enqueue} would one by one. */
  default void enqueueAll(List<Job> jobs) {
    for (Job job : jobs) {
      enqueue(job);
    }
  }

  /** Claims up to {@code max} due jobs, oldest due first. */
  List<Job> claimDue(Instant now, int max, Duration visibility);

  void complete(UUID jobId);

  /**
   * Completes several claimed jobs at once, as {@link #complete} each (queues that can write them
   * in one statement do; the others complete them one by one).
   */
  default void completeAll(List<UUID> jobIds) {
    for (UUID id : jobIds) {
      complete(id);
    }
  }

  /** Counts a failure and makes the job due again at {@code at}. */
  void retryAt(UUID jobId, Instant at, String error);

  /**
   * Gives a claimed job back without counting a failure: it becomes due again at {@code at}. Used
   * when the job cannot run yet (its Sage business is busy in another worker, or the rate governor
   * says wait).
   */
  void defer(UUID jobId, Instant at);

  /** Counts a failure and parks the job for an operator. */
  void deadLetter(UUID jobId, String error);

  /**
   * Parked jobs, newest first; a parked job whose run has a later job of the same kind (an operator
   * retried the run) is no longer listed.
   */
  List<Job> deadLetters(int limit);

  /**
   * One page of the parked jobs {@link #deadLetters(int)} lists, each with when it was parked:
   * newest parked first, then by job id (as the database orders UUIDs), so a cursor names one
   * place.
   */
  List<DeadLetter> deadLetters(DeadLetterQuery query);

  /** The parked job {@code jobId} if {@link #deadLetters(int)} would list it. */
  Optional<DeadLetter> findDeadLetter(UUID jobId);

  /** A parked job and when it was parked. */
  record DeadLetter(Job job, Instant deadLetteredAt) {
    public DeadLetter {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(deadLetteredAt, "deadLetteredAt");
    }
  }

  /**
   * @param tenantId null: every tenant's
   * @param before null: from the newest; else only jobs parked before this place
   */
  record DeadLetterQuery(String tenantId, DeadLetterCursor before, int limit) {}

  /** A place in the dead-letter list: when a job was parked, and its id. */
  record DeadLetterCursor(Instant deadLetteredAt, UUID jobId) {
    public DeadLetterCursor {
      Objects.requireNonNull(deadLetteredAt, "deadLetteredAt");
      Objects.requireNonNull(jobId, "jobId");
    }

    public static DeadLetterCursor of(DeadLetter d) {
      return new DeadLetterCursor(d.deadLetteredAt(), d.job().id());
    }

    /** Whether {@code d} comes after this place (parked earlier, or at once with a lower id). */
    public boolean isOlder(DeadLetter d) {
      int c = d.deadLetteredAt().compareTo(deadLetteredAt);
      return c < 0 || (c == 0 && d.job().id().toString().compareTo(jobId.toString()) < 0);
    }
  }

  /** Moves a dead-lettered job back to pending, due now, with its attempts reset. */
  boolean requeue(UUID jobId, Instant now);

  /**
   * When the pending sync job of run {@code syncRunId} is next due (a retry scheduled after a
   * transient failure, a run waiting for a dependency or a held binding); empty when the run has no
   * pending sync job. Queues that cannot tell answer empty.
   */
  default java.util.Optional<Instant> nextDue(UUID syncRunId) {
    return java.util.Optional.empty();
  }
}
