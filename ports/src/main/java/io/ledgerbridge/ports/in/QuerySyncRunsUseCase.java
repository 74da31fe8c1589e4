package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read side for the dashboard and the CLI. */
public interface QuerySyncRunsUseCase {
  List<SyncRun> recent(RunQuery query);

  Optional<SyncRun> find(UUID runId);

  List<SyncAttempt> attempts(UUID runId);
}
