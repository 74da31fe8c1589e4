package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.outbox.Job;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The database outbox as the relay sees it when jobs are delivered through a separate transport
 * (Redis Streams). The database stays the source of truth: a job is published once, and published
 * again only when the transport is found to have lost it.
 */
public interface OutboxRelayStore {

  /**
   * Claims up to {@code max} pending, due jobs that are not published yet and marks them published
   * at {@code now}.
   */
  List<Job> claimForPublishing(Instant now, int max);

  /** Pending jobs that were published before {@code before}: candidates for reconciliation. */
  List<UUID> publishedPendingBefore(Instant before, int max);

  /** Clears the published mark so the relay publishes the job again. */
  void unpublish(UUID jobId);
}
