package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.ports.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The outbox and job queue in the {@code jobs} table. {@link #enqueue} joins the caller's unit of
 * work. A claim stamps {@code locked_until = now + visibility} with a compare-and-set on {@code
 * version}, so two consumers never hold the same job; once the lock has passed the job is due again
 * (at-least-once). On PostgreSQL the candidates are selected {@code FOR UPDATE SKIP LOCKED} inside
 * a short transaction; H2 applies LIMIT before skipping locked rows, so there the candidates are
 * read plainly and each is taken by its own auto-committed compare-and-set. {@link #requeue} clears
 * {@code published_at}, so a relay publishes the revived job again.
 */
final class JdbcJobQueue implements JobQueue {
  static final String COLUMNS =
      "id, kind, sync_run_id, tenant_id, status, attempts, next_attempt_at, last_error,"
          + " created_at, version";
  private static final String DUE =
      "status = 'pending' AND next_attempt_at <= :now"
          + " AND (locked_until IS NULL OR locked_until <= :now)";

  /**
   * Oldest due first. {@code status} leads although the filter fixes it: H2 reads the rows in
   * {@code jobs_due_idx} order (no sort of the whole backlog per claim) only when the ORDER BY
   * names the index's columns from the first one.
   */
  private static final String CLAIM_ORDER = "status, next_attempt_at, created_at, id";

  record Row(Job job, long version) {}

  static final RowMapper<Row> MAPPER =
      (rs, ctx) ->
          new Row(
              new Job(
                  Db.uuid(rs, "id"),
                  JobKind.fromDb(rs.getString("kind")),
                  Db.uuid(rs, "sync_run_id"),
                  rs.getString("tenant_id"),
                  JobStatus.fromDb(rs.getString("status")),
                  rs.getInt("attempts"),
                  Db.instant(rs, "next_attempt_at"),
                  rs.getString("last_error"),
                  Db.instant(rs, "created_at")),
              rs.getLong("version"));

  private final Db db;

  JdbcJobQueue(Db db) {
    this.db = db;
  }

  private static final String INSERT =
      "INSERT INTO jobs (id, kind, sync_run_id, tenant_id, status, attempts,"
          + " next_attempt_at, locked_until, last_error, created_at, updated_at,"
          + " version) VALUES (:id, :kind, :run, :tenant, :status, :attempts, :next,"
          + " NULL, :error, :created, :now, 0)";

  private static <S extends SqlStatement<S>> S bindNew(S statement, Job job, Instant now) {
    return statement
        .bind("id", job.id())
        .bind("kind", job.kind().db())
        .bind("run", job.syncRunId())
        .bind("tenant", job.tenantId())
        .bind("status", job.status().db())
        .bind("attempts", job.attempts())
        .bindByType("next", job.nextAttemptAt(), Instant.class)
        .bindByType("error", job.lastError(), String.class)
        .bindByType("created", job.createdAt(), Instant.class)
        .bindByType("now", now, Instant.class);
  }

  @Override
  public void enqueue(Job job) {
    Instant now = db.now();
    db.call("job.enqueue", h -> bindNew(h.createUpdate(INSERT), job, now).execute());
  }

  @Override
  public void enqueueAll(List<Job> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    Instant now = db.now();
    db.batch("job.enqueue_all", INSERT, jobs, (batch, job) -> bindNew(batch, job, now));
  }

  @Override
  public List<Job> claimDue(Instant now, int max, Duration visibility) {
    if (max <= 0) {
      return List.of();
    }
    Instant until = now.plus(visibility);
    if (db.dialect.skipLockedBeforeLimit()) {
      // One statement: lock due rows skipping those other claimers hold, lease them, return them.
      List<Job> claimed =
          db.call(
              "job.claim",
              h ->
                  h
                      .createQuery(
                          "UPDATE jobs SET locked_until = :until, updated_at = :now,"
                              + " version = version + 1 WHERE id IN (SELECT id FROM jobs WHERE "
                              + DUE
                              + " ORDER BY "
                              + CLAIM_ORDER
                              + " LIMIT :limit"
                              + " FOR UPDATE SKIP LOCKED) RETURNING "
                              + COLUMNS)
                      .bindByType("until", until, Instant.class)
                      .bindByType("now", now, Instant.class)
                      .bind("limit", max)
                      .map(MAPPER)
                      .stream()
                      .map(Row::job)
                      .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
      claimed.sort(
          java.util.Comparator.comparing(Job::nextAttemptAt)
              .thenComparing(Job::createdAt)
              .thenComparing(Job::id));
      return claimed;
    }
    return db.call("job.claim", h -> take(h, candidates(h, now, max * 4, ""), now, until, max));
  }

  static List<Row> candidates(Handle h, Instant now, int limit, String lock) {
    return h.createQuery(candidatesSql(lock))
        .bindByType("now", now, Instant.class)
        .bind("limit", limit)
        .map(MAPPER)
        .list();
  }

  /** The H2 claim's candidate query ({@code :now}, {@code :limit}). */
  static String candidatesSql(String lock) {
    return "SELECT "
        + COLUMNS
        + " FROM jobs WHERE "
        + DUE
        + " ORDER BY "
        + CLAIM_ORDER
        + " LIMIT :limit"
        + lock;
  }

  /**
   * {@code predicate} as a check on the row alone, for statements that find their job by its id: no
   * index can serve {@code (...) IS TRUE}, so PostgreSQL always finds the job through the primary
   * key. Written plainly next to the id, a status check let statistics from a quiet table (almost
   * no job pending) send PostgreSQL through {@code jobs_due_idx}, whose first column is the status,
   * to read every pending entry for one id: 1.6 ms per completion at a 50,000-job backlog instead
   * of 0.03 ms ({@code PostgresQueuePlanIT}). The rows are the same: {@code IS TRUE} is false where
   * the predicate is false or unknown, as a {@code WHERE} treats them.
   */
  static String onTheRow(String predicate) {
    return "(" + predicate + ") IS TRUE";
  }

  private static final String STILL_PENDING = onTheRow("status = 'pending'");

  static final String COMPLETE =
      "UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = :now,"
          + " version = version + 1 WHERE id = :id AND "
          + STILL_PENDING;
  static final String COMPLETE_ALL =
      "UPDATE jobs SET status = 'succeeded', locked_until = NULL, updated_at = :now,"
          + " version = version + 1 WHERE id = ANY(:ids) AND "
          + STILL_PENDING;
  static final String RETRY =
      "UPDATE jobs SET attempts = attempts + 1, next_attempt_at = :at,"
          + " last_error = :error, locked_until = NULL, updated_at = :now,"
          + " version = version + 1 WHERE id = :id AND "
          + STILL_PENDING;
  static final String DEFER =
      "UPDATE jobs SET next_attempt_at = :at, locked_until = NULL, updated_at = :now,"
          + " version = version + 1 WHERE id = :id AND "
          + STILL_PENDING;
  static final String BURY =
      "UPDATE jobs SET status = 'dead_lettered', attempts = attempts + 1,"
          + " last_error = :error, locked_until = NULL, updated_at = :now,"
          + " version = version + 1 WHERE id = :id AND "
          + STILL_PENDING;
  static final String REQUEUE =
      "UPDATE jobs SET status = 'pending', attempts = 0, next_attempt_at = :now,"
          + " locked_until = NULL, published_at = NULL, updated_at = :now,"
          + " version = version + 1 WHERE id = :id AND "
          + onTheRow("status = 'dead_lettered'");

  static final String TAKE =
      "UPDATE jobs SET locked_until = :until, updated_at = :now, version = version + 1"
          + " WHERE id = :id AND version = :v AND "
          + onTheRow(DUE);

  /**
   * Takes up to {@code max} of the candidates, in their order, each by its own compare-and-set: the
   * first {@code max} in one JDBC batch, then as many of the next as were lost, until {@code max}
   * are taken or the candidates run out. (One statement per candidate was a sixth of an embedded
   * worker's time in the drain profile; the batch is the same statements in one call.)
   */
  static List<Job> take(Handle h, List<Row> candidates, Instant now, Instant until, int max) {
    List<Job> claimed = new ArrayList<>();
    int next = 0;
    while (claimed.size() < max && next < candidates.size()) {
      List<Row> chunk =
          candidates.subList(next, Math.min(candidates.size(), next + max - claimed.size()));
      next += chunk.size();
      PreparedBatch batch = h.prepareBatch(TAKE);
      for (Row row : chunk) {
        batch
            .bindByType("until", until, Instant.class)
            .bindByType("now", now, Instant.class)
            .bind("id", row.job().id())
            .bind("v", row.version())
            .add();
      }
      int[] won = batch.execute();
      for (int i = 0; i < won.length; i++) {
        if (won[i] == 1) {
          claimed.add(chunk.get(i).job());
        }
      }
    }
    return claimed;
  }

  @Override
  public void complete(UUID jobId) {
    Instant now = db.now();
    db.call(
        "job.complete",
        h ->
            h.createUpdate(COMPLETE)
                .bind("id", jobId)
                .bindByType("now", now, Instant.class)
                .execute());
  }

  /** One statement for all of them. */
  @Override
  public void completeAll(List<UUID> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    if (jobIds.size() == 1) {
      complete(jobIds.get(0));
      return;
    }
    Instant now = db.now();
    db.call(
        "job.complete",
        h ->
            h.createUpdate(COMPLETE_ALL)
                // one array parameter: the same statement text for every batch size
                .bind("ids", Db.array("uuid", jobIds))
                .bindByType("now", now, Instant.class)
                .execute());
  }

  @Override
  public void retryAt(UUID jobId, Instant at, String error) {
    Instant now = db.now();
    db.call(
        "job.retry",
        h ->
            h.createUpdate(RETRY)
                .bind("id", jobId)
                .bindByType("at", at, Instant.class)
                .bindByType("error", error, String.class)
                .bindByType("now", now, Instant.class)
                .execute());
  }

  @Override
  public void defer(UUID jobId, Instant at) {
    Instant now = db.now();
    db.call(
        "job.defer",
        h ->
            h.createUpdate(DEFER)
                .bind("id", jobId)
                .bindByType("at", at, Instant.class)
                .bindByType("now", now, Instant.class)
                .execute());
  }

  @Override
  public void deadLetter(UUID jobId, String error) {
    Instant now = db.now();
    db.call(
        "job.dead_letter",
        h ->
            h.createUpdate(BURY)
                .bind("id", jobId)
                .bindByType("error", error, String.class)
                .bindByType("now", now, Instant.class)
                .execute());
  }

  /** Parked and not superseded (the run was retried and has a later job of the same kind). */
  private static final String LISTED_DEAD =
      "status = 'dead_lettered' AND NOT EXISTS (SELECT 1 FROM jobs later"
          + " WHERE later.sync_run_id = jobs.sync_run_id AND later.kind = jobs.kind"
          + " AND later.created_at > jobs.created_at)";

  private static final RowMapper<DeadLetter> DEAD_LETTER =
      (rs, ctx) -> new DeadLetter(MAPPER.map(rs, ctx).job(), Db.instant(rs, "updated_at"));

  @Override
  public List<DeadLetter> deadLetters(DeadLetterQuery query) {
    List<String> where = new ArrayList<>(List.of(LISTED_DEAD));
    if (query.tenantId() != null) {
      where.add("tenant_id = :tenant");
    }
    if (query.before() != null) {
      where.add("(updated_at, id) < (:cursorAt, :cursorId)");
    }
    String sql =
        "SELECT "
            + COLUMNS
            + ", updated_at FROM jobs WHERE "
            + String.join(" AND ", where)
            + " ORDER BY updated_at DESC, id DESC LIMIT :limit";
    return db.call(
        "job.dead_letter_page",
        h -> {
          var q = h.createQuery(sql).bind("limit", Math.max(0, query.limit()));
          if (query.tenantId() != null) {
            q.bind("tenant", query.tenantId());
          }
          if (query.before() != null) {
            q.bindByType("cursorAt", query.before().deadLetteredAt(), Instant.class);
            q.bind("cursorId", query.before().jobId());
          }
          return q.map(DEAD_LETTER).list();
        });
  }

  static final String FIND_DEAD_LETTER =
      "SELECT " + COLUMNS + ", updated_at FROM jobs WHERE id = :id AND " + onTheRow(LISTED_DEAD);

  @Override
  public Optional<DeadLetter> findDeadLetter(UUID jobId) {
    return db.call(
        "job.find_dead_letter",
        h -> h.createQuery(FIND_DEAD_LETTER).bind("id", jobId).map(DEAD_LETTER).findOne());
  }

  @Override
  public List<Job> deadLetters(int limit) {
    return db.call(
        "job.dead_letters",
        h ->
            h
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM jobs WHERE "
                        + LISTED_DEAD
                        + " ORDER BY updated_at DESC, created_at DESC, id DESC LIMIT :limit")
                .bind("limit", Math.max(0, limit))
                .map(MAPPER)
                .list()
                .stream()
                .map(Row::job)
                .toList());
  }

  /**
   * The queue's depth now (see {@link JobQueueDepth}): one aggregate over the pending rows, which
   * the {@code (status, next_attempt_at)} index finds. Meant to be polled every few seconds, not
   * per request.
   */
  JobQueueDepth depth() {
    Instant now = db.now();
    return db.call(
        "job.depth",
        h ->
            h.createQuery(
                    "SELECT COUNT(*) AS pending,"
                        + " COALESCE(SUM(CASE WHEN "
                        + DUE
                        + " THEN 1 ELSE 0 END), 0) AS due,"
                        + " MIN(CASE WHEN "
                        + DUE
                        + " THEN next_attempt_at END) AS oldest_due"
                        + " FROM jobs WHERE status = 'pending'")
                .bindByType("now", now, Instant.class)
                .map(
                    (rs, ctx) ->
                        new JobQueueDepth(
                            rs.getLong("pending"),
                            rs.getLong("due"),
                            Db.instant(rs, "oldest_due"),
                            now))
                .one());
  }

  @Override
  public boolean requeue(UUID jobId, Instant now) {
    return db.call(
            "job.requeue",
            h ->
                h.createUpdate(REQUEUE)
                    .bind("id", jobId)
                    .bindByType("now", now, Instant.class)
                    .execute())
        == 1;
  }

  @Override
  public java.util.Optional<Instant> nextDue(UUID syncRunId) {
    return db.call(
        "job.next_due",
        h ->
            h.createQuery(
                    "SELECT next_attempt_at FROM jobs WHERE sync_run_id = :run AND kind = 'sync'"
                        + " AND status = 'pending' ORDER BY next_attempt_at LIMIT 1")
                .bind("run", syncRunId)
                .map((rs, ctx) -> Db.instant(rs, "next_attempt_at"))
                .findOne());
  }
}
