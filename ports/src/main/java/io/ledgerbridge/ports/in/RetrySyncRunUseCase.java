package io.ledgerbridge.ports.in;

import java.util.UUID;

/** An operator sends a failed run through the worker again, after fixing the cause. */
public interface RetrySyncRunUseCase {

  /**
   * @return {@code Requeued} with the new job, or {@code NotRetryable} saying why (unknown run, or
   *     the run is not failed)
   */
  RetryResult retry(UUID runId);

  sealed interface RetryResult permits Requeued, NotRetryable {}

  record Requeued(UUID runId, UUID jobId) implements RetryResult {}

  record NotRetryable(UUID runId, String reason) implements RetryResult {}
}
