package io.ledgerbridge.adapter.persistence;

import java.time.Instant;

/**
 * Deletes what the database no longer needs, in small batches of short auto-committed statements so
 * it never holds locks the hot path waits for: succeeded outbox jobs, old idempotency keys and
 * expired replay-guard entries. Each method returns how many rows it deleted; a batch smaller than
 * asked means nothing is left for now. Safe to run from several processes at once.
 */
public interface Housekeeping {
  /** Rows per statement used by {@link #purgeAll}. */
  int DEFAULT_BATCH = 500;

  /** Deletes up to {@code batch} succeeded jobs last updated before {@code olderThan}. */
  int purgeSucceededJobs(Instant olderThan, int batch);

  /** Deletes up to {@code batch} idempotency keys created before {@code olderThan}. */
  int purgeIdempotencyKeys(Instant olderThan, int batch);

  /** Deletes up to {@code batch} replay-guard entries whose expiry has passed (adapter clock). */
  int purgeExpiredReplayGuards(int batch);

  /** Deletes up to {@code batch} business leases that expired and were never taken over. */
  int purgeExpiredLeases(int batch);

  /**
   * Deletes up to {@code batch} ended runs of {@code tenantId} (succeeded, skipped or failed) with
   * their attempts, jobs and idempotency keys: the run history of a binding past its retention.
   * Runs still waiting are kept (they are held events, not history), and so are the entity
   * cross-references, so a reconnect creates no duplicate in Sage.
   */
  int purgeRunHistory(String tenantId, int batch);

  /** Runs {@link #purgeRunHistory} batch after batch until nothing is left; returns the total. */
  default int purgeAllRunHistory(String tenantId) {
    int runs = 0;
    for (int n = DEFAULT_BATCH; n == DEFAULT_BATCH; ) {
      n = purgeRunHistory(tenantId, DEFAULT_BATCH);
      runs += n;
    }
    return runs;
  }

  /** Runs every purge batch after batch until each has nothing left; returns the totals. */
  default PurgeSummary purgeAll(Instant jobsOlderThan, Instant keysOlderThan) {
    int jobs = 0;
    for (int n = DEFAULT_BATCH; n == DEFAULT_BATCH; ) {
      n = purgeSucceededJobs(jobsOlderThan, DEFAULT_BATCH);
      jobs += n;
    }
    int keys = 0;
    for (int n = DEFAULT_BATCH; n == DEFAULT_BATCH; ) {
      n = purgeIdempotencyKeys(keysOlderThan, DEFAULT_BATCH);
      keys += n;
    }
    int guards = 0;
    for (int n = DEFAULT_BATCH; n == DEFAULT_BATCH; ) {
      n = purgeExpiredReplayGuards(DEFAULT_BATCH);
      guards += n;
    }
    int leases = 0;
    for (int n = DEFAULT_BATCH; n == DEFAULT_BATCH; ) {
      n = purgeExpiredLeases(DEFAULT_BATCH);
      leases += n;
    }
    return new PurgeSummary(jobs, keys, guards, leases);
  }

  /** Rows deleted by one {@link #purgeAll}. */
  record PurgeSummary(int succeededJobs, int idempotencyKeys, int replayGuards, int leases) {
    public int total() {
      return succeededJobs + idempotencyKeys + replayGuards + leases;
    }
  }
}
