package io.ledgerbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.testkit.contract.RateGovernorContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Buckets refill by the Redis server's TIME, so time passes for real here. */
class RedisRateGovernorContractIT extends RateGovernorContract {
  private final RedisTestSupport redis = new RedisTestSupport();

  @Override
  protected RateGovernor createSubject(
      MutableClock clock,
      double appPerSecond,
      int appBurst,
      double businessPerSecond,
      int businessBurst) {
    return redis
        .adapter(clock)
        .rateGovernor(appPerSecond, appBurst, businessPerSecond, businessBurst);
  }

  @Override
  protected void elapse(Duration duration) {
    RedisTestSupport.sleep(duration);
  }

  @AfterEach
  void removeKeys() {
    redis.close();
  }

  @Test
  void processesSharingOneRedisShareTheBuckets() {
    RateGovernor one = createSubject(clock, 100, 100, 0.5, 2);
    RateGovernor two = createSubject(clock, 100, 100, 0.5, 2);

    assertThat(one.tryAcquire("biz-1")).isZero();
    assertThat(two.tryAcquire("biz-1")).isZero();
    assertThat(one.tryAcquire("biz-1")).isPositive();
    assertThat(two.tryAcquire("biz-1")).isPositive();
  }
}
