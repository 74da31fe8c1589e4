package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Attempts in {@code sync_attempts}, append-only. */
final class JdbiSyncAttemptRepository implements SyncAttemptRepository {
  private final Db db;

  JdbiSyncAttemptRepository(Db db) {
    this.db = db;
  }

  @Override
  public void record(SyncAttempt a) {
    db.call(
        "sync_attempt.record",
        h ->
            h.createUpdate(
                    "INSERT INTO sync_attempts (run_id, attempt_no, started_at, finished_at,"
                        + " outcome, error_code, http_status, message, request_body, response_body)"
                        + " VALUES (:run, :no, :started, :finished, :outcome, :code, :http, :msg,"
                        + " :req, :resp)")
                .bind("run", a.runId())
                .bind("no", a.attemptNo())
                .bindByType("started", a.startedAt(), Instant.class)
                .bindByType("finished", a.finishedAt(), Instant.class)
                .bind("outcome", a.outcome())
                .bindByType("code", a.errorCode(), String.class)
                .bindByType("http", a.httpStatus(), Integer.class)
                .bindByType("msg", a.message(), String.class)
                .bindByType("req", a.requestBody(), String.class)
                .bindByType("resp", a.responseBody(), String.class)
                .execute());
  }

  @Override
  public List<SyncAttempt> forRun(UUID runId) {
    return db.call(
        "sync_attempt.for_run",
        h ->
            h.createQuery(
                    "SELECT run_id, attempt_no, started_at, finished_at, outcome, error_code,"
                        + " http_status, message, request_body, response_body FROM sync_attempts"
                        + " WHERE run_id = :run ORDER BY attempt_no, id")
                .bind("run", runId)
                .map(
                    (rs, ctx) ->
                        new SyncAttempt(
                            Db.uuid(rs, "run_id"),
                            rs.getInt("attempt_no"),
                            Db.instant(rs, "started_at"),
                            Db.instant(rs, "finished_at"),
                            rs.getString("outcome"),
                            rs.getString("error_code"),
                            Db.nullableInt(rs, "http_status"),
                            rs.getString("message"),
                            rs.getString("request_body"),
                            rs.getString("response_body")))
                .list());
  }
}
