package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.RetryDecision;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.ChassisMetrics.JobEnd;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.ports.out.SyncRunRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs push jobs: tells the store the combined sync state of the entity a terminal run concerns
 * ({@link EntitySyncState#combine}), read when the push runs, so a push never sends one event's
 * outcome alone over another's (the store overwrites its whole row). Pushes for one entity run one
 * at a time, under a lease on the entity: a push that finds the entity busy waits a moment without
 * counting a failure, then reads the state afresh, so an older state is never sent after a newer
 * one. A push that fails transiently retries on the backoff ladder; one that cannot succeed is
 * dead-lettered.
 */
final class StatusPushProcessor {
  private static final Logger LOG = Logger.getLogger(StatusPushProcessor.class.getName());

  private final BindingRepository bindings;
  private final SyncRunRepository runs;
  private final JobQueue queue;
  private final StoreGateway store;
  private final BackoffLadder ladder;
  private final Clock clock;
  private final BusinessLease leases;
  private final WorkerDelays delays;
  private final BindingSecretScrubbers scrubbers;
  private final ChassisMetrics metrics;

  /** Pushed jobs of a group are completed at least this often. */
  static final Duration COMPLETE_WITHIN = Duration.ofSeconds(5);

  /** How long a push may hold its entity; a push is one HTTP call of at most a few seconds. */
  static final Duration ENTITY_LEASE = Duration.ofSeconds(60);

  StatusPushProcessor(
      BindingRepository bindings,
      SyncRunRepository runs,
      JobQueue queue,
      StoreGateway store,
      BackoffLadder ladder,
      Clock clock,
      BusinessLease leases,
      WorkerDelays delays,
      BindingSecretScrubbers scrubbers,
      ChassisMetrics metrics) {
    this.metrics = metrics;
    this.scrubbers = scrubbers;
    this.bindings = bindings;
    this.runs = runs;
    this.queue = queue;
    this.store = store;
    this.ladder = ladder;
    this.clock = clock;
    this.leases = leases;
    this.delays = delays;
  }

  void process(Job job) {
    processAll(List.of(job));
  }

  /**
   * Pushes each job's state in order, then completes the pushed jobs in one statement. The jobs'
   * runs are read in one statement first: a run only tells the push which entity to lease and that
   * it ended; the state pushed is read afresh under the entity's lease. A push is sent before its
   * job is completed, so a crash in between sends it again (at least once, as for a single job).
   */
  void processAll(List<Job> jobs) {
    List<Job> pushed = new ArrayList<>(jobs.size());
    Map<UUID, SyncRun> runsById = runsOf(jobs);
    Instant since = clock.instant();
    for (Job job : jobs) {
      try {
        SyncRun run =
            runsById != null
                ? runsById.get(job.syncRunId())
                : runs.find(job.syncRunId()).orElse(null);
        if (push(job, run)) {
          pushed.add(job);
        }
      } catch (RuntimeException e) {
        failed(job, e);
      }
      if (!pushed.isEmpty() && clock.instant().isAfter(since.plus(COMPLETE_WITHIN))) {
        completeAll(pushed); // a slow store: the pushes made so far do not wait for the rest
        pushed = new ArrayList<>();
        since = clock.instant();
      }
    }
    completeAll(pushed);
  }

  /**
   * The runs of the jobs, read in one statement (a missing run is absent); null if that read
   * failed, and then each push reads its own run, failing on its own if the database is down.
   */
  private Map<UUID, SyncRun> runsOf(List<Job> jobs) {
    List<UUID> ids = new ArrayList<>(jobs.size());
    for (Job job : jobs) {
      ids.add(job.syncRunId());
    }
    try {
      Map<UUID, SyncRun> byId = new HashMap<>();
      for (SyncRun run : runs.findAll(ids)) {
        byId.put(run.id(), run);
      }
      return byId;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not read the runs of " + ids.size() + " push jobs", e);
      return null;
    }
  }

  private void completeAll(List<Job> pushed) {
    if (pushed.isEmpty()) {
      return;
    }
    List<UUID> ids = new ArrayList<>(pushed.size());
    for (Job job : pushed) {
      ids.add(job.id());
    }
    try {
      queue.completeAll(ids);
    } catch (RuntimeException e) {
      // pushed but not completed: the claims' visibility timeout delivers them again
      LOG.log(Level.SEVERE, "could not complete " + ids.size() + " pushed jobs", e);
      return;
    }
    for (Job job : pushed) {
      ended(job, JobEnd.DONE);
    }
  }

  private void failed(Job job, RuntimeException e) {
    // A bug or an unclassified failure: retry on the ladder; it dead-letters if it persists.
    LOG.log(Level.SEVERE, "push job " + job.id() + " for run " + job.syncRunId() + " failed", e);
    try {
      fail(
          job,
          Failure.transientFailure(
              ErrorClass.INTERNAL,
              job.kind().db(),
              "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()),
          scrubbers.forTenant(job.tenantId()));
    } catch (RuntimeException again) {
      // The database is likely down; the claim's visibility timeout redelivers the job.
      LOG.log(Level.SEVERE, "could not record failure of job " + job.id(), again);
    }
  }

  /**
   * Pushes the job's state; true when it was sent and the job is to be completed. {@code run} is
   * the job's run as read before the push, or null if it does not exist.
   */
  private boolean push(Job job, SyncRun run) {
    if (run == null || !run.status().isTerminal()) {
      queue.deadLetter(job.id(), "run " + job.syncRunId() + " is missing or not terminal");
      ended(job, JobEnd.DEAD_LETTERED);
      return false;
    }
    Binding binding = bindings.find(run.tenantId()).orElse(null);
    BindingSecrets secrets = bindings.secrets(run.tenantId()).orElse(null);
    if (binding == null || secrets == null) {
      queue.deadLetter(job.id(), "binding " + run.tenantId() + " no longer exists");
      ended(job, JobEnd.DEAD_LETTERED);
      return false;
    }
    StoreEntityType type = run.event().entityType();
    BusinessLease.Lease lease =
        leases
            .tryAcquire(entityKey(run.tenantId(), type, run.storeEntityId()), ENTITY_LEASE)
            .orElse(null);
    if (lease == null) {
      // another push of this entity is on its way; this one sends the state it leaves behind
      queue.defer(job.id(), clock.instant().plus(delays.busyBusinessRetry()));
      return false;
    }
    try {
      EntitySyncState state =
          combinedState(runs, run.tenantId(), type, run.storeEntityId(), clock.instant())
              .orElseGet(() -> EntitySyncState.of(run, clock.instant()));
      store.pushSyncState(
          new StoreEndpoint(binding.tenantId(), binding.magentoBaseUrl(), secrets.apiKey()), state);
      return true;
    } catch (GatewayException e) {
      fail(job, Failure.of(e), scrubbers.forTenant(run.tenantId()));
      return false;
    } finally {
      leases.release(lease);
    }
  }

  private void ended(Job job, JobEnd end) {
    metrics.jobEnded(job.kind(), end, Duration.between(job.createdAt(), clock.instant()));
  }

  /**
   * What the store is told about one entity: the combined state of all its ended runs, read now.
   * Every push of a sync state goes through here (the worker's, and the operator's backfill).
   */
  static java.util.Optional<EntitySyncState> combinedState(
      SyncRunRepository runs,
      String tenantId,
      StoreEntityType type,
      long storeEntityId,
      java.time.Instant at) {
    return EntitySyncState.combine(
        type, storeEntityId, runs.forEntity(tenantId, type, storeEntityId), at);
  }

  /** The lease key of one store entity: short enough for every lease store (at most 64 chars). */
  static String entityKey(String tenantId, StoreEntityType type, long storeEntityId) {
    String name = tenantId + "\u0000" + type + "\u0000" + storeEntityId;
    return "push:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The job's error text is stored and logged, so the binding's secrets are scrubbed from it. */
  private void fail(Job job, Failure failure, SecretScrubber scrubber) {
    String message = scrubber.scrub(failure.describe());
    RetryDecision decision =
        failure.isTransient()
            ? ladder.afterFailure(job.attempts() + 1, clock.instant())
            : new RetryDecision.GiveUp();
    if (decision instanceof RetryDecision.RetryAt at) {
      queue.retryAt(job.id(), at.at(), message);
    } else {
      queue.deadLetter(job.id(), message);
      ended(job, JobEnd.DEAD_LETTERED);
      LOG.warning("status push for run " + job.syncRunId() + " dead-lettered: " + message);
    }
  }
}
