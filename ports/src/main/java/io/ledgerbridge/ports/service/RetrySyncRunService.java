package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Re-queues a failed run: the run goes back to {@code queued} and a fresh sync job is written in
 * the same transaction. The run keeps its policy version and its idempotency ids, so a retry after
 * a failure that had in fact reached Sage still cannot create a second document.
 */
public final class RetrySyncRunService implements RetrySyncRunUseCase {
  private final SyncRunRepository runs;
  private final JobQueue queue;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public RetrySyncRunService(
      SyncRunRepository runs,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      Clock clock,
      Supplier<UUID> ids) {
    this.runs = runs;
    this.queue = queue;
    this.uow = uow;
    this.signal = signal;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public RetryResult retry(UUID runId) {
    Optional<SyncRun> found = runs.find(runId);
    if (found.isEmpty()) {
      return new NotRetryable(runId, "no such run");
    }
    SyncRun run = found.get();
    if (run.status() != SyncRunStatus.FAILED) {
      return new NotRetryable(
          runId, "run is " + run.status().db() + ", only failed runs are retried");
    }
    Instant now = clock.instant();
    UUID jobId = ids.get();
    return uow.inTransaction(
        () -> {
          if (!runs.transition(run.requeue(now))) {
            return new NotRetryable(runId, "run changed concurrently; try again");
          }
          queue.enqueue(Job.newJob(jobId, JobKind.SYNC, runId, run.tenantId(), now));
          uow.afterCommit(signal::wake);
          return new Requeued(runId, jobId);
        });
  }
}
