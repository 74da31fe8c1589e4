package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** First claim of (tenant, key, occurred_at) wins. */
public final class InMemoryIdempotencyRepository implements IdempotencyRepository {
  private final ConcurrentHashMap<List<Object>, UUID> keys = new ConcurrentHashMap<>();

  @Override
  public UUID claim(String tenantId, String key, Instant occurredAt, UUID runId, Instant now) {
    UUID earlier = keys.putIfAbsent(List.of(tenantId, key, occurredAt), runId);
    return earlier == null ? runId : earlier;
  }
}
