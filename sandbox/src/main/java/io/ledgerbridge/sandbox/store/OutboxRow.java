package io.ledgerbridge.sandbox.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one {@code byte8_event_outbox} row (WIRE §6.1). Nullable: lastStatusCode,
 * lastAttemptAt, nextAttemptAt (null = due now), lastError. {@code payload} is the exact body sent
 * on every attempt.
 */
public record OutboxRow(
    long id,
    String idempotencyKey,
    String eventName,
    String payload,
    Status status,
    int attempts,
    Integer lastStatusCode,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt) {

  /** Outbox row status as stored by the module. */
  public enum Status {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    DEAD_LETTERED("dead_lettered");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public OutboxRow {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
