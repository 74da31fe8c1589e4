package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.service.LogThrottle;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests refused before reaching a use case (bad tokens, overload, slow clients): logged at most
 * once per reason and tenant per interval, with the count, so a flood of bad requests cannot flood
 * the log. Reasons and tenants are sanitised; tokens never appear.
 */
final class RejectionLog {
  static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);

  private final LogThrottle throttle;

  RejectionLog(Clock clock) {
    this.throttle = new LogThrottle(clock, INTERVAL);
  }

  void record(String reason) {
    long n = throttle.count(reason);
    if (n > 0) {
      LOG.warn("request rejected: {} ({} since the last report)", LogSafe.of(reason, 200), n);
    }
  }

  void webhook(String tenant, String reason) {
    long n = throttle.count("webhook\u0000" + tenant + "\u0000" + reason);
    if (n > 0) {
      LOG.warn(
          "webhook rejected: tenant={} reason={} ({} since the last report)",
          LogSafe.of(tenant),
          LogSafe.of(reason, 200),
          n);
    }
  }
}
