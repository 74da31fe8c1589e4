package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.out.RateGovernor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Token buckets refilled continuously by the given clock; same rules as the Redis script. */
public final class InMemoryRateGovernor implements RateGovernor {
  private final Clock clock;
  private final double appPerSecond;
  private final int appBurst;
  private final double businessPerSecond;
  private final int businessBurst;
  private final Bucket app;
  private final Map<String, Bucket> businesses = new HashMap<>();

  private static final class Bucket {
    double tokens;
    Instant refilled;

    Bucket(double tokens, Instant refilled) {
      this.tokens = tokens;
      this.refilled = refilled;
    }

    void refill(Instant now, double perSecond, int burst) {
      if (now.isAfter(refilled)) {
        double seconds = Duration.between(refilled, now).toNanos() / 1e9;
        tokens = Math.min(burst, tokens + seconds * perSecond);
        refilled = now;
      }
    }

    long waitMillis(double perSecond) {
      return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1000 / perSecond);
    }
  }

  public InMemoryRateGovernor(
      Clock clock, double appPerSecond, int appBurst, double businessPerSecond, int businessBurst) {
    this.clock = clock;
    this.appPerSecond = appPerSecond;
    this.appBurst = appBurst;
    this.businessPerSecond = businessPerSecond;
    this.businessBurst = businessBurst;
    this.app = new Bucket(appBurst, clock.instant());
  }

  @Override
  public synchronized Duration tryAcquire(String businessId) {
    Instant now = clock.instant();
    Bucket business = businesses.computeIfAbsent(businessId, b -> new Bucket(businessBurst, now));
    app.refill(now, appPerSecond, appBurst);
    business.refill(now, businessPerSecond, businessBurst);
    if (app.tokens >= 1 && business.tokens >= 1) {
      app.tokens -= 1;
      business.tokens -= 1;
      return Duration.ZERO;
    }
    long wait = Math.max(app.waitMillis(appPerSecond), business.waitMillis(businessPerSecond));
    return Duration.ofMillis(Math.max(1, wait));
  }
}
