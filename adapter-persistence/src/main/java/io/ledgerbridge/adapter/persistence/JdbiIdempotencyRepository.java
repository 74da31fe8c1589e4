package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Idempotency keys in {@code idempotency_keys}. The claim is INSERT ... ON CONFLICT DO NOTHING and
 * a read-back: a concurrent claimer waits for the winner's row and then reads it, and a lost claim
 * raises no error, so it cannot abort the caller's transaction on PostgreSQL. {@link #claimAll}
 * sends the inserts as one JDBC batch, in key order so that two batches claiming the same keys lock
 * them in the same order and cannot deadlock each other, then reads back the lost ones.
 */
final class JdbiIdempotencyRepository implements IdempotencyRepository {
  private static final String INSERT =
      "INSERT INTO idempotency_keys (tenant_id, idempotency_key, occurred_at,"
          + " run_id, created_at) VALUES (:t, :k, :at, :run, :now)"
          + " ON CONFLICT DO NOTHING";
  private static final Comparator<Claim> LOCK_ORDER =
      Comparator.comparing(Claim::tenantId)
          .thenComparing(Claim::key)
          .thenComparing(Claim::occurredAt, Comparator.nullsFirst(Comparator.naturalOrder()));

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
              h.createUpdate(INSERT)
                  .bind("t", tenantId)
                  .bind("k", key)
                  .bindByType("at", occurredAt, Instant.class)
                  .bind("run", runId)
                  .bindByType("now", now, Instant.class)
                  .execute();
          return inserted == 1 ? runId : stored(h, tenantId, key, occurredAt);
        });
  }

  @Override
  public List<UUID> claimAll(List<Claim> claims) {
    if (claims.size() < 2) {
      return IdempotencyRepository.super.claimAll(claims);
    }
    List<Integer> order = new ArrayList<>(claims.size());
    for (int i = 0; i < claims.size(); i++) {
      order.add(i);
    }
    // stable: of two claims of one delivery, the first in the list stays first and wins
    order.sort((a, b) -> LOCK_ORDER.compare(claims.get(a), claims.get(b)));
    return db.call(
        "idempotency.claim_all",
        h -> {
          PreparedBatch batch = h.prepareBatch(INSERT);
          for (int i : order) {
            Claim c = claims.get(i);
            batch
                .bind("t", c.tenantId())
                .bind("k", c.key())
                .bindByType("at", c.occurredAt(), Instant.class)
                .bind("run", c.runId())
                .bindByType("now", c.now(), Instant.class)
                .add();
          }
          int[] inserted = batch.execute();
          UUID[] winners = new UUID[claims.size()];
          for (int n = 0; n < order.size(); n++) {
            int i = order.get(n);
            Claim c = claims.get(i);
            winners[i] =
                inserted[n] == 1 ? c.runId() : stored(h, c.tenantId(), c.key(), c.occurredAt());
          }
          return Arrays.asList(winners);
        });
  }

  private static UUID stored(Handle h, String tenantId, String key, Instant occurredAt) {
    return h.createQuery(
            "SELECT run_id FROM idempotency_keys WHERE tenant_id = :t"
                + " AND idempotency_key = :k AND occurred_at = :at")
        .bind("t", tenantId)
        .bind("k", key)
        .bindByType("at", occurredAt, Instant.class)
        .map((rs, ctx) -> Db.uuid(rs, "run_id"))
        .one();
  }
}
