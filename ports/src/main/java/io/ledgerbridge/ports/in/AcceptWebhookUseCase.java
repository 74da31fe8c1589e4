package io.ledgerbridge.ports.in;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Accepts an authenticated store event: dedupes on (tenant, Idempotency-Key) and, in one
 * transaction, records the run and its job.
 */
public interface AcceptWebhookUseCase {

  AcceptResult accept(AcceptWebhookCommand command);

  /**
   * @param eventName the {@code {event}} path segment
   * @param magentoEntityId from the envelope
   * @param occurredAt from the envelope (when the store enqueued it)
   */
  record AcceptWebhookCommand(
      String tenantId,
      String eventName,
      String idempotencyKey,
      long magentoEntityId,
      int websiteId,
      int storeId,
      Instant occurredAt) {
    public AcceptWebhookCommand {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(eventName, "eventName");
      Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
  }

  sealed interface AcceptResult permits Accepted, UnknownEvent, NoBinding {}

  /**
   * 202: {@code duplicate} is true when the key was seen before and the earlier run is returned.
   */
  record Accepted(UUID syncRunId, boolean duplicate) implements AcceptResult {}

  /** The event name is not one the store emits. */
  record UnknownEvent(String eventName) implements AcceptResult {}

  /**
   * The tenant's binding is gone (removed after the request was authenticated). A paused or
   * disconnected binding is not this: it accepts and holds its events.
   */
  record NoBinding(String tenantId) implements AcceptResult {}
}
