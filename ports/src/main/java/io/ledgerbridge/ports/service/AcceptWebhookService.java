package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Accepts an authenticated store event. Dedupe on (tenant, Idempotency-Key), the run row and its
 * sync job commit in one transaction (which also reads the current policy version); idle workers
 * are woken after the commit.
 */
public final class AcceptWebhookService implements AcceptWebhookUseCase {
  private final BindingRepository bindings;
  private final PolicyRepository policies;
  private final SyncRunRepository runs;
  private final IdempotencyRepository idempotency;
  private final JobQueue queue;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public AcceptWebhookService(
      BindingRepository bindings,
      PolicyRepository policies,
      SyncRunRepository runs,
      IdempotencyRepository idempotency,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      Clock clock,
      Supplier<UUID> ids) {
    this.bindings = bindings;
    this.policies = policies;
    this.runs = runs;
    this.idempotency = idempotency;
    this.queue = queue;
    this.uow = uow;
    this.signal = signal;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public AcceptResult accept(AcceptWebhookCommand command) {
    Optional<EventType> event = EventType.storeEvent(command.eventName());
    if (event.isEmpty()) {
      return new UnknownEvent(command.eventName());
    }
    Optional<Binding> binding = bindings.find(command.tenantId());
    if (binding.isEmpty()) {
      // removed between authentication and here; the store retries on 503
      return new NoBinding(command.tenantId());
    }
    // a paused or disconnected binding accepts too: the worker holds its runs until it is active
    Instant now = clock.instant();
    UUID runId = ids.get();
    UUID jobId = ids.get();
    return uow.inTransaction(
        () -> {
          // read on the transaction's connection: one pool checkout per webhook, not two
          int policyVersion =
              policies.current(command.tenantId()).map(PolicySnapshot::version).orElse(0);
          UUID winner =
              idempotency.claim(
                  command.tenantId(), command.idempotencyKey(), command.occurredAt(), runId, now);
          if (!winner.equals(runId)) {
            return new Accepted(winner, true);
          }
          runs.insert(
              SyncRun.accepted(
                  runId,
                  command.tenantId(),
                  event.get(),
                  command.magentoEntityId(),
                  command.idempotencyKey(),
                  policyVersion,
                  now));
          queue.enqueue(Job.newJob(jobId, JobKind.SYNC, runId, command.tenantId(), now));
          uow.afterCommit(signal::wake);
          return new Accepted(runId, false);
        });
  }
}
