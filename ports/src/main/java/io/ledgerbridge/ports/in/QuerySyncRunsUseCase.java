package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read side for the dashboard and the CLI. */
public interface QuerySyncRunsUseCase {
  List<SyncRun> recent(RunQuery query);

  /** How many runs match the query in each status, its status filter and cursors ignored. */
  java.util.Map<io.ledgerbridge.core.syncrun.SyncRunStatus, Long> countByStatus(RunQuery query);

  Optional<SyncRun> find(UUID runId);

  List<SyncAttempt> attempts(UUID runId);

  /**
   * Every HTTP exchange the run's attempts made with the store and with Sage, in order, scrubbed of
   * the binding's secrets (see {@link SyncExchange#belongsTo} to group them by attempt).
   */
  List<SyncExchange> exchanges(UUID runId);

  /**
   * When the run's job is next due: a retry scheduled after a transient failure, a run waiting for
   * a dependency or held with its binding. Empty when nothing is scheduled (an ended run).
   */
  Optional<java.time.Instant> nextAttemptAt(UUID runId);

  /**
   * The sync state of one store entity as the store would show it (WIRE §1B L2): the combined state
   * of its ended runs, and how many of its runs are still under way.
   */
  EntityStatus entityStatus(String tenantId, StoreEntityType type, long storeEntityId);

  /**
   * @param state the combined state of the entity's ended runs; empty when none has ended
   * @param inFlight runs of the entity queued, running, waiting or scheduled for a retry
   * @param lastRunAt when a run of the entity last changed; null when it has none
   */
  record EntityStatus(
      StoreEntityType type,
      long storeEntityId,
      java.util.Optional<EntitySyncState> state,
      int inFlight,
      java.time.Instant lastRunAt) {}
}
