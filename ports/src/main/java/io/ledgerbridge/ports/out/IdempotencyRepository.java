package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  /**
   * Claims several deliveries in the caller's transaction, as {@link #claim} would one by one, in
   * the order given; a delivery named twice in the list is claimed by its first entry.
   *
   * @return for each claim in order, the run id stored for its delivery
   */
  default List<UUID> claimAll(List<Claim> claims) {
    List<UUID> winners = new ArrayList<>(claims.size());
    for (Claim c : claims) {
      winners.add(claim(c.tenantId(), c.key(), c.occurredAt(), c.runId(), c.now()));
    }
    return winners;
  }

  /** One delivery to claim for {@code runId}. */
  record Claim(String tenantId, String key, Instant occurredAt, UUID runId, Instant now) {
    public Claim {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(now, "now");
    }
  }
}
