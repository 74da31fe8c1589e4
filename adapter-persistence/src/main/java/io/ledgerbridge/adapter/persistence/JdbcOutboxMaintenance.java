package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.OutboxMaintenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The operator's view of the {@code jobs} table. A job's state is derived from its stored status
 * and, for a pending job, from its lease ({@code locked_until}) and its due time at the instant
 * asked about, in SQL that runs unchanged on H2 and PostgreSQL. Deletes go in batches the caller
 * sizes, each committed on its own, so a large clean-up never holds one long transaction.
 */
final class JdbcOutboxMaintenance implements OutboxMaintenance {
  private static final String LEASED =
      "status = 'pending' AND locked_until IS NOT NULL AND locked_until > :now";
  private static final String NOT_LEASED =
      "status = 'pending' AND (locked_until IS NULL OR locked_until <= :now)";
  private static final String STATE =
      "CASE WHEN "
          + LEASED
          + " THEN 'leased' WHEN status = 'pending' AND next_attempt_at > :now THEN 'scheduled'"
          + " WHEN status = 'pending' THEN 'due' ELSE status END";

  private final Db db;

  JdbcOutboxMaintenance(Db db) {
    this.db = db;
  }

  @Override
  public List<StateCount> summarize(JobFilter filter, Instant now) {
    String sql =
        "SELECT state, COUNT(*) AS n, MIN(updated_at) AS oldest FROM (SELECT "
            + STATE
            + " AS state, updated_at FROM jobs"
            + where(filter)
            + ") t GROUP BY state";
    List<StateCount> counts =
        db.call(
            "job.summarize",
            h ->
                bind(h.createQuery(sql), filter, now)
                    .map(
                        (rs, ctx) ->
                            new StateCount(
                                JobState.fromWire(rs.getString("state"))
                                    .orElseThrow(
                                        () -> new IllegalStateException("unknown job state")),
                                rs.getLong("n"),
                                Db.instant(rs, "oldest")))
                    .list());
    return counts.stream().sorted(java.util.Comparator.comparing(StateCount::state)).toList();
  }

  @Override
  public List<JobRow> list(JobFilter filter, Instant now, int limit) {
    String sql =
        "SELECT "
            + JdbcJobQueue.COLUMNS
            + ", updated_at, locked_until, published_at, "
            + STATE
            + " AS state FROM jobs"
            + where(filter)
            + " ORDER BY updated_at, created_at, id LIMIT :limit";
    return db.call(
        "job.list",
        h ->
            bind(h.createQuery(sql), filter, now)
                .bind("limit", Math.max(0, limit))
                .map(
                    (rs, ctx) ->
                        new JobRow(
                            JdbcJobQueue.MAPPER.map(rs, ctx).job(),
                            JobState.fromWire(rs.getString("state"))
                                .orElseThrow(() -> new IllegalStateException("unknown job state")),
                            Db.instant(rs, "updated_at"),
                            Db.instant(rs, "locked_until"),
                            rs.getObject("published_at") != null))
                .list());
  }

  @Override
  public boolean releaseLease(UUID jobId, Instant now) {
    return db.call(
            "job.release_lease",
            h ->
                h.createUpdate(
                        "UPDATE jobs SET locked_until = NULL, next_attempt_at = :now,"
                            + " updated_at = :now, version = version + 1 WHERE id = :id AND "
                            + LEASED)
                    .bind("id", jobId)
                    .bindByType("now", now, Instant.class)
                    .execute())
        == 1;
  }

  @Override
  public int deleteEnded(JobFilter filter, Instant now, int max) {
    Set<JobState> ended = EnumSet.copyOf(JobState.ENDED);
    if (!filter.states().isEmpty()) {
      ended.retainAll(filter.states());
    }
    if (ended.isEmpty() || max <= 0) {
      return 0;
    }
    JobFilter only = filter.withStates(ended);
    // the ids first, then a delete by id: portable (the two databases do not DELETE ... LIMIT
    // alike)
    String pick = "SELECT id FROM jobs" + where(only) + " ORDER BY updated_at, id LIMIT :limit";
    return db.inTransaction(
        "job.delete_ended",
        h -> {
          List<UUID> ids =
              bind(h.createQuery(pick), only, now)
                  .bind("limit", max)
                  .map((rs, ctx) -> Db.uuid(rs, "id"))
                  .list();
          if (ids.isEmpty()) {
            return 0;
          }
          return h.createUpdate(
                  "DELETE FROM jobs WHERE id IN (<ids>) AND status IN ('succeeded',"
                      + " 'dead_lettered')")
              .bindList("ids", ids)
              .execute();
        });
  }

  /** The WHERE clause of a filter (binds {@code :now} whenever a state is asked for). */
  private static String where(JobFilter f) {
    List<String> and = new ArrayList<>();
    if (!f.states().isEmpty()) {
      List<String> or = new ArrayList<>();
      for (JobState s : EnumSet.copyOf(f.states())) {
        or.add("(" + predicate(s) + ")");
      }
      and.add("(" + String.join(" OR ", or) + ")");
    }
    if (f.tenantId() != null) {
      and.add("tenant_id = :tenant");
    }
    if (f.kind() != null) {
      and.add("kind = :kind");
    }
    if (f.changedBefore() != null) {
      and.add("updated_at < :before");
    }
    return and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and);
  }

  private static String predicate(JobState s) {
    switch (s) {
      case DUE:
        return NOT_LEASED + " AND next_attempt_at <= :now";
      case SCHEDULED:
        return NOT_LEASED + " AND next_attempt_at > :now";
      case LEASED:
        return LEASED;
      case SUCCEEDED:
        return "status = 'succeeded'";
      case DEAD_LETTERED:
        return "status = 'dead_lettered'";
      default:
        throw new IllegalArgumentException("unknown job state " + s);
    }
  }

  private static <S extends SqlStatement<S>> S bind(S statement, JobFilter f, Instant now) {
    statement.bindByType("now", now, Instant.class);
    if (f.tenantId() != null) {
      statement.bind("tenant", f.tenantId());
    }
    if (f.kind() != null) {
      statement.bind("kind", f.kind().db());
    }
    if (f.changedBefore() != null) {
      statement.bindByType("before", f.changedBefore(), Instant.class);
    }
    return statement;
  }
}
