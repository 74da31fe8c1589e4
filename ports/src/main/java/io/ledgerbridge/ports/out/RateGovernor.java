package io.ledgerbridge.ports.out;

import java.time.Duration;

/**
 * Client-side rate limiting so the chassis slows down before Sage answers 429: token buckets per
 * application and per business.
 */
public interface RateGovernor {

  /**
   * Takes one token from the application bucket and one from the business bucket.
   *
   * @return zero when the call may go now; otherwise how long to wait before asking again (no token
   *     was taken)
   */
  Duration tryAcquire(String businessId);

  RateGovernor UNLIMITED = businessId -> Duration.ZERO;
}
