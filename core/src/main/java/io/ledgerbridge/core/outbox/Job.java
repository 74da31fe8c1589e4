package io.ledgerbridge.core.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A unit of work in the outbox / job queue. {@code attempts} counts deliveries that ended in
 * failure so far; the backoff ladder decides what happens after the next one.
 */
public record Job(
    UUID id,
    JobKind kind,
    UUID syncRunId,
    String tenantId,
    JobStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(syncRunId, "syncRunId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public static Job newJob(UUID id, JobKind kind, UUID syncRunId, String tenantId, Instant now) {
    return new Job(id, kind, syncRunId, tenantId, JobStatus.PENDING, 0, now, null, now);
  }
}
