package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.testkit.contract.BusinessLeaseContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** Leases expire by Redis's own TTL, so time passes for real here. */
class RedisBusinessLeaseContractIT extends BusinessLeaseContract {
  private final RedisTestSupport redis = new RedisTestSupport();

  @Override
  protected BusinessLease createSubject(MutableClock clock) {
    return redis.adapter(clock).businessLease();
  }

  @Override
  protected void elapse(Duration duration) {
    RedisTestSupport.sleep(duration);
  }

  @AfterEach
  void removeKeys() {
    redis.close();
  }
}
