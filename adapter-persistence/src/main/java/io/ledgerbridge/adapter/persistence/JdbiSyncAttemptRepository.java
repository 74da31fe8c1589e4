package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/** Attempts in {@code sync_attempts} and their exchanges in {@code sync_exchanges}, append-only. */
final class JdbiSyncAttemptRepository implements SyncAttemptRepository {
  private final Db db;

  JdbiSyncAttemptRepository(Db db) {
    this.db = db;
  }

  private static final String INSERT =
      "INSERT INTO sync_attempts (run_id, attempt_no, started_at, finished_at,"
          + " outcome, error_code, http_status, message, request_body, response_body)"
          + " VALUES (:run, :no, :started, :finished, :outcome, :code, :http, :msg,"
          + " :req, :resp)";

  private static <S extends SqlStatement<S>> S bind(S s, SyncAttempt a) {
    return s.bind("run", a.runId())
        .bind("no", a.attemptNo())
        .bindByType("started", a.startedAt(), Instant.class)
        .bindByType("finished", a.finishedAt(), Instant.class)
        .bind("outcome", a.outcome())
        .bindByType("code", a.errorCode(), String.class)
        .bindByType("http", a.httpStatus(), Integer.class)
        .bindByType("msg", a.message(), String.class)
        .bindByType("req", a.requestBody(), String.class)
        .bindByType("resp", a.responseBody(), String.class);
  }

  @Override
  public void record(SyncAttempt a) {
    db.call("sync_attempt.record", h -> bind(h.createUpdate(INSERT), a).execute());
  }

  @Override
  public void recordAll(List<SyncAttempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    db.batch("sync_attempt.record_all", INSERT, attempts, JdbiSyncAttemptRepository::bind);
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

  @Override
  public void recordExchanges(List<SyncExchange> exchanges) {
    if (exchanges.isEmpty()) {
      return;
    }
    db.call(
        "sync_exchange.record",
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO sync_exchanges (run_id, attempt_no, attempt_started_at, seq,"
                      + " target_system, operation, method, url, http_status, duration_ms,"
                      + " request_body, request_truncated, response_body, response_truncated)"
                      + " VALUES (:run, :no, :started, :seq, :system, :op, :method, :url, :http,"
                      + " :ms, :req, :reqCut, :resp, :respCut)");
          for (SyncExchange e : exchanges) {
            batch
                .bind("run", e.runId())
                .bind("no", e.attemptNo())
                .bindByType("started", e.attemptStartedAt(), Instant.class)
                .bind("seq", e.seq())
                .bind("system", e.system())
                .bind("op", e.operation())
                .bind("method", e.method())
                .bind("url", e.url())
                .bindByType("http", e.httpStatus(), Integer.class)
                .bind("ms", e.durationMillis())
                .bindByType("req", e.requestBody(), String.class)
                .bind("reqCut", e.requestTruncated())
                .bindByType("resp", e.responseBody(), String.class)
                .bind("respCut", e.responseTruncated())
                .add();
          }
          return batch.execute();
        });
  }

  @Override
  public List<SyncExchange> exchanges(UUID runId) {
    return db.call(
        "sync_exchange.for_run",
        h ->
            h.createQuery(
                    "SELECT run_id, attempt_no, attempt_started_at, seq, target_system, operation,"
                        + " method, url, http_status, duration_ms, request_body, request_truncated,"
                        + " response_body, response_truncated FROM sync_exchanges"
                        + " WHERE run_id = :run ORDER BY attempt_no, attempt_started_at, seq, id")
                .bind("run", runId)
                .map(
                    (rs, ctx) ->
                        new SyncExchange(
                            Db.uuid(rs, "run_id"),
                            rs.getInt("attempt_no"),
                            Db.instant(rs, "attempt_started_at"),
                            rs.getInt("seq"),
                            rs.getString("target_system"),
                            rs.getString("operation"),
                            rs.getString("method"),
                            rs.getString("url"),
                            Db.nullableInt(rs, "http_status"),
                            rs.getLong("duration_ms"),
                            rs.getString("request_body"),
                            rs.getBoolean("request_truncated"),
                            rs.getString("response_body"),
                            rs.getBoolean("response_truncated")))
                .list());
  }
}
