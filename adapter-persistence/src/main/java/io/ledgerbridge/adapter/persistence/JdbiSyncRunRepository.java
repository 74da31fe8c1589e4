package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** Sync runs in {@code sync_runs}; a transition is an UPDATE guarded by the previous version. */
final class JdbiSyncRunRepository implements SyncRunRepository {
  private static final String COLUMNS =
      "id, tenant_id, event, store_entity_id, idempotency_key, status, policy_version, attempts,"
          + " sage_entity_id, sage_reference, error_code, error_message, skip_reason, created_at,"
          + " updated_at, version";
  private static final RowMapper<SyncRun> MAPPER =
      (rs, ctx) ->
          new SyncRun(
              Db.uuid(rs, "id"),
              rs.getString("tenant_id"),
              EventType.fromWire(rs.getString("event"))
                  .orElseThrow(() -> new IllegalStateException("unknown stored event type")),
              rs.getLong("store_entity_id"),
              rs.getString("idempotency_key"),
              SyncRunStatus.fromDb(rs.getString("status")),
              rs.getInt("policy_version"),
              rs.getInt("attempts"),
              rs.getString("sage_entity_id"),
              rs.getString("sage_reference"),
              rs.getString("error_code"),
              rs.getString("error_message"),
              rs.getString("skip_reason"),
              Db.instant(rs, "created_at"),
              Db.instant(rs, "updated_at"),
              rs.getLong("version"));

  private final Db db;

  JdbiSyncRunRepository(Db db) {
    this.db = db;
  }

  private static <S extends SqlStatement<S>> S bindMutable(S s, SyncRun r) {
    return s.bind("status", r.status().db())
        .bind("attempts", r.attempts())
        .bindByType("sageId", r.sageEntityId(), String.class)
        .bindByType("sageRef", r.sageReference(), String.class)
        .bindByType("errorCode", r.errorCode(), String.class)
        .bindByType("errorMessage", r.errorMessage(), String.class)
        .bindByType("skipReason", r.skipReason(), String.class)
        .bindByType("updatedAt", r.updatedAt(), Instant.class)
        .bind("version", r.version());
  }

  private static final String INSERT =
      "INSERT INTO sync_runs ("
          + COLUMNS
          + ") VALUES (:id, :tenant, :event,"
          + " :entity, :idem, :status, :policyVersion, :attempts, :sageId,"
          + " :sageRef, :errorCode, :errorMessage, :skipReason, :createdAt,"
          + " :updatedAt, :version)";

  private static <S extends SqlStatement<S>> S bindNew(S statement, SyncRun run) {
    return bindMutable(statement, run)
        .bind("id", run.id())
        .bind("tenant", run.tenantId())
        .bind("event", run.event().wire())
        .bind("entity", run.storeEntityId())
        .bind("idem", run.idempotencyKey())
        .bind("policyVersion", run.policyVersion())
        .bindByType("createdAt", run.createdAt(), Instant.class);
  }

  @Override
  public void insert(SyncRun run) {
    db.call("sync_run.insert", h -> bindNew(h.createUpdate(INSERT), run).execute());
  }

  @Override
  public void insertAll(List<SyncRun> runs) {
    if (runs.isEmpty()) {
      return;
    }
    db.batch("sync_run.insert_all", INSERT, runs, JdbiSyncRunRepository::bindNew);
  }

  @Override
  public Optional<SyncRun> find(UUID id) {
    return db.call(
        "sync_run.find",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM sync_runs WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne());
  }

  @Override
  public List<SyncRun> findAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.call(
        "sync_run.find_all",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM sync_runs WHERE id = ANY(:ids)")
                // one array parameter: one statement text for any number of runs, and the primary
                // key's index on both databases
                .bind("ids", Db.array("uuid", new LinkedHashSet<>(ids)))
                .map(MAPPER)
                .list());
  }

  private static final String TRANSITION =
      "UPDATE sync_runs SET status = :status, attempts = :attempts,"
          + " sage_entity_id = :sageId, sage_reference = :sageRef,"
          + " error_code = :errorCode, error_message = :errorMessage,"
          + " skip_reason = :skipReason, updated_at = :updatedAt,"
          + " version = :version WHERE id = :id AND version = :expected";

  private static <S extends SqlStatement<S>> S bindTransition(S s, SyncRun next) {
    return bindMutable(s, next).bind("id", next.id()).bind("expected", next.version() - 1);
  }

  @Override
  public boolean transition(SyncRun next) {
    return db.call(
            "sync_run.transition", h -> bindTransition(h.createUpdate(TRANSITION), next).execute())
        == 1;
  }

  @Override
  public boolean[] transitionAll(List<SyncRun> next) {
    if (next.isEmpty()) {
      return new boolean[0];
    }
    int[] counts =
        db.batch(
            "sync_run.transition_all", TRANSITION, next, JdbiSyncRunRepository::bindTransition);
    boolean[] written = new boolean[counts.length];
    for (int i = 0; i < counts.length; i++) {
      written[i] = counts[i] == 1;
    }
    return written;
  }

  @Override
  public List<SyncRun> forEntity(String tenantId, StoreEntityType type, long storeEntityId) {
    List<String> events =
        Arrays.stream(EventType.values())
            .filter(e -> e.entityType() == type)
            .map(EventType::wire)
            .toList();
    return db.call(
        "sync_run.for_entity",
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM sync_runs WHERE tenant_id = :tenant AND store_entity_id = :entity"
                        + " AND event IN (<events>)")
                .bind("tenant", tenantId)
                .bind("entity", storeEntityId)
                .bindList("events", events)
                .map(MAPPER)
                .list());
  }

  @Override
  public List<Long> succeededEntitiesSince(
      String tenantId, EventType event, Instant since, int limit) {
    return db.call(
        "sync_run.succeeded_entities_since",
        h ->
            h.createQuery(
                    "SELECT DISTINCT store_entity_id FROM sync_runs WHERE tenant_id = :tenant"
                        + " AND event = :event AND status = :status AND updated_at >= :since"
                        + " ORDER BY store_entity_id LIMIT :limit")
                .bind("tenant", tenantId)
                .bind("event", event.wire())
                .bind("status", io.ledgerbridge.core.syncrun.SyncRunStatus.SUCCEEDED.db())
                .bindByType("since", since, Instant.class)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public List<EntityRef> endedEntitiesSince(String tenantId, Instant since) {
    List<String> ended =
        Arrays.stream(SyncRunStatus.values())
            .filter(SyncRunStatus::isTerminal)
            .map(SyncRunStatus::db)
            .toList();
    List<EntityRef> found =
        db.call(
            "sync_run.ended_entities_since",
            h -> {
              var query =
                  h.createQuery(
                          "SELECT DISTINCT event, store_entity_id FROM sync_runs"
                              + " WHERE tenant_id = :tenant AND status IN (<ended>)"
                              + (since == null ? "" : " AND updated_at >= :since"))
                      .bind("tenant", tenantId)
                      .bindList("ended", ended);
              if (since != null) {
                query.bindByType("since", since, Instant.class);
              }
              return query
                  .map(
                      (rs, ctx) ->
                          new EntityRef(
                              EventType.fromWire(rs.getString("event"))
                                  .orElseThrow(
                                      () -> new IllegalStateException("unknown stored event type"))
                                  .entityType(),
                              rs.getLong("store_entity_id")))
                  .list();
            });
    return found.stream()
        .distinct()
        .sorted(
            java.util.Comparator.comparing(EntityRef::type)
                .thenComparingLong(EntityRef::storeEntityId))
        .toList();
  }

  @Override
  public List<SyncRun> recent(RunQuery q) {
    List<String> where = filters(q);
    if (q.before() != null) {
      where.add("(created_at, id) < (:cursorAt, :cursorId)");
    }
    if (q.after() != null) {
      where.add("(created_at, id) > (:cursorAt, :cursorId)");
    }
    // after a cursor: read upwards from it, the nearest first, then turn the page newest first
    String direction = q.after() == null ? "DESC" : "ASC";
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM sync_runs"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY created_at "
            + direction
            + ", id "
            + direction
            + " LIMIT :limit";
    List<SyncRun> found =
        db.call(
            "sync_run.recent",
            h -> {
              var query = bindFilters(h.createQuery(sql), q).bind("limit", Math.max(0, q.limit()));
              SyncRunRepository.RunCursor cursor = q.before() != null ? q.before() : q.after();
              if (cursor != null) {
                query.bindByType("cursorAt", cursor.createdAt(), Instant.class);
                query.bind("cursorId", cursor.id());
              }
              return query.map(MAPPER).list();
            });
    if (q.after() == null) {
      return found;
    }
    List<SyncRun> newestFirst = new ArrayList<>(found);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public Map<SyncRunStatus, Long> countByStatus(RunQuery q) {
    List<String> where = filters(q.withStatus(null));
    String sql =
        "SELECT status, COUNT(*) AS n FROM sync_runs"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " GROUP BY status";
    return db.call(
        "sync_run.count_by_status",
        h -> {
          Map<SyncRunStatus, Long> counts = new EnumMap<>(SyncRunStatus.class);
          bindFilters(h.createQuery(sql), q.withStatus(null))
              .map(
                  (rs, ctx) ->
                      Map.entry(SyncRunStatus.fromDb(rs.getString("status")), rs.getLong("n")))
              .forEach(e -> counts.put(e.getKey(), e.getValue()));
          return counts;
        });
  }

  /** The WHERE terms of a query's filters (not its cursors). */
  private static List<String> filters(RunQuery q) {
    List<String> where = new ArrayList<>();
    if (q.tenantId() != null) {
      where.add("tenant_id = :tenant");
    }
    if (q.status() != null) {
      where.add("status = :status");
    }
    if (q.event() != null) {
      where.add("event = :event");
    }
    if (q.storeEntityId() != null) {
      where.add("store_entity_id = :entity");
    }
    if (q.createdFrom() != null) {
      where.add("created_at >= :createdFrom");
    }
    if (q.createdTo() != null) {
      where.add("created_at < :createdTo");
    }
    return where;
  }

  private static <S extends SqlStatement<S>> S bindFilters(S query, RunQuery q) {
    if (q.tenantId() != null) {
      query.bind("tenant", q.tenantId());
    }
    if (q.status() != null) {
      query.bind("status", q.status().db());
    }
    if (q.event() != null) {
      query.bind("event", q.event());
    }
    if (q.storeEntityId() != null) {
      query.bind("entity", q.storeEntityId().longValue());
    }
    if (q.createdFrom() != null) {
      query.bindByType("createdFrom", q.createdFrom(), Instant.class);
    }
    if (q.createdTo() != null) {
      query.bindByType("createdTo", q.createdTo(), Instant.class);
    }
    return query;
  }
}
