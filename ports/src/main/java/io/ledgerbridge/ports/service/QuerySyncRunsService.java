package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Read side of sync runs for the dashboard, the admin API and the CLI. Error messages and attempt
 * bodies are scrubbed of the binding's secrets once more on the way out, so a row stored before
 * scrubbing existed (or by a path that missed it) still shows no secret.
 */
public final class QuerySyncRunsService implements QuerySyncRunsUseCase {
  private final SyncRunRepository runs;
  private final SyncAttemptRepository attempts;
  private final BindingSecretScrubbers scrubbers;

  private final JobQueue queue;

  /** Without a job queue: {@link #nextAttemptAt} is always empty. */
  public QuerySyncRunsService(
      SyncRunRepository runs, SyncAttemptRepository attempts, BindingSecretScrubbers scrubbers) {
    this(runs, attempts, scrubbers, null);
  }

  /**
   * @param queue where the next due time of a run's job is read; null for none
   */
  public QuerySyncRunsService(
      SyncRunRepository runs,
      SyncAttemptRepository attempts,
      BindingSecretScrubbers scrubbers,
      JobQueue queue) {
    this.runs = runs;
    this.attempts = attempts;
    this.scrubbers = Objects.requireNonNull(scrubbers, "scrubbers");
    this.queue = queue;
  }

  @Override
  public List<SyncRun> recent(RunQuery query) {
    Map<String, SecretScrubber> byTenant = new HashMap<>();
    return runs.recent(query).stream()
        .map(
            r ->
                r.errorMessage() == null
                    ? r
                    : r.withErrorMessage(
                        byTenant.computeIfAbsent(r.tenantId(), scrubbers::forTenant)::scrub))
        .toList();
  }

  @Override
  public Map<io.ledgerbridge.core.syncrun.SyncRunStatus, Long> countByStatus(RunQuery query) {
    return runs.countByStatus(query);
  }

  @Override
  public Optional<SyncRun> find(UUID runId) {
    return runs.find(runId)
        .map(r -> r.withErrorMessage(m -> scrubbers.forTenant(r.tenantId()).scrub(m)));
  }

  @Override
  public List<SyncAttempt> attempts(UUID runId) {
    List<SyncAttempt> found = attempts.forRun(runId);
    if (found.isEmpty()) {
      return found;
    }
    SecretScrubber s =
        runs.find(runId).map(r -> scrubbers.forTenant(r.tenantId())).orElse(SecretScrubber.NONE);
    return found.stream()
        .map(
            a ->
                new SyncAttempt(
                    a.runId(),
                    a.attemptNo(),
                    a.startedAt(),
                    a.finishedAt(),
                    a.outcome(),
                    a.errorCode(),
                    a.httpStatus(),
                    s.scrub(a.message()),
                    s.scrub(a.requestBody()),
                    s.scrub(a.responseBody())))
        .toList();
  }

  @Override
  public List<SyncExchange> exchanges(UUID runId) {
    List<SyncExchange> found = attempts.exchanges(runId);
    if (found.isEmpty()) {
      return found;
    }
    SecretScrubber s =
        runs.find(runId).map(r -> scrubbers.forTenant(r.tenantId())).orElse(SecretScrubber.NONE);
    return found.stream()
        .map(
            e ->
                new SyncExchange(
                    e.runId(),
                    e.attemptNo(),
                    e.attemptStartedAt(),
                    e.seq(),
                    e.system(),
                    e.operation(),
                    e.method(),
                    s.scrub(e.url()),
                    e.httpStatus(),
                    e.durationMillis(),
                    s.scrub(e.requestBody()),
                    e.requestTruncated(),
                    s.scrub(e.responseBody()),
                    e.responseTruncated()))
        .toList();
  }

  @Override
  public Optional<java.time.Instant> nextAttemptAt(UUID runId) {
    if (queue == null) {
      return Optional.empty();
    }
    return runs.find(runId)
        .filter(r -> !r.status().isTerminal())
        .flatMap(r -> queue.nextDue(r.id()));
  }

  @Override
  public EntityStatus entityStatus(String tenantId, StoreEntityType type, long storeEntityId) {
    List<SyncRun> all = runs.forEntity(tenantId, type, storeEntityId);
    int inFlight = (int) all.stream().filter(r -> !r.status().isTerminal()).count();
    java.time.Instant last =
        all.stream().map(SyncRun::updatedAt).max(java.util.Comparator.naturalOrder()).orElse(null);
    java.time.Instant lastEnded =
        all.stream()
            .filter(r -> r.status().isTerminal())
            .map(SyncRun::updatedAt)
            .max(java.util.Comparator.naturalOrder())
            .orElse(null);
    Optional<EntitySyncState> state =
        lastEnded == null
            ? Optional.empty()
            : EntitySyncState.combine(type, storeEntityId, all, lastEnded);
    return new EntityStatus(type, storeEntityId, state, inFlight, last);
  }
}
