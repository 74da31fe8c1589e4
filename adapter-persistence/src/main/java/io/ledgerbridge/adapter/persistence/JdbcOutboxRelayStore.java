package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.adapter.persistence.JdbcJobQueue.Row;
import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.ports.out.OutboxRelayStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The relay's view of the {@code jobs} outbox: {@code published_at} marks a job handed to the
 * transport. A claim for publishing stamps {@code published_at} and bumps {@code version}; on
 * PostgreSQL the candidates are locked {@code FOR UPDATE SKIP LOCKED} and stamped by one update in
 * one short transaction, on H2 each is taken by its own auto-committed compare-and-set on {@code
 * version}, as {@link JdbcJobQueue} claims. Both queries ride the {@code jobs_relay_idx (status,
 * published_at, next_attempt_at)} index.
 */
final class JdbcOutboxRelayStore implements OutboxRelayStore {
  private static final String UNPUBLISHED_DUE =
      "status = 'pending' AND published_at IS NULL AND next_attempt_at <= :now";

  static final String TAKE =
      "UPDATE jobs SET published_at = :now, version = version + 1"
          + " WHERE id = :id AND version = :v AND "
          + JdbcJobQueue.onTheRow(UNPUBLISHED_DUE);

  /**
   * Oldest due first, spelled as the whole {@code jobs_relay_idx} key so that the databases read
   * the index in order instead of sorting every unpublished job ({@code status} and {@code
   * published_at} are fixed by the filter and change nothing).
   */
  private static final String PUBLISH_ORDER =
      "status, published_at, next_attempt_at, created_at, id";

  private final Db db;

  JdbcOutboxRelayStore(Db db) {
    this.db = db;
  }

  @Override
  public List<Job> claimForPublishing(Instant now, int max) {
    if (max <= 0) {
      return List.of();
    }
    if (db.dialect.skipLockedBeforeLimit()) {
      return db.inTransaction(
          "relay.claim",
          h -> takeLocked(h, candidates(h, now, max, " FOR UPDATE SKIP LOCKED"), now));
    }
    return db.call("relay.claim", h -> take(h, candidates(h, now, max * 4, ""), now, max));
  }

  private static List<Row> candidates(Handle h, Instant now, int limit, String lock) {
    return h.createQuery(candidatesSql(lock))
        .bindByType("now", now, Instant.class)
        .bind("limit", limit)
        .map(JdbcJobQueue.MAPPER)
        .list();
  }

  /** The relay's candidate query ({@code :now}, {@code :limit}). */
  static String candidatesSql(String lock) {
    return "SELECT "
        + JdbcJobQueue.COLUMNS
        + " FROM jobs WHERE "
        + UNPUBLISHED_DUE
        + " ORDER BY "
        + PUBLISH_ORDER
        + " LIMIT :limit"
        + lock;
  }

  /**
   * The candidates are locked by this transaction, so one statement stamps them all (instead of a
   * round trip per job) and nobody can have changed them: the statement selects by primary key
   * only. (Repeating the due filter let PostgreSQL, on stale statistics, scan every unpublished job
   * through the relay index for each batch.) {@code RETURNING} still tells which rows were stamped.
   */
  private static List<Job> takeLocked(Handle h, List<Row> candidates, Instant now) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>(candidates.size());
    for (Row row : candidates) {
      ids.add(row.job().id());
    }
    Set<UUID> won =
        new HashSet<>(
            h.createQuery(
                    "UPDATE jobs SET published_at = :now, version = version + 1"
                        + " WHERE id = ANY(:ids) RETURNING id")
                .bindByType("now", now, Instant.class)
                // one array parameter, not an IN list: the statement text stays the same for
                // every batch size, so it is parsed once (the profile found the relay re-parsing)
                .bind("ids", Db.array("uuid", ids))
                .map((rs, ctx) -> Db.uuid(rs, "id"))
                .list());
    List<Job> claimed = new ArrayList<>(won.size());
    for (Row row : candidates) {
      if (won.contains(row.job().id())) {
        claimed.add(row.job());
      }
    }
    return claimed;
  }

  private static List<Job> take(Handle h, List<Row> candidates, Instant now, int max) {
    List<Job> claimed = new ArrayList<>();
    for (Row row : candidates) {
      if (claimed.size() == max) {
        break;
      }
      int won =
          h.createUpdate(TAKE)
              .bindByType("now", now, Instant.class)
              .bind("id", row.job().id())
              .bind("v", row.version())
              .execute();
      if (won == 1) {
        claimed.add(row.job());
      }
    }
    return claimed;
  }

  @Override
  public List<UUID> publishedPendingBefore(Instant before, int max) {
    if (max <= 0) {
      return List.of();
    }
    return db.call(
        "relay.published_pending",
        h ->
            h.createQuery(
                    "SELECT id FROM jobs WHERE status = 'pending' AND published_at < :before"
                        + " ORDER BY published_at, id LIMIT :limit")
                .bindByType("before", before, Instant.class)
                .bind("limit", max)
                .map((rs, ctx) -> Db.uuid(rs, "id"))
                .list());
  }

  @Override
  public void unpublish(UUID jobId) {
    db.call(
        "relay.unpublish",
        h ->
            h.createUpdate(
                    "UPDATE jobs SET published_at = NULL, version = version + 1"
                        + " WHERE id = :id AND published_at IS NOT NULL")
                .bind("id", jobId)
                .execute());
  }
}
