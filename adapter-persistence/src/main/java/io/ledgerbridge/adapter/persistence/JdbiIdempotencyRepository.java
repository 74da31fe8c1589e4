package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import java.time.Instant;
import java.util.UUID;

/**
 * Idempotency keys in {@code idempotency_keys}. The claim is INSERT ... ON CONFLICT DO NOTHING and
 * a read-back: a concurrent claimer waits for the winner's row and then reads it, and a lost claim
 * raises no error, so it cannot abort the caller's transaction on PostgreSQL.
 */
final class JdbiIdempotencyRepository implements IdempotencyRepository {
  private final Db db;

  JdbiIdempotencyRepository(Db db) {
    this.db = db;
  }

  @Override
  public UUID claim(String tenantId, String key, Instant occurredAt, UUID runId, Instant now) {
    return db.call(
        "idempotency.claim",
        h -> {
          int inserted =
              h.createUpdate(
                      "INSERT INTO idempotency_keys (tenant_id, idempotency_key, occurred_at,"
                          + " run_id, created_at) VALUES (:t, :k, :at, :run, :now)"
                          + " ON CONFLICT DO NOTHING")
                  .bind("t", tenantId)
                  .bind("k", key)
                  .bindByType("at", occurredAt, Instant.class)
                  .bind("run", runId)
                  .bindByType("now", now, Instant.class)
                  .execute();
          if (inserted == 1) {
            return runId;
          }
          return h.createQuery(
                  "SELECT run_id FROM idempotency_keys WHERE tenant_id = :t"
                      + " AND idempotency_key = :k AND occurred_at = :at")
              .bind("t", tenantId)
              .bind("k", key)
              .bindByType("at", occurredAt, Instant.class)
              .map((rs, ctx) -> Db.uuid(rs, "run_id"))
              .one();
        });
  }
}
