package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.RetryDecision;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.ChassisMetrics.JobEnd;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import io.ledgerbridge.ports.sync.SyncOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what became of a sync run: its state change, the attempt, the job's own transition and,
 * when the run ends, the status push job, all in one transaction. Failures follow the backoff
 * ladder when transient and end the run when permanent or when the ladder gives up.
 */
final class SyncRunRecorder {
  private static final Logger LOG = Logger.getLogger(SyncRunRecorder.class.getName());

  private final SyncRunRepository runs;
  private final SyncAttemptRepository attempts;
  private final JobQueue queue;
  private final UnitOfWork uow;
  private final JobSignal signal;
  private final BackoffLadder ladder;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final WorkerDelays delays;
  private final BindingSecretScrubbers scrubbers;
  private final ChassisMetrics metrics;

  SyncRunRecorder(
      SyncRunRepository runs,
      SyncAttemptRepository attempts,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      BackoffLadder ladder,
      Clock clock,
      Supplier<UUID> ids,
      WorkerDelays delays,
      BindingSecretScrubbers scrubbers,
      ChassisMetrics metrics) {
    this.metrics = metrics;
    this.delays = delays;
    this.scrubbers = scrubbers;
    this.runs = runs;
    this.attempts = attempts;
    this.queue = queue;
    this.uow = uow;
    this.signal = signal;
    this.ladder = ladder;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Records what a handler returned: the run ends, or retries, with its attempt and the exchanges
   * the attempt made (a run that waits for a dependency records no attempt, and so no exchanges).
   */
  void record(
      Job job,
      SyncRun running,
      SyncOutcome outcome,
      Instant startedAt,
      AttemptExchanges exchanges) {
    if (outcome instanceof SyncOutcome.Posted p) {
      succeed(
          job,
          running,
          p.sageId(),
          p.sageReference(),
          p.detail(),
          startedAt,
          p.sentBody(),
          p.wrote(),
          exchanges);
    } else if (outcome instanceof SyncOutcome.Skipped s) {
      skip(job, running, s.reason(), s.explanation(), startedAt, exchanges);
    } else if (outcome instanceof SyncOutcome.Invalid i) {
      fail(
          job,
          running,
          Failure.permanent(ErrorClass.VALIDATION, "translate", i.message()),
          startedAt,
          null,
          exchanges);
    } else if (outcome instanceof SyncOutcome.Failed f) {
      fail(job, running, f.failure(), startedAt, f.sentBody(), exchanges);
    } else if (outcome instanceof SyncOutcome.Waiting w) {
      awaitDependency(job, running, w.reason(), startedAt, job.createdAt());
    }
  }

  /**
   * The run waits for a dependency ({@link SyncOutcome.Waiting}) without counting the attempt, and
   * looks again after {@link WorkerDelays#dependencyRecheck}; once it has waited {@link
   * WorkerDelays#dependencyWait()} since {@code since} (when the event was accepted, or an operator
   * retried the run, which gives it a new job, or the binding was last resumed or reconnected) it
   * fails {@code not_found} for an operator.
   */
  void awaitDependency(Job job, SyncRun running, String reason, Instant startedAt, Instant since) {
    Instant now = clock.instant();
    Duration waited = Duration.between(since, now);
    if (waited.compareTo(delays.dependencyWait()) >= 0) {
      fail(
          job,
          running,
          Failure.permanent(
              ErrorClass.NOT_FOUND,
              "wait_for_dependency",
              reason
                  + "; gave up after waiting "
                  + delays.dependencyWait().toHours()
                  + " h: retry the run once it is in Sage"),
          startedAt,
          null);
      return;
    }
    uow.run(
        () -> {
          persist(running.awaitDependency(reason, now));
          queue.defer(job.id(), now.plus(WorkerDelays.dependencyRecheck(waited)));
        });
  }

  /** Writes a transition; another writer got there first if the compare-and-set fails. */
  SyncRun persist(SyncRun next) {
    if (!runs.transition(next)) {
      throw new ConcurrentRunChangeException(next.id());
    }
    return next;
  }

  void succeed(
      Job job,
      SyncRun running,
      String sageId,
      String sageRef,
      String detail,
      Instant startedAt,
      String sentBody,
      boolean wrote,
      AttemptExchanges exchanges) {
    Instant now = clock.instant();
    // a reconciliation that found Sage as it should be tells the store nothing new
    end(
        job,
        running,
        running.succeed(sageId, sageRef, now),
        new SyncAttempt(
            running.id(),
            running.attempts(),
            startedAt,
            now,
            "ok",
            null,
            null,
            detail,
            sentBody,
            null),
        exchanges,
        wrote || running.event().fromStore(),
        now);
  }

  void skip(Job job, SyncRun running, SkipReason reason, String explanation, Instant startedAt) {
    skip(job, running, reason, explanation, startedAt, null);
  }

  void skip(
      Job job,
      SyncRun running,
      SkipReason reason,
      String explanation,
      Instant startedAt,
      AttemptExchanges exchanges) {
    Instant now = clock.instant();
    end(
        job,
        running,
        running.skip(reason.code(), explanation, now),
        new SyncAttempt(
            running.id(),
            running.attempts(),
            startedAt,
            now,
            "skipped",
            null,
            null,
            reason.code() + ": " + explanation,
            null,
            null),
        exchanges,
        running.event().fromStore(),
        now);
  }

  /**
   * A run that succeeded or was skipped, ready to be written: its end state, its attempt with the
   * attempt's exchanges, the status push job if the store is to be told, and its job to complete.
   */
  record Ended(
      Job job,
      SyncRun next,
      SyncAttempt attempt,
      List<SyncExchange> exchanges,
      Job push,
      Instant at) {}

  /** Where ended runs go when they are written together; null: each is written at once. */
  private volatile EndedRunWriter writer;

  /** From now on ended runs go to {@code writer} (null: written at once again). */
  void writeEndsThrough(EndedRunWriter writer) {
    this.writer = writer;
  }

  /** Writes the end of a run, or hands it to the {@link EndedRunWriter} when there is one. */
  private void end(
      Job job,
      SyncRun running,
      SyncRun next,
      SyncAttempt attempt,
      AttemptExchanges exchanges,
      boolean tellStore,
      Instant now) {
    Ended ended =
        new Ended(
            job,
            next,
            attempt,
            exchangeRows(running.tenantId(), exchanges, attempt),
            tellStore
                ? Job.newJob(ids.get(), JobKind.PUSH, running.id(), running.tenantId(), now)
                : null,
            now);
    EndedRunWriter through = writer;
    if (through == null || !through.submit(ended)) {
      recordEnded(ended);
    }
  }

  /**
   * Writes ended runs in one transaction, each statement a batch: the runs' end states
   * (compare-and-set each), their attempts and exchanges, the push jobs, the completed jobs. If any
   * run was changed meanwhile, or anything else fails, nothing is written and the exception is
   * thrown ({@link EndedRunWriter} tries a transient failure again, and otherwise writes the runs
   * one by one with {@link #recordEnded}, so only the run at fault fails).
   */
  void recordAllEnded(List<Ended> ended) {
    if (ended.isEmpty()) {
      return;
    }
    List<SyncRun> next = new ArrayList<>(ended.size());
    List<SyncAttempt> attemptRows = new ArrayList<>(ended.size());
    List<SyncExchange> exchangeRows = new ArrayList<>();
    List<Job> pushJobs = new ArrayList<>();
    List<UUID> done = new ArrayList<>(ended.size());
    for (Ended e : ended) {
      next.add(e.next());
      attemptRows.add(e.attempt());
      exchangeRows.addAll(e.exchanges());
      if (e.push() != null) {
        pushJobs.add(e.push());
      }
      done.add(e.job().id());
    }
    uow.run(
        () -> {
          boolean[] written = runs.transitionAll(next);
          for (int i = 0; i < written.length; i++) {
            if (!written[i]) {
              throw new ConcurrentRunChangeException(next.get(i).id());
            }
          }
          attempts.recordAll(attemptRows);
          if (!exchangeRows.isEmpty()) {
            attempts.recordExchanges(exchangeRows);
          }
          if (!pushJobs.isEmpty()) {
            queue.enqueueAll(pushJobs);
            uow.afterCommit(signal::wake);
          }
          queue.completeAll(done);
        });
    metrics.runsEndedTogether(ended.size());
    for (Ended e : ended) {
      reportEnded(e);
    }
  }

  /** Writes one ended run in its own transaction. */
  void recordEnded(Ended e) {
    uow.run(
        () -> {
          persist(e.next());
          attempts.record(e.attempt());
          if (!e.exchanges().isEmpty()) {
            attempts.recordExchanges(e.exchanges());
          }
          if (e.push() != null) {
            queue.enqueue(e.push());
            uow.afterCommit(signal::wake);
          }
          queue.complete(e.job().id());
        });
    reportEnded(e);
  }

  private void reportEnded(Ended e) {
    ended(e.job(), e.next(), e.next().status(), null, JobEnd.DONE, e.at());
  }

  /**
   * Records a failed attempt: a transient failure with rungs left schedules the retry; anything
   * else ends the run failed, tells the store and dead-letters the job. Only a run still {@code
   * running} changes state (a run that failed before it started keeps its state). The binding's
   * secrets are scrubbed from the message and both bodies before anything is stored or logged.
   */
  void fail(Job job, SyncRun running, Failure failure, Instant startedAt, String rawSentBody) {
    fail(job, running, failure, startedAt, rawSentBody, null);
  }

  void fail(
      Job job,
      SyncRun running,
      Failure failure,
      Instant startedAt,
      String rawSentBody,
      AttemptExchanges exchanges) {
    Instant now = clock.instant();
    RetryDecision decision =
        failure.isTransient()
            ? ladder.afterFailure(job.attempts() + 1, now)
            : new RetryDecision.GiveUp();
    SecretScrubber scrubber = scrubbers.forTenant(running.tenantId());
    String message = scrubber.scrub(failure.describe());
    String sentBody = scrubber.scrub(rawSentBody);
    String responseBody = scrubber.scrub(failure.responseBody());
    boolean[] failed = {false};
    uow.run(
        () -> {
          failed[0] = false;
          recordAttempt(
              running.tenantId(),
              exchanges,
              new SyncAttempt(
                  running.id(),
                  running.attempts(),
                  startedAt,
                  now,
                  failure.isTransient() ? "transient" : "permanent",
                  failure.errorClass().code(),
                  failure.httpStatus() == 0 ? null : failure.httpStatus(),
                  message,
                  sentBody,
                  responseBody));
          if (decision instanceof RetryDecision.RetryAt at) {
            persistIfRunning(running, r -> r.scheduleRetry(failure.errorClass(), message, now));
            queue.retryAt(job.id(), at.at(), message);
          } else {
            failed[0] = persistIfRunning(running, r -> r.fail(failure.errorClass(), message, now));
            enqueuePush(running, now);
            queue.deadLetter(job.id(), message);
          }
        });
    if (!(decision instanceof RetryDecision.RetryAt)) {
      metrics.jobEnded(job.kind(), JobEnd.DEAD_LETTERED, Duration.between(job.createdAt(), now));
      if (failed[0]) {
        metrics.runEnded(running.event(), SyncRunStatus.FAILED, failure.errorClass());
      }
    }
    LOG.log(
        failure.isTransient() && decision instanceof RetryDecision.RetryAt
            ? Level.INFO
            : Level.WARNING,
        "run "
            + running.id()
            + " ("
            + running.event().wire()
            + " "
            + running.storeEntityId()
            + "): "
            + message);
  }

  /**
   * The binding's Sage connection is gone ({@link Failure#revokesConnection()}): the attempt is
   * recorded (outcome {@code waiting}, with Sage's answer), the run waits without counting it, and
   * its job looks again after {@link WorkerDelays#heldRecheck()}; it runs once the binding is
   * connected again.
   */
  void awaitReconnect(
      Job job, SyncRun running, Failure failure, Instant startedAt, AttemptExchanges exchanges) {
    Instant now = clock.instant();
    SecretScrubber scrubber = scrubbers.forTenant(running.tenantId());
    String message = scrubber.scrub(failure.describe());
    String reason = "binding token_revoked: " + message;
    uow.run(
        () -> {
          recordAttempt(
              running.tenantId(),
              exchanges,
              new SyncAttempt(
                  running.id(),
                  running.attempts(),
                  startedAt,
                  now,
                  "waiting",
                  failure.errorClass().code(),
                  failure.httpStatus() == 0 ? null : failure.httpStatus(),
                  message,
                  null,
                  scrubber.scrub(failure.responseBody())));
          persistIfRunning(running, r -> r.awaitDependency(reason, now));
          queue.defer(job.id(), now.plus(delays.heldRecheck()));
        });
    LOG.warning(
        "run "
            + running.id()
            + " waits: the Sage connection of tenant "
            + running.tenantId()
            + " was revoked ("
            + message
            + ")");
  }

  /**
   * Holds the run without counting a failure: it waits ({@link SyncRunStatus#WAITING}, with {@code
   * reason}) and its job comes back after {@link WorkerDelays#heldRecheck()}.
   */
  void hold(Job job, SyncRun run, String reason) {
    Instant now = clock.instant();
    uow.run(
        () -> {
          if (run.status() != SyncRunStatus.WAITING || !reason.equals(run.errorMessage())) {
            persist(run.hold(reason, now));
          }
          queue.defer(job.id(), now.plus(delays.heldRecheck()));
        });
  }

  /**
   * The transport gave up on a job that kept killing its workers (delivered too often): the run
   * ends failed, the store is told, and the job is recorded as dead-lettered in the database.
   */
  void poisoned(Job job, String reason) {
    Instant now = clock.instant();
    String message = "job delivered too many times without finishing: " + reason;
    SyncRun[] failed = {null};
    uow.run(
        () -> {
          failed[0] = null;
          runs.find(job.syncRunId())
              .filter(r -> !r.status().isTerminal())
              .ifPresent(
                  r -> {
                    // every non-terminal status may end failed
                    failed[0] = persist(r.fail(ErrorClass.INTERNAL, message, now));
                    if (job.kind() == JobKind.SYNC) {
                      enqueuePush(r, now);
                    }
                  });
          queue.deadLetter(job.id(), message);
        });
    metrics.jobEnded(job.kind(), JobEnd.DEAD_LETTERED, Duration.between(job.createdAt(), now));
    if (failed[0] != null) {
      metrics.runEnded(failed[0].event(), SyncRunStatus.FAILED, ErrorClass.INTERNAL);
    }
    LOG.warning("job " + job.id() + " for run " + job.syncRunId() + " is poison: " + reason);
  }

  /**
   * The attempt's row and, in the same transaction, its exchanges (one batch), scrubbed of the
   * binding's secrets and capped in size.
   */
  private void recordAttempt(String tenantId, AttemptExchanges exchanges, SyncAttempt attempt) {
    attempts.record(attempt);
    List<SyncExchange> rows = exchangeRows(tenantId, exchanges, attempt);
    if (!rows.isEmpty()) {
      attempts.recordExchanges(rows);
    }
  }

  /** The attempt's exchanges as rows, scrubbed of the binding's secrets and capped in size. */
  private List<SyncExchange> exchangeRows(
      String tenantId, AttemptExchanges exchanges, SyncAttempt attempt) {
    if (exchanges == null || exchanges.isEmpty()) {
      return List.of();
    }
    SecretScrubber scrubber = scrubbers.forTenant(tenantId);
    if (exchanges.dropped() > 0) {
      LOG.info(
          "run "
              + attempt.runId()
              + ": "
              + exchanges.dropped()
              + " exchanges beyond "
              + AttemptExchanges.MAX_EXCHANGES
              + " were not recorded");
    }
    return exchanges.rows(attempt.runId(), attempt.attemptNo(), attempt.startedAt(), scrubber);
  }

  /** Applies {@code change} if the run is still running; true if it did. */
  private boolean persistIfRunning(SyncRun running, UnaryOperator<SyncRun> change) {
    SyncRun current = runs.find(running.id()).orElse(running);
    if (current.status() == SyncRunStatus.RUNNING) {
      persist(change.apply(current));
      return true;
    }
    return false;
  }

  /** Reports a run that ended and its job, once both are committed. */
  private void ended(
      Job job, SyncRun run, SyncRunStatus status, ErrorClass errorClass, JobEnd end, Instant now) {
    metrics.runEnded(run.event(), status, errorClass);
    metrics.jobEnded(job.kind(), end, Duration.between(job.createdAt(), now));
  }

  private void enqueuePush(SyncRun run, Instant now) {
    queue.enqueue(Job.newJob(ids.get(), JobKind.PUSH, run.id(), run.tenantId(), now));
    uow.afterCommit(signal::wake);
  }

  /** Another writer changed the run between our read and our write. */
  static final class ConcurrentRunChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentRunChangeException(UUID runId) {
      super("run " + runId + " was changed concurrently");
    }
  }
}
