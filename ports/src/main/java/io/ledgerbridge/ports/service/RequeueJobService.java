package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.OutboxMaintenance;
import io.ledgerbridge.ports.out.OutboxMaintenance.JobRow;
import io.ledgerbridge.ports.out.OutboxMaintenance.JobState;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An operator puts one job of the outbox back to work:
 *
 * <ol>
 *   <li>a dead-lettered <em>sync</em> job by retrying its run ({@link RetrySyncRunUseCase}: the
 *       failed run goes back to {@code queued} with a fresh job, which supersedes the dead letter),
 *       since the worker would only complete a job whose run has ended; a run that is no longer
 *       failed (retried already) is left alone;
 *   <li>a dead-lettered <em>push</em> job through {@link JobQueue#requeue} (due now, attempts
 *       reset; with Redis Streams the relay publishes it again);
 *   <li>a <em>leased</em> job whose worker is gone by releasing its lease ({@link
 *       OutboxMaintenance#releaseLease}), as if the lease had run out.
 * </ol>
 *
 * Jobs in any other state are refused with the reason.
 */
public final class RequeueJobService {

  /** The result for one job. */
  public sealed interface Outcome permits Requeued, Refused {
    UUID jobId();
  }

  /** Back to work; {@code how} says in which way (for the operator). */
  public record Requeued(UUID jobId, String how) implements Outcome {}

  public record Refused(UUID jobId, String reason) implements Outcome {}

  private final RetrySyncRunUseCase retry;
  private final SyncRunRepository runs;
  private final JobQueue queue;
  private final OutboxMaintenance outbox;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final Clock clock;

  public RequeueJobService(
      RetrySyncRunUseCase retry,
      SyncRunRepository runs,
      JobQueue queue,
      OutboxMaintenance outbox,
      UnitOfWork uow,
      JobSignal signal,
      Clock clock) {
    this.retry = retry;
    this.runs = runs;
    this.queue = queue;
    this.outbox = outbox;
    this.uow = uow;
    this.signal = signal;
    this.clock = clock;
  }

  public Outcome requeue(JobRow row) {
    UUID jobId = row.job().id();
    Instant now = clock.instant();
    if (row.state() == JobState.LEASED) {
      if (!outbox.releaseLease(jobId, now)) {
        return new Refused(jobId, "no longer leased");
      }
      signal.wake();
      return new Requeued(jobId, "lease released, due now");
    }
    if (row.state() != JobState.DEAD_LETTERED) {
      return new Refused(
          jobId, "job is " + row.state().wire() + "; only dead_lettered and leased jobs re-queue");
    }
    if (row.job().kind() == JobKind.SYNC) {
      UUID runId = row.job().syncRunId();
      Optional<SyncRun> run = runs.find(runId);
      if (run.isEmpty()) {
        return new Refused(jobId, "its run " + runId + " no longer exists");
      }
      if (run.get().status() != SyncRunStatus.FAILED) {
        return new Refused(
            jobId,
            "its run "
                + runId
                + " is "
                + run.get().status().db()
                + " (retried already); nothing to re-queue");
      }
      RetrySyncRunUseCase.RetryResult r = retry.retry(runId);
      if (r instanceof RetrySyncRunUseCase.Requeued requeued) {
        return new Requeued(jobId, "run " + runId + " retried as job " + requeued.jobId());
      }
      return new Refused(jobId, ((RetrySyncRunUseCase.NotRetryable) r).reason());
    }
    boolean done =
        uow.inTransaction(
            () -> {
              boolean requeued = queue.requeue(jobId, now);
              if (requeued) {
                uow.afterCommit(signal::wake);
              }
              return requeued;
            });
    return done
        ? new Requeued(jobId, "push due now")
        : new Refused(jobId, "no longer dead-lettered");
  }
}
