package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.ProcessJobUseCase;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.sync.SyncContext;
import io.ledgerbridge.ports.sync.SyncEventHandler;
import io.ledgerbridge.ports.sync.SyncOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs claimed jobs. A sync job loads its run and binding, takes the run's Sage business through
 * the {@link BusinessGate}, hands the run to the {@link SyncEventHandler} of its event and records
 * the outcome ({@link SyncRunRecorder}); a push job goes to the {@link StatusPushProcessor}. Events
 * without a handler end skipped ({@link SkipReason#EVENT_NOT_SUPPORTED}).
 */
public final class SyncJobProcessor implements ProcessJobUseCase {
  private static final Logger LOG = Logger.getLogger(SyncJobProcessor.class.getName());

  private final Map<EventType, SyncEventHandler> handlers;
  private final BindingRepository bindings;
  private final SyncRunRepository runs;
  private final JobQueue queue;
  private final Clock clock;
  private final PolicyVersions policies;
  private final BusinessGate gate;
  private final SyncRunRecorder recorder;
  private final StatusPushProcessor pushes;

  /** Most runs one worker-side transaction writes, as the chassis runs it (ADR 0026). */
  public static final int ENDED_RUNS_MAX_BATCH = 128;

  /** Writes the runs that end, when {@link #writeEndsTogether} is on; null otherwise. */
  private EndedRunWriter endWriter;

  /**
   * @param handlers the handler of each synced event (the composition root fills the map); a
   *     reconciliation event maps to the handler of the store event it reconciles
   */
  public SyncJobProcessor(ProcessorDependencies d, Map<EventType, SyncEventHandler> handlers) {
    this(d, handlers, ChassisMetrics.NONE);
  }

  /**
   * Like {@link #SyncJobProcessor(ProcessorDependencies, Map)}, reporting ended runs and jobs, rate
   * governor waits and busy businesses to {@code metrics}.
   */
  public SyncJobProcessor(
      ProcessorDependencies d, Map<EventType, SyncEventHandler> handlers, ChassisMetrics metrics) {
    Objects.requireNonNull(metrics, "metrics");
    this.handlers = new EnumMap<>(EventType.class);
    handlers.forEach(
        (event, handler) -> {
          // a reconciliation run is handled by the handler of the store event it applies again
          if (handler.event() != event && event.reconciles().orElse(null) != handler.event()) {
            throw new IllegalArgumentException(
                "handler for " + handler.event() + " registered for " + event);
          }
          this.handlers.put(event, handler);
        });
    this.bindings = d.bindings();
    this.runs = d.runs();
    this.queue = d.queue();
    this.clock = d.clock();
    this.policies = new PolicyVersions(d.policies());
    this.gate =
        new BusinessGate(
            d.leases(), d.governor(), d.queue(), d.clock(), d.leaseTtl(), d.delays(), metrics);
    this.recorder =
        new SyncRunRecorder(
            d.runs(),
            d.attempts(),
            d.queue(),
            d.uow(),
            d.signal(),
            d.ladder(),
            d.clock(),
            d.ids(),
            d.delays(),
            d.scrubbers(),
            metrics);
    this.pushes =
        new StatusPushProcessor(
            d.bindings(),
            d.runs(),
            d.queue(),
            d.store(),
            d.ladder(),
            d.clock(),
            d.leases(),
            d.delays(),
            d.scrubbers(),
            metrics);
  }

  @Override
  public void process(Job job) {
    if (job.kind() == JobKind.PUSH) {
      pushes.process(job);
      return;
    }
    guarded(
        job,
        () -> {
          Instant startedAt = clock.instant();
          Ready ready = load(job, startedAt);
          if (ready != null) {
            gate.run(
                ready.binding().sageBusinessId(),
                job,
                startedAt,
                () -> start(job, ready, startedAt),
                this::runParked);
          }
        });
  }

  /**
   * Push jobs are pushed in order and completed together; sync jobs run one by one as {@link
   * #process} runs them.
   */
  @Override
  public void processAll(List<Job> jobs) {
    List<Job> group = new ArrayList<>();
    for (Job job : jobs) {
      if (job.kind() == JobKind.PUSH) {
        group.add(job);
        continue;
      }
      if (!group.isEmpty()) {
        pushes.processAll(group);
        group = new ArrayList<>();
      }
      process(job);
    }
    if (!group.isEmpty()) {
      pushes.processAll(group);
    }
  }

  /**
   * From now on the runs this processor ends (succeeded or skipped) are written together by a
   * thread of their own, up to {@code maxBatch} in one transaction ({@link EndedRunWriter}: group
   * commit on the worker side); failures, retries and waits are still written at once. The chassis
   * turns this on where workers run. Until then, and after {@link #stopWritingEndsTogether}, each
   * run is written as it ends.
   */
  public synchronized void writeEndsTogether(int maxBatch) {
    if (endWriter == null) {
      endWriter = new EndedRunWriter(recorder, this::guarded, maxBatch);
      recorder.writeEndsThrough(endWriter);
    }
  }

  /** Writes the ended runs still queued, then writes each run as it ends again (shutdown). */
  public synchronized void stopWritingEndsTogether() {
    if (endWriter != null) {
      recorder.writeEndsThrough(null);
      endWriter.close();
      endWriter = null;
    }
  }

  /** Shutdown: parked jobs go back to the queue instead of waiting for their holder. */
  public void stopHandoffs() {
    gate.stop();
  }

  /** The transport gave up on a job that kept killing its workers (see the recorder). */
  public void poisoned(Job job, String reason) {
    recorder.poisoned(job, reason);
  }

  private void guarded(Job job, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      // A bug or an unclassified failure: retry on the ladder; it dead-letters if it persists.
      LOG.log(Level.SEVERE, "job " + job.id() + " for run " + job.syncRunId() + " failed", e);
      try {
        Failure unexpected =
            Failure.transientFailure(
                ErrorClass.INTERNAL,
                job.kind().db(),
                "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        runs.find(job.syncRunId())
            .ifPresent(run -> recorder.fail(job, run, unexpected, clock.instant(), null));
      } catch (RuntimeException again) {
        // The database is likely down; the claim's visibility timeout redelivers the job.
        LOG.log(Level.SEVERE, "could not record failure of job " + job.id(), again);
      }
    }
  }

  /** A sync job's run and binding, loaded and ready to start under the business lease. */
  private record Ready(SyncRun run, Binding binding, BindingSecrets secrets) {}

  /**
   * Loads the run and its binding; null when the job was settled here (run missing, already
   * terminal, or binding gone). A run left {@code running} by a dead worker has that attempt
   * recorded as lost first.
   */
  private Ready load(Job job, Instant startedAt) {
    Optional<SyncRun> found = runs.find(job.syncRunId());
    if (found.isEmpty()) {
      queue.deadLetter(job.id(), "sync run " + job.syncRunId() + " does not exist");
      return null;
    }
    SyncRun run = found.get();
    if (run.status().isTerminal()) {
      // Redelivery after the run already ended: its push job was written with the end state.
      queue.complete(job.id());
      return null;
    }
    if (run.status() == SyncRunStatus.RUNNING) {
      // The previous worker died mid-run; record that attempt as lost before starting again.
      run =
          recorder.persist(
              run.scheduleRetry(ErrorClass.INTERNAL, "worker lost during attempt", startedAt));
    }
    Binding binding = bindings.find(run.tenantId()).orElse(null);
    BindingSecrets secrets = bindings.secrets(run.tenantId()).orElse(null);
    if (binding != null && secrets != null && !binding.status().syncs()) {
      recorder.hold(job, run, holdReason(binding.status()));
      return null;
    }
    if (binding == null || secrets == null) {
      recorder.fail(
          job,
          recorder.persist(run.start(startedAt)),
          Failure.permanent(
              ErrorClass.NOT_FOUND,
              "load_binding",
              "binding " + run.tenantId() + " no longer exists"),
          startedAt,
          null);
      return null;
    }
    return new Ready(run, binding, secrets);
  }

  /** A job parked with this thread's business: loaded again, then run under the same lease. */
  private void runParked(String businessId, Job job) {
    guarded(
        job,
        () -> {
          Instant startedAt = clock.instant();
          Ready ready = load(job, startedAt);
          if (ready == null) {
            return;
          }
          if (!ready.binding().sageBusinessId().equals(businessId)) {
            queue.defer(job.id(), startedAt); // its binding moved to another business meanwhile
            return;
          }
          start(job, ready, startedAt);
        });
  }

  /** Starts the run under the held lease, hands it to its event's handler, records the outcome. */
  private void start(Job job, Ready ready, Instant startedAt) {
    SyncRun running = recorder.persist(ready.run().start(startedAt));
    SyncEventHandler handler = handlers.get(running.event());
    if (handler == null) {
      recorder.skip(
          job,
          running,
          SkipReason.EVENT_NOT_SUPPORTED,
          "event " + running.event().wire() + " is not synced by this version",
          startedAt);
      return;
    }
    Optional<SyncPolicy> policy = policies.forRun(running);
    if (policy.isEmpty()) {
      recorder.fail(
          job,
          running,
          Failure.permanent(
              ErrorClass.VALIDATION,
              "load_policy",
              "binding " + running.tenantId() + " has no sync policy"),
          startedAt,
          null);
      return;
    }
    String business = ready.binding().sageBusinessId();
    AttemptExchanges exchanges = new AttemptExchanges();
    SyncContext context =
        SyncContext.of(
            running,
            ready.binding(),
            ready.secrets(),
            policy.get(),
            () -> gate.beforeSageCall(business),
            exchanges);
    SyncOutcome outcome;
    try {
      outcome = handler.handle(context);
    } catch (GatewayException e) {
      outcome = new SyncOutcome.Failed(Failure.of(e), null);
    } catch (RuntimeException e) {
      // a bug or an unclassified failure: as in guarded(), retried on the ladder, but the attempt
      // keeps the exchanges it made
      LOG.log(Level.SEVERE, "job " + job.id() + " for run " + job.syncRunId() + " failed", e);
      outcome =
          new SyncOutcome.Failed(
              Failure.transientFailure(
                  ErrorClass.INTERNAL,
                  job.kind().db(),
                  "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()),
              null);
    }
    if (outcome instanceof SyncOutcome.Failed f && f.failure().revokesConnection()) {
      // not the run's failure: the binding waits for a reconnect, and its runs with it
      if (bindings.changeStatus(
          running.tenantId(), BindingStatus.ACTIVE, BindingStatus.TOKEN_REVOKED)) {
        LOG.warning(
            "binding "
                + running.tenantId()
                + " is token_revoked: Sage refused its refresh token; its events wait for a"
                + " reconnect");
      }
      recorder.awaitReconnect(job, running, f.failure(), startedAt, exchanges);
      return;
    }
    if (outcome instanceof SyncOutcome.Waiting w) {
      // time the binding was held (paused, revoked, disconnected) does not count towards the wait
      // for a dependency: its dependency was held just as long
      Instant since =
          bindings
              .statusChangedAt(running.tenantId())
              .filter(changed -> changed.isAfter(job.createdAt()) && !changed.isAfter(startedAt))
              .orElse(job.createdAt());
      recorder.awaitDependency(job, running, w.reason(), startedAt, since);
      return;
    }
    recorder.record(job, running, outcome, startedAt, exchanges);
  }

  /** Why a run of a binding in {@code status} is held, and what makes it go on. */
  static String holdReason(BindingStatus status) {
    String why =
        switch (status) {
          case PAUSED -> "events are held until it is resumed";
          case PENDING_SAGE -> "events are held until the binding is connected to Sage";
          case TOKEN_REVOKED ->
              "Sage refused its connection; connect the binding to Sage again, then held events"
                  + " sync by themselves";
          case DISCONNECTED ->
              "events are held until the store is paired again and the binding connected to Sage";
          default -> "events are held until it is active again";
        };
    return "binding " + status.db() + ": " + why;
  }
}
