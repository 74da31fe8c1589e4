package io.ledgerbridge.adapter.persistence;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@code jobs} table at one instant, for metrics: jobs still pending (due or not), those due
 * and not claimed by a worker, and since when the oldest of those has been due.
 *
 * @param pending jobs in status {@code pending}, claimed or not, due now or later
 * @param due pending jobs due at {@code at} that no worker holds
 * @param oldestDueSince when the oldest due job became due; null when none is due
 * @param at when the table was read (the adapter's clock)
 */
public record JobQueueDepth(long pending, long due, Instant oldestDueSince, Instant at) {

  /** How long the oldest due job has waited at {@link #at}; zero when none is due. */
  public Duration oldestDueAge() {
    if (oldestDueSince == null || oldestDueSince.isAfter(at)) {
      return Duration.ZERO;
    }
    return Duration.between(oldestDueSince, at);
  }
}
