package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.ports.out.BusinessLease;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@code <prefix>lease:<businessId>} holds the holder's random token with a Redis TTL, so a holder
 * that dies frees the business when the TTL runs out (judged by the Redis server clock, which every
 * process shares). Renew and release are scripts that compare the token before they touch the key.
 */
final class RedisBusinessLease implements BusinessLease {
  private static final LuaScript RENEW =
      new LuaScript(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
          end
          return 0
          """);
  private static final LuaScript RELEASE =
      new LuaScript(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
          end
          return 0
          """);

  private final UnifiedJedis redis;
  private final String prefix;
  private final SecureRandom random = new SecureRandom();

  RedisBusinessLease(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Optional<Lease> tryAcquire(String businessId, Duration ttl) {
    Objects.requireNonNull(businessId, "businessId");
    long millis = ttlMillis(ttl);
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    String ok = redis.set(key(businessId), token, SetParams.setParams().nx().px(millis));
    return "OK".equals(ok) ? Optional.of(new Lease(businessId, token)) : Optional.empty();
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) {
    long millis = ttlMillis(ttl);
    return RENEW.runForLong(
            redis, List.of(key(lease.businessId())), List.of(lease.token(), Long.toString(millis)))
        == 1L;
  }

  @Override
  public boolean release(Lease lease) {
    return RELEASE.runForLong(redis, List.of(key(lease.businessId())), List.of(lease.token()))
        == 1L;
  }

  private String key(String businessId) {
    return prefix + "lease:" + businessId;
  }

  private static long ttlMillis(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive: " + ttl);
    }
    return Math.max(1L, ttl.toMillis());
  }
}
