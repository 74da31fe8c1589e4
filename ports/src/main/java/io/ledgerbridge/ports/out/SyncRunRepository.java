package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sync runs. Transitions are compare-and-set on the run's version. */
public interface SyncRunRepository {

  void insert(SyncRun run);

  Optional<SyncRun> find(UUID id);

  /**
   * Stores {@code next} only if the stored row still has version {@code next.version() - 1}.
   *
   * @return false if another writer changed the run first
   */
  boolean transition(SyncRun next);

  /** Newest first. */
  List<SyncRun> recent(RunQuery query);

  /**
   * Every run of the events that concern one store entity ({@code invoice.created} and {@code
   * invoice.paid} for an invoice, and so on), in no particular order.
   */
  List<SyncRun> forEntity(String tenantId, StoreEntityType type, long storeEntityId);

  /**
   * The store entities with a run of {@code event} that succeeded and was last updated at or after
   * {@code since}, each once, in ascending order, at most {@code limit}.
   */
  List<Long> succeededEntitiesSince(String tenantId, EventType event, Instant since, int limit);

  record RunQuery(
      String tenantId, SyncRunStatus status, String event, Long storeEntityId, int limit) {
    public static RunQuery latest(int limit) {
      return new RunQuery(null, null, null, null, limit);
    }
  }
}
