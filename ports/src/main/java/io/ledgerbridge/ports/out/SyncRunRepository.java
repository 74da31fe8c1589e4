package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sync runs. Transitions are compare-and-set on the run's version. */
public interface SyncRunRepository {

  void insert(SyncRun run);

  /** Inserts new runs in the caller's transaction, as {@link #insert} would one by one. */
  default void insertAll(List<SyncRun> runs) {
    for (SyncRun run : runs) {
      insert(run);
    }
  }

  Optional<SyncRun> find(UUID id);

  /**
   * The runs of {@code ids} that exist, each once, in no promised order. The default asks {@link
   * #find} run by run; a database adapter answers with one statement.
   */
  default List<SyncRun> findAll(Collection<UUID> ids) {
    List<SyncRun> found = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(ids)) {
      find(id).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Stores {@code next} only if the stored row still has version {@code next.version() - 1}.
   *
   * @return false if another writer changed the run first
   */
  boolean transition(SyncRun next);

  /**
   * Several transitions, each as {@link #transition} would make it (compare-and-set on its
   * version), in the caller's transaction; the answer says, run by run and in order, whether it was
   * written. A database adapter sends them as one batch. A caller that needs all or none runs this
   * in a transaction and rolls back when one is refused.
   */
  default boolean[] transitionAll(List<SyncRun> next) {
    boolean[] written = new boolean[next.size()];
    for (int i = 0; i < written.length; i++) {
      written[i] = transition(next.get(i));
    }
    return written;
  }

  /**
   * Newest first: by creation time, then by id (as the database orders UUIDs: unsigned, which is
   * the order of their lower-case text), so a cursor names one place in a stable order. With {@code
   * query.after()} these are the {@code limit} runs just newer than it, still newest first.
   */
  List<SyncRun> recent(RunQuery query);

  /**
   * How many runs match {@code query} in each status, its status, cursors and limit ignored (the
   * counts of the filter a page shows). Statuses without runs are absent.
   */
  Map<SyncRunStatus, Long> countByStatus(RunQuery query);

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
   * A filter over the run history; null fields do not filter.
   *
   * @param createdFrom runs created at or after it
   * @param createdTo runs created before it (exclusive)
   * @param before only runs older than this place (the next page down)
   * @param after only runs newer than this place (the page above); not with {@code before}
   */
  record RunQuery(
      String tenantId,
      SyncRunStatus status,
      String event,
      Long storeEntityId,
      Instant createdFrom,
      Instant createdTo,
      RunCursor before,
      RunCursor after,
      int limit) {

    public RunQuery {
      if (before != null && after != null) {
        throw new IllegalArgumentException("a run query pages one way: before or after");
      }
    }

    public RunQuery(
        String tenantId, SyncRunStatus status, String event, Long storeEntityId, int limit) {
      this(tenantId, status, event, storeEntityId, null, null, null, null, limit);
    }

    public static RunQuery latest(int limit) {
      return new RunQuery(null, null, null, null, limit);
    }

    public RunQuery withStatus(SyncRunStatus value) {
      return new RunQuery(
          tenantId, value, event, storeEntityId, createdFrom, createdTo, before, after, limit);
    }

    public RunQuery withCreated(Instant from, Instant to) {
      return new RunQuery(tenantId, status, event, storeEntityId, from, to, before, after, limit);
    }

    /** The runs older than {@code cursor}, {@code limit} at most. */
    public RunQuery olderThan(RunCursor cursor, int max) {
      return new RunQuery(
          tenantId, status, event, storeEntityId, createdFrom, createdTo, cursor, null, max);
    }

    /** The runs newer than {@code cursor}, {@code limit} at most. */
    public RunQuery newerThan(RunCursor cursor, int max) {
      return new RunQuery(
          tenantId, status, event, storeEntityId, createdFrom, createdTo, null, cursor, max);
    }

    /** Whether a run passes the filters (not the cursors or the limit). */
    public boolean matches(SyncRun run) {
      return (tenantId == null || run.tenantId().equals(tenantId))
          && (status == null || run.status() == status)
          && (event == null || run.event().wire().equals(event))
          && (storeEntityId == null || run.storeEntityId() == storeEntityId)
          && (createdFrom == null || !run.createdAt().isBefore(createdFrom))
          && (createdTo == null || run.createdAt().isBefore(createdTo));
    }
  }

  /** A place in the history: a run's creation time and id. */
  record RunCursor(Instant createdAt, UUID id) {
    public RunCursor {
      java.util.Objects.requireNonNull(createdAt, "createdAt");
      java.util.Objects.requireNonNull(id, "id");
    }

    public static RunCursor of(SyncRun run) {
      return new RunCursor(run.createdAt(), run.id());
    }

    /** The history's order: newer first; for equal times the greater id (as text) first. */
    public static final java.util.Comparator<SyncRun> NEWEST_FIRST =
        java.util.Comparator.comparing(SyncRun::createdAt)
            .thenComparing(r -> r.id().toString())
            .reversed();

    /** Whether {@code run} is older than this place (comes after it, newest first). */
    public boolean isOlder(SyncRun run) {
      int c = run.createdAt().compareTo(createdAt);
      return c < 0 || (c == 0 && run.id().toString().compareTo(id.toString()) < 0);
    }

    /** Whether {@code run} is newer than this place (comes before it, newest first). */
    public boolean isNewer(SyncRun run) {
      int c = run.createdAt().compareTo(createdAt);
      return c > 0 || (c == 0 && run.id().toString().compareTo(id.toString()) > 0);
    }
  }
}
