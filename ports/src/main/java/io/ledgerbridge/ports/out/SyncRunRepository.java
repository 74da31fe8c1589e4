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

  /**
   * The store entities of a tenant with at least one ended run ({@code succeeded}, {@code
   * skipped_by_policy} or {@code failed}) last updated at or after {@code since} (every one when
   * {@code since} is null), each once, ordered by entity type and id.
   */
  List<EntityRef> endedEntitiesSince(String tenantId, Instant since);

  /** One store entity: the subject of a combined sync state. */
  record EntityRef(StoreEntityType type, long storeEntityId) {
    public EntityRef {
      java.util.Objects.requireNonNull(type, "type");
    }
  }

  /**
   * A filter on runs; every field but {@code limit} may be null (no filter).
   *
   * @param createdFrom runs accepted at or after this instant
   * @param createdBefore runs accepted before this instant
   */
  record RunQuery(
      String tenantId,
      SyncRunStatus status,
      String event,
      Long storeEntityId,
      Instant createdFrom,
      Instant createdBefore,
      int limit) {
    public RunQuery(
        String tenantId, SyncRunStatus status, String event, Long storeEntityId, int limit) {
      this(tenantId, status, event, storeEntityId, null, null, limit);
    }

    public static RunQuery latest(int limit) {
      return new RunQuery(null, null, null, null, limit);
    }
  }
}
