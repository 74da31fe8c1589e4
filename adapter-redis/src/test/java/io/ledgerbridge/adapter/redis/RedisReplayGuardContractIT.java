package io.ledgerbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.testkit.contract.ReplayGuardContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisReplayGuardContractIT extends ReplayGuardContract {
  private final RedisTestSupport redis = new RedisTestSupport();
  private ReplayGuard guard;

  @Override
  protected ReplayGuard createSubject(MutableClock clock) {
    guard = redis.adapter(clock).replayGuard();
    return guard;
  }

  @AfterEach
  void removeKeys() {
    redis.close();
  }

  @Test
  void keysCarryAHashOfTheTokenIdAndARedisExpiry() {
    guard.firstUse("webhook:t-1", "secret-jti-value", clock.instant().plusSeconds(300));

    assertThat(redis.keys())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key).startsWith(redis.prefix + "jti:webhook:t-1:");
              assertThat(key).doesNotContain("secret-jti-value");
              assertThat(redis.raw.pttl(key)).isBetween(1L, 300_000L);
            });
  }
}
