package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.UUID;

/**
 * Dedupe of store deliveries on (tenant, Idempotency-Key, occurred_at): the store re-sends a key
 * with the same {@code occurred_at} when it retries, and with a new one for a new change weeks
 * later (WIRE §5.2).
 */
public interface IdempotencyRepository {

  /**
   * Records that the delivery ({@code key}, {@code occurredAt}) maps to {@code runId}, unless it is
   * already known.
   *
   * @return the run id stored for the delivery: {@code runId} if this call claimed it, else the
   *     earlier one
   */
  UUID claim(String tenantId, String key, Instant occurredAt, UUID runId, Instant now);
}
