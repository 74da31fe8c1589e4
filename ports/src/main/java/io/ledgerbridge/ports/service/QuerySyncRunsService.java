package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read side of sync runs for the dashboard, the admin API and the CLI. */
public final class QuerySyncRunsService implements QuerySyncRunsUseCase {
  private final SyncRunRepository runs;
  private final SyncAttemptRepository attempts;

  public QuerySyncRunsService(SyncRunRepository runs, SyncAttemptRepository attempts) {
    this.runs = runs;
    this.attempts = attempts;
  }

  @Override
  public List<SyncRun> recent(RunQuery query) {
    return runs.recent(query);
  }

  @Override
  public Optional<SyncRun> find(UUID runId) {
    return runs.find(runId);
  }

  @Override
  public List<SyncAttempt> attempts(UUID runId) {
    return attempts.forRun(runId);
  }
}
