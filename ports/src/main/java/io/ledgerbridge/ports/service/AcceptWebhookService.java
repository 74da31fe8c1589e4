package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository.Claim;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Accepts an authenticated store event. Dedupe on (tenant, Idempotency-Key), the run row and its
 * sync job commit in one transaction (which also reads the current policy version); idle workers
 * are woken after the commit. {@link #acceptAll} does the same for several events in one
 * transaction (group commit): each event's result is what {@link #accept} alone would have given.
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
    return acceptAll(List.of(command)).get(0);
  }

  /**
   * Accepts several events in one transaction: the claims, then one policy read per tenant, the
   * runs and the jobs each as one batch, and one wake-up after the commit ({@link #accept} is a
   * batch of one). Each event gets the answer it would get alone, in the order given; an event
   * whose delivery an earlier one in the list (or an earlier transaction) claimed is a duplicate of
   * that run. If the transaction fails, every event fails with it (nothing of the batch is kept).
   */
  public List<AcceptResult> acceptAll(List<AcceptWebhookCommand> commands) {
    AcceptResult[] results = new AcceptResult[commands.size()];
    List<Integer> pending = new ArrayList<>(commands.size());
    List<EventType> events = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      AcceptWebhookCommand command = commands.get(i);
      Optional<EventType> event = EventType.storeEvent(command.eventName());
      if (event.isEmpty()) {
        results[i] = new UnknownEvent(command.eventName());
      } else if (bindings.find(command.tenantId()).isEmpty()) {
        // removed between authentication and here; the store retries on 503
        results[i] = new NoBinding(command.tenantId());
      } else {
        // a paused or disconnected binding accepts too: the worker holds its runs until active
        pending.add(i);
        events.add(event.get());
      }
    }
    if (pending.isEmpty()) {
      return Arrays.asList(results);
    }
    Instant now = clock.instant();
    List<Claim> claims = new ArrayList<>(pending.size());
    List<UUID> jobIds = new ArrayList<>(pending.size());
    for (int i : pending) {
      AcceptWebhookCommand c = commands.get(i);
      claims.add(new Claim(c.tenantId(), c.idempotencyKey(), c.occurredAt(), ids.get(), now));
      jobIds.add(ids.get());
    }
    return uow.inTransaction(
        () -> {
          Map<String, Integer> policyVersions = new HashMap<>();
          List<UUID> winners = idempotency.claimAll(claims);
          List<SyncRun> newRuns = new ArrayList<>(claims.size());
          List<Job> newJobs = new ArrayList<>(claims.size());
          for (int p = 0; p < claims.size(); p++) {
            Claim claim = claims.get(p);
            UUID winner = winners.get(p);
            int i = pending.get(p);
            if (!winner.equals(claim.runId())) {
              results[i] = new Accepted(winner, true);
              continue;
            }
            AcceptWebhookCommand c = commands.get(i);
            int policyVersion =
                policyVersions.computeIfAbsent(c.tenantId(), policies::currentVersion);
            newRuns.add(
                SyncRun.accepted(
                    claim.runId(),
                    c.tenantId(),
                    events.get(p),
                    c.magentoEntityId(),
                    c.idempotencyKey(),
                    policyVersion,
                    now));
            newJobs.add(Job.newJob(jobIds.get(p), JobKind.SYNC, claim.runId(), c.tenantId(), now));
            results[i] = new Accepted(claim.runId(), false);
          }
          if (!newRuns.isEmpty()) {
            runs.insertAll(newRuns);
            queue.enqueueAll(newJobs);
            uow.afterCommit(signal::wake);
          }
          return Arrays.asList(results);
        });
  }
}
