package io.ledgerbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class RedisAdapterIT {

  @Test
  void deleteAllKeysRemovesEveryKeyUnderThePrefixAndNothingElse() {
    try (RedisTestSupport redis = new RedisTestSupport();
        RedisTestSupport other = new RedisTestSupport()) {
      for (int i = 0; i < 1500; i++) {
        redis.raw.set(redis.prefix + "k" + i, "v");
      }
      other.raw.set(other.prefix + "keep", "v");
      RedisAdapter adapter = redis.adapter(Clock.systemUTC());

      assertThat(adapter.deleteAllKeys()).isEqualTo(1500);
      assertThat(redis.keys()).isEmpty();
      assertThat(other.keys()).containsExactly(other.prefix + "keep");
      assertThat(adapter.ping()).isTrue();
    }
  }
}
