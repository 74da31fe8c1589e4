package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.ports.out.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * One key per (scope, jti): {@code <prefix>jti:<scope>:<sha256(jti)>} holding the expiry in epoch
 * microseconds. A script sets it only if it is absent or its remembered expiry has passed by the
 * injected clock (the same clock that judges the token's {@code exp}); Redis's own TTL ({@code
 * expiresAt - now}, at least 1 ms) only collects the garbage. The jti is hashed so neither key nor
 * value carries token material.
 */
final class RedisReplayGuard implements ReplayGuard {
  private static final LuaScript FIRST_USE =
      new LuaScript(
          """
          local seen = redis.call('GET', KEYS[1])
          if seen and tonumber(seen) > tonumber(ARGV[2]) then
            return 0
          end
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
          return 1
          """);

  private final UnifiedJedis redis;
  private final String prefix;
  private final Clock clock;

  RedisReplayGuard(UnifiedJedis redis, String prefix, Clock clock) {
    this.redis = redis;
    this.prefix = prefix;
    this.clock = clock;
  }

  @Override
  public boolean firstUse(String scope, String jti, Instant expiresAt) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = clock.instant();
    long ttlMillis = Math.max(1L, expiresAt.toEpochMilli() - now.toEpochMilli());
    String key = prefix + "jti:" + scope + ":" + sha256Hex(jti);
    return FIRST_USE.runForLong(
            redis,
            List.of(key),
            List.of(
                Long.toString(RedisTime.micros(expiresAt)),
                Long.toString(RedisTime.micros(now)),
                Long.toString(ttlMillis)))
        == 1L;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
