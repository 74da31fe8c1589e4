package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.JobQueue.DeadLetter;
import io.ledgerbridge.ports.out.JobQueue.DeadLetterCursor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's dead letters (PRODUCT §5): the parked jobs with their runs, and requeueing them.
 * Tenant scoping is the caller's: it filters the list and checks a found entry's tenant.
 */
public interface ManageDeadLettersUseCase {

  /**
   * One page, newest parked first.
   *
   * @param tenantId null: every tenant's
   * @param before null: from the newest
   */
  Page list(String tenantId, DeadLetterCursor before, int limit);

  /** The dead letter of job {@code jobId}, if it is still listed. */
  Optional<Entry> find(UUID jobId);

  /**
   * Sends a dead letter through the worker again. A sync job whose run failed is retried as a run
   * (the run back to queued with a fresh job, so this job leaves the list); any other job is moved
   * back to pending, due now.
   */
  RequeueResult requeue(UUID jobId);

  /**
   * A parked job (its last error scrubbed of the binding's secrets) and its run.
   *
   * @param run empty when the run no longer exists
   */
  record Entry(DeadLetter deadLetter, Optional<SyncRun> run) {}

  /**
   * @param next where the following page starts; empty on the last page
   */
  record Page(List<Entry> entries, Optional<DeadLetterCursor> next) {}

  sealed interface RequeueResult permits Requeued, NotRequeued {}

  /**
   * @param runRetried true when the run was retried (a new job), false when the job itself was
   *     requeued
   */
  record Requeued(UUID jobId, boolean runRetried) implements RequeueResult {}

  record NotRequeued(UUID jobId, String reason) implements RequeueResult {}
}
