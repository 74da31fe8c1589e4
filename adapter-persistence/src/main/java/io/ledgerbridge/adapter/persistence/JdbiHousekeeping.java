package io.ledgerbridge.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * {@link Housekeeping} over the shared schema. Each purge is one {@code DELETE ... WHERE key IN
 * (SELECT key ... LIMIT n)} on its own auto-committed connection (outside any caller transaction),
 * using an index: succeeded jobs through {@code jobs_due_idx (status, next_attempt_at)} (a job is
 * due before it can succeed, so {@code next_attempt_at < bound} only narrows the scan), keys
 * through {@code idempotency_keys_created_idx}, replay entries through {@code
 * replay_guard_expiry_idx}.
 */
final class JdbiHousekeeping implements Housekeeping {
  private final Db db;
  private final JdbiReplayGuard replayGuard;
  private final JdbiBusinessLease leases;

  JdbiHousekeeping(Db db, JdbiReplayGuard replayGuard, JdbiBusinessLease leases) {
    this.db = db;
    this.replayGuard = replayGuard;
    this.leases = leases;
  }

  @Override
  public int purgeSucceededJobs(Instant olderThan, int batch) {
    if (batch <= 0) {
      return 0;
    }
    return outsideTransaction(
        () ->
            db.call(
                "housekeeping.jobs",
                h ->
                    h.createUpdate(
                            "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs"
                                + " WHERE status = 'succeeded' AND next_attempt_at < :t"
                                + " AND updated_at < :t LIMIT :batch)")
                        .bindByType("t", olderThan, Instant.class)
                        .bind("batch", batch)
                        .execute()));
  }

  @Override
  public int purgeIdempotencyKeys(Instant olderThan, int batch) {
    if (batch <= 0) {
      return 0;
    }
    return outsideTransaction(
        () ->
            db.call(
                "housekeeping.idempotency",
                h ->
                    h.createUpdate(
                            "DELETE FROM idempotency_keys"
                                + " WHERE (tenant_id, idempotency_key, occurred_at) IN"
                                + " (SELECT tenant_id, idempotency_key, occurred_at"
                                + " FROM idempotency_keys WHERE created_at < :t LIMIT :batch)")
                        .bindByType("t", olderThan, Instant.class)
                        .bind("batch", batch)
                        .execute()));
  }

  @Override
  public int purgeRunHistory(String tenantId, int batch) {
    if (batch <= 0) {
      return 0;
    }
    return outsideTransaction(
        () ->
            db.inTransaction(
                "housekeeping.run_history",
                h -> {
                  List<java.util.UUID> ids =
                      h.createQuery(
                              "SELECT id FROM sync_runs WHERE tenant_id = :t"
                                  + " AND status IN ('succeeded', 'skipped_by_policy', 'failed')"
                                  + " LIMIT :batch")
                          .bind("t", tenantId)
                          .bind("batch", batch)
                          .mapTo(java.util.UUID.class)
                          .list();
                  if (ids.isEmpty()) {
                    return 0;
                  }
                  h.createUpdate("DELETE FROM sync_attempts WHERE run_id IN (<ids>)")
                      .bindList("ids", ids)
                      .execute();
                  h.createUpdate("DELETE FROM sync_exchanges WHERE run_id IN (<ids>)")
                      .bindList("ids", ids)
                      .execute();
                  h.createUpdate("DELETE FROM jobs WHERE sync_run_id IN (<ids>)")
                      .bindList("ids", ids)
                      .execute();
                  h.createUpdate("DELETE FROM idempotency_keys WHERE run_id IN (<ids>)")
                      .bindList("ids", ids)
                      .execute();
                  return h.createUpdate("DELETE FROM sync_runs WHERE id IN (<ids>)")
                      .bindList("ids", ids)
                      .execute();
                }));
  }

  @Override
  public int purgeExpiredReplayGuards(int batch) {
    return batch <= 0 ? 0 : outsideTransaction(() -> replayGuard.purgeExpired(batch));
  }

  @Override
  public int purgeExpiredLeases(int batch) {
    return batch <= 0 ? 0 : leases.purgeExpired(batch);
  }

  private int outsideTransaction(IntSupplier work) {
    if (db.uow.currentHandle() != null) {
      throw new IllegalStateException("housekeeping must not run inside a transaction");
    }
    return work.getAsInt();
  }
}
