package io.ledgerbridge.adapter.redis;

import java.time.Instant;

/** Instants as Redis numbers: epoch microseconds, exact in a Lua double for the next centuries. */
final class RedisTime {
  private RedisTime() {}

  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }
}
