package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.RateGovernor;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The client-side Sage rate limits inside one process: a token bucket for the application and one
 * per business, with the same rules as the Redis governor (a call takes a token from both buckets
 * only when both have one; otherwise it takes nothing and learns how long to wait). Used when there
 * is no Redis to share the buckets: exact for the embedded default (one process), per process for
 * several PostgreSQL-only workers, whose operators divide the limits by the process count.
 */
public final class LocalRateGovernor implements RateGovernor {
  private static final int MAX_IDLE_BUCKETS = 10_000;

  private final Clock clock;
  private final double appPerMilli;
  private final double appBurst;
  private final double businessPerMilli;
  private final double businessBurst;
  private final Bucket app;
  private final Map<String, Bucket> businesses = new HashMap<>();

  /** Tokens and the time (clock millis) they were counted at. */
  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    void refill(long now, double perMilli, double burst) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) * perMilli);
        at = now;
      }
    }

    long millisToOne(double perMilli) {
      return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
    }
  }

  public LocalRateGovernor(
      Clock clock, double appPerSecond, int appBurst, double businessPerSecond, int businessBurst) {
    requirePositive("appPerSecond", appPerSecond);
    requirePositive("businessPerSecond", businessPerSecond);
    if (appBurst < 1 || businessBurst < 1) {
      throw new IllegalArgumentException("bursts must be at least 1");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.appPerMilli = appPerSecond / 1000;
    this.appBurst = appBurst;
    this.businessPerMilli = businessPerSecond / 1000;
    this.businessBurst = businessBurst;
    this.app = new Bucket(appBurst, clock.millis());
  }

  @Override
  public synchronized Duration tryAcquire(String businessId) {
    Objects.requireNonNull(businessId, "businessId");
    long now = clock.millis();
    app.refill(now, appPerMilli, appBurst);
    Bucket business = businesses.get(businessId);
    if (business == null) {
      forgetFullBuckets(now);
      business = new Bucket(businessBurst, now);
      businesses.put(businessId, business);
    }
    business.refill(now, businessPerMilli, businessBurst);
    if (app.tokens >= 1 && business.tokens >= 1) {
      app.tokens -= 1;
      business.tokens -= 1;
      return Duration.ZERO;
    }
    long wait = Math.max(app.millisToOne(appPerMilli), business.millisToOne(businessPerMilli));
    return Duration.ofMillis(Math.max(1, wait));
  }

  /** A bucket that would be full again is the same as no bucket: drop those when there are many. */
  private void forgetFullBuckets(long now) {
    if (businesses.size() < MAX_IDLE_BUCKETS) {
      return;
    }
    for (Iterator<Bucket> it = businesses.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      b.refill(now, businessPerMilli, businessBurst);
      if (b.tokens >= businessBurst) {
        it.remove();
      }
    }
  }

  synchronized int buckets() {
    return businesses.size();
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive finite rate: " + value);
    }
  }
}
