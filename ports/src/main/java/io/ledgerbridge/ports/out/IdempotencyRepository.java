package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.UUID;

/** Dedupe of store deliveries on (tenant, Idempotency-Key). */
public interface IdempotencyRepository {

  /**
   * Records that {@code key} maps to {@code runId}, unless the key is already known.
   *
   * @return the run id stored for the key: {@code runId} if this call claimed it, else the earlier
   *     one
   */
  UUID claim(String tenantId, String key, UUID runId, Instant now);
}
