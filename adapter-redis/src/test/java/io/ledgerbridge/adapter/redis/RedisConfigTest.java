package io.ledgerbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisConfigTest {

  @Test
  void acceptsARedisUrlWithDatabaseAndDefaultsPrefixAndPool() {
    RedisConfig config = RedisConfig.of("redis://cache.internal:6380/2");

    assertThat(config.keyPrefix()).isEqualTo("lb:");
    assertThat(config.poolSize()).isEqualTo(16);
    assertThat(config.redactedUrl()).isEqualTo("redis://cache.internal:6380/2");
  }

  @Test
  void neverShowsThePasswordInTextOrMessages() {
    RedisConfig config = new RedisConfig("redis://app:s3cret@cache:6379/0", "lb:", 4);

    assertThat(config.toString()).doesNotContain("s3cret").contains("redis://cache:6379/0");
    assertThatThrownBy(() -> new RedisConfig("http://app:s3cret@cache", "lb:", 4))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void rejectsAnEmptyPool() {
    assertThatThrownBy(() -> new RedisConfig("redis://127.0.0.1:6379", "lb:", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
