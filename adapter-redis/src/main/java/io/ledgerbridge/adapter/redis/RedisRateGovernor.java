package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.ports.out.RateGovernor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two token buckets, one for the application ({@code <prefix>rate:app}) and one per business
 * ({@code <prefix>rate:biz:<businessId>}), each a hash of {@code tokens} and {@code ts} (last
 * refill, server milliseconds). One script refills both from the Redis server's {@code TIME}, so
 * every process agrees on the clock, and takes a token from each only when both have one; otherwise
 * it takes nothing and answers how long until both will. Idle buckets expire once they would be
 * full again.
 */
final class RedisRateGovernor implements RateGovernor {
  private static final LuaScript TAKE =
      new LuaScript(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
          local function refill(key, rate, burst)
            local s = redis.call('HMGET', key, 'tokens', 'ts')
            local tokens = tonumber(s[1])
            local ts = tonumber(s[2])
            if tokens == nil or ts == nil then
              return burst
            end
            if now > ts then
              tokens = math.min(burst, tokens + (now - ts) * rate / 1000)
            end
            return tokens
          end
          local appRate, appBurst = tonumber(ARGV[1]), tonumber(ARGV[2])
          local bizRate, bizBurst = tonumber(ARGV[3]), tonumber(ARGV[4])
          local app = refill(KEYS[1], appRate, appBurst)
          local biz = refill(KEYS[2], bizRate, bizBurst)
          if app >= 1 and biz >= 1 then
            redis.call('HSET', KEYS[1], 'tokens', tostring(app - 1), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(appBurst * 1000 / appRate) + 1000)
            redis.call('HSET', KEYS[2], 'tokens', tostring(biz - 1), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[2], math.ceil(bizBurst * 1000 / bizRate) + 1000)
            return 0
          end
          local wait = 0
          if app < 1 then
            wait = math.max(wait, math.ceil((1 - app) * 1000 / appRate))
          end
          if biz < 1 then
            wait = math.max(wait, math.ceil((1 - biz) * 1000 / bizRate))
          end
          return math.max(1, wait)
          """);

  private final UnifiedJedis redis;
  private final String prefix;
  private final List<String> limits;

  RedisRateGovernor(
      UnifiedJedis redis,
      String prefix,
      double appPerSecond,
      int appBurst,
      double businessPerSecond,
      int businessBurst) {
    requirePositive("appPerSecond", appPerSecond);
    requirePositive("businessPerSecond", businessPerSecond);
    if (appBurst < 1 || businessBurst < 1) {
      throw new IllegalArgumentException("bursts must be at least 1");
    }
    this.redis = redis;
    this.prefix = prefix;
    this.limits =
        List.of(
            Double.toString(appPerSecond),
            Integer.toString(appBurst),
            Double.toString(businessPerSecond),
            Integer.toString(businessBurst));
  }

  @Override
  public Duration tryAcquire(String businessId) {
    Objects.requireNonNull(businessId, "businessId");
    long waitMillis =
        TAKE.runForLong(
            redis, List.of(prefix + "rate:app", prefix + "rate:biz:" + businessId), limits);
    return waitMillis <= 0 ? Duration.ZERO : Duration.ofMillis(waitMillis);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive finite rate: " + value);
    }
  }
}
