package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.RetryDecision;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.ports.out.SyncRunRepository;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs push jobs: tells the store the sync state its entity is left in by a terminal run. A push
 * that fails transiently retries on the backoff ladder; one that cannot succeed is dead-lettered.
 */
final class StatusPushProcessor {
  private static final Logger LOG = Logger.getLogger(StatusPushProcessor.class.getName());

  private final BindingRepository bindings;
  private final SyncRunRepository runs;
  private final JobQueue queue;
  private final StoreGateway store;
  private final BackoffLadder ladder;
  private final Clock clock;

  StatusPushProcessor(
      BindingRepository bindings,
      SyncRunRepository runs,
      JobQueue queue,
      StoreGateway store,
      BackoffLadder ladder,
      Clock clock) {
    this.bindings = bindings;
    this.runs = runs;
    this.queue = queue;
    this.store = store;
    this.ladder = ladder;
    this.clock = clock;
  }

  void process(Job job) {
    try {
      push(job);
    } catch (RuntimeException e) {
      // A bug or an unclassified failure: retry on the ladder; it dead-letters if it persists.
      LOG.log(Level.SEVERE, "push job " + job.id() + " for run " + job.syncRunId() + " failed", e);
      try {
        fail(
            job,
            Failure.transientFailure(
                ErrorClass.INTERNAL,
                job.kind().db(),
                "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
      } catch (RuntimeException again) {
        // The database is likely down; the claim's visibility timeout redelivers the job.
        LOG.log(Level.SEVERE, "could not record failure of job " + job.id(), again);
      }
    }
  }

  private void push(Job job) {
    SyncRun run = runs.find(job.syncRunId()).orElse(null);
    if (run == null || !run.status().isTerminal()) {
      queue.deadLetter(job.id(), "run " + job.syncRunId() + " is missing or not terminal");
      return;
    }
    Binding binding = bindings.find(run.tenantId()).orElse(null);
    BindingSecrets secrets = bindings.secrets(run.tenantId()).orElse(null);
    if (binding == null || secrets == null) {
      queue.deadLetter(job.id(), "binding " + run.tenantId() + " no longer exists");
      return;
    }
    try {
      store.pushSyncState(
          new StoreEndpoint(binding.tenantId(), binding.magentoBaseUrl(), secrets.apiKey()),
          EntitySyncState.of(run, clock.instant()));
      queue.complete(job.id());
    } catch (GatewayException e) {
      fail(job, Failure.of(e));
    }
  }

  private void fail(Job job, Failure failure) {
    String message = failure.describe();
    RetryDecision decision =
        failure.isTransient()
            ? ladder.afterFailure(job.attempts() + 1, clock.instant())
            : new RetryDecision.GiveUp();
    if (decision instanceof RetryDecision.RetryAt at) {
      queue.retryAt(job.id(), at.at(), message);
    } else {
      queue.deadLetter(job.id(), message);
      LOG.warning("status push for run " + job.syncRunId() + " dead-lettered: " + message);
    }
  }
}
