package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ManageDeadLettersUseCase;
import io.ledgerbridge.ports.in.RetrySyncRunUseCase;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobQueue.DeadLetter;
import io.ledgerbridge.ports.out.JobQueue.DeadLetterCursor;
import io.ledgerbridge.ports.out.JobQueue.DeadLetterQuery;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Lists dead letters with their runs and requeues them. A sync job parked with its run {@code
 * failed} cannot simply run again (the worker completes a job whose run has ended), so it is
 * retried as a run by {@link RetrySyncRunUseCase}: the run keeps its idempotency ids and gets a
 * fresh job, and the parked job leaves the list as superseded. A status-push job, or a sync job
 * whose run has not ended, is moved back to pending itself.
 */
public final class ManageDeadLettersService implements ManageDeadLettersUseCase {
  /** The most entries one page holds. */
  public static final int MAX_PAGE = 1000;

  private final JobQueue queue;
  private final SyncRunRepository runs;
  private final RetrySyncRunUseCase retry;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final BindingSecretScrubbers scrubbers;
  private final Clock clock;

  public ManageDeadLettersService(
      JobQueue queue,
      SyncRunRepository runs,
      RetrySyncRunUseCase retry,
      UnitOfWork uow,
      JobSignal signal,
      BindingSecretScrubbers scrubbers,
      Clock clock) {
    this.queue = queue;
    this.runs = runs;
    this.retry = retry;
    this.uow = uow;
    this.signal = signal;
    this.scrubbers = scrubbers;
    this.clock = clock;
  }

  @Override
  public Page list(String tenantId, DeadLetterCursor before, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_PAGE));
    List<DeadLetter> found = queue.deadLetters(new DeadLetterQuery(tenantId, before, n + 1));
    Map<String, SecretScrubber> byTenant = new HashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (DeadLetter d : found.subList(0, Math.min(n, found.size()))) {
      entries.add(entry(d, byTenant.computeIfAbsent(d.job().tenantId(), scrubbers::forTenant)));
    }
    Optional<DeadLetterCursor> next =
        found.size() > n
            ? Optional.of(DeadLetterCursor.of(entries.get(n - 1).deadLetter()))
            : Optional.empty();
    return new Page(entries, next);
  }

  @Override
  public Optional<Entry> find(UUID jobId) {
    return queue.findDeadLetter(jobId).map(d -> entry(d, scrubbers.forTenant(d.job().tenantId())));
  }

  @Override
  public RequeueResult requeue(UUID jobId) {
    Optional<DeadLetter> found = queue.findDeadLetter(jobId);
    if (found.isEmpty()) {
      return new NotRequeued(jobId, "not a dead letter (already requeued, or its run retried)");
    }
    Job job = found.get().job();
    Optional<SyncRun> run = runs.find(job.syncRunId());
    if (job.kind() == JobKind.SYNC) {
      if (run.isEmpty()) {
        return new NotRequeued(jobId, "its run no longer exists");
      }
      SyncRunStatus status = run.get().status();
      if (status == SyncRunStatus.FAILED) {
        RetrySyncRunUseCase.RetryResult r = retry.retry(run.get().id());
        if (r instanceof RetrySyncRunUseCase.NotRetryable no) {
          return new NotRequeued(jobId, no.reason());
        }
        return new Requeued(jobId, true);
      }
      if (status.isTerminal()) {
        return new NotRequeued(jobId, "its run already ended " + status.db());
      }
    }
    boolean requeued =
        uow.inTransaction(
            () -> {
              boolean moved = queue.requeue(jobId, clock.instant());
              if (moved) {
                uow.afterCommit(signal::wake);
              }
              return moved;
            });
    return requeued
        ? new Requeued(jobId, false)
        : new NotRequeued(jobId, "changed concurrently; try again");
  }

  private Entry entry(DeadLetter d, SecretScrubber scrubber) {
    Job j = d.job();
    Job scrubbed =
        j.lastError() == null
            ? j
            : new Job(
                j.id(),
                j.kind(),
                j.syncRunId(),
                j.tenantId(),
                j.status(),
                j.attempts(),
                j.nextAttemptAt(),
                scrubber.scrub(j.lastError()),
                j.createdAt());
    Optional<SyncRun> run = runs.find(j.syncRunId()).map(r -> r.withErrorMessage(scrubber::scrub));
    return new Entry(new DeadLetter(scrubbed, d.deadLetteredAt()), run);
  }
}
