package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The database outbox (the {@code jobs} table) as an operator sees it: what is in it by state,
 * tenant and age, releasing the lease of a job whose worker is gone, and deleting ended jobs. The
 * table is the outbox whichever transport delivers the jobs (the database itself, or Redis Streams
 * fed by the relay). Moving a job through its life stays with {@link JobQueue}.
 */
public interface OutboxMaintenance {

  /**
   * Where a job stands at a given instant: a {@code pending} job is {@link #LEASED} while a worker
   * holds it, {@link #SCHEDULED} while it waits for its next attempt, {@link #DUE} otherwise.
   */
  enum JobState {
    DUE,
    SCHEDULED,
    LEASED,
    SUCCEEDED,
    DEAD_LETTERED;

    /** The states whose jobs will not run again unless an operator re-queues them. */
    public static final Set<JobState> ENDED = Set.copyOf(EnumSet.of(SUCCEEDED, DEAD_LETTERED));

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobState> fromWire(String value) {
      for (JobState s : values()) {
        if (s.wire().equals(value)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Which jobs: every field may be empty or null (no filter).
   *
   * @param states jobs in one of these states; empty for all
   * @param changedBefore jobs last changed (enqueued, claimed, retried, ended) before this instant
   */
  record JobFilter(Set<JobState> states, String tenantId, JobKind kind, Instant changedBefore) {
    public JobFilter {
      states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(states);
    }

    public static JobFilter all() {
      return new JobFilter(Set.of(), null, null, null);
    }

    public JobFilter withStates(Set<JobState> only) {
      return new JobFilter(only, tenantId, kind, changedBefore);
    }
  }

  /**
   * One row of the outbox.
   *
   * @param lockedUntil the lease of a claimed job; null when no worker holds it
   * @param published whether the relay handed it to Redis Streams (always false without Redis)
   */
  record JobRow(
      Job job, JobState state, Instant updatedAt, Instant lockedUntil, boolean published) {
    public JobRow {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }

  /** How many jobs are in one state, and when the longest-unchanged of them last changed. */
  record StateCount(JobState state, long count, Instant oldestChange) {}

  /** Counts of the matching jobs per state, as of {@code now}; states without jobs are left out. */
  List<StateCount> summarize(JobFilter filter, Instant now);

  /** The matching jobs as of {@code now}, longest unchanged first, at most {@code limit}. */
  List<JobRow> list(JobFilter filter, Instant now, int limit);

  /**
   * Makes a leased pending job due at {@code now} without counting a failure, as if its lease had
   * run out (its worker is gone). Jobs not leased at {@code now} are left alone.
   *
   * @return false when the job was not leased (any more)
   */
  boolean releaseLease(UUID jobId, Instant now);

  /**
   * Deletes up to {@code max} of the matching jobs that ended ({@link JobState#ENDED}), longest
   * unchanged first, in one transaction; states in the filter outside those are ignored, and so is
   * a filter without states (both ended states then). Call it again until it returns 0.
   *
   * @return how many rows were deleted
   */
  int deleteEnded(JobFilter filter, Instant now, int max);
}
