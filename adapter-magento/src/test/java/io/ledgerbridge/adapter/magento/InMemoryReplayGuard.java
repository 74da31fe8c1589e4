package io.ledgerbridge.adapter.magento;

import io.ledgerbridge.ports.out.ReplayGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Stateful fake: remembers (scope, jti) until its expiry on the given clock. */
final class InMemoryReplayGuard implements ReplayGuard {
  private final Clock clock;
  private final Map<String, Instant> seen = new HashMap<>();
  private final Map<String, Instant> lastExpiry = new HashMap<>();

  InMemoryReplayGuard(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized boolean firstUse(String scope, String jti, Instant expiresAt) {
    String key = scope + "\u0000" + jti;
    Instant existing = seen.get(key);
    if (existing != null && existing.isAfter(clock.instant())) {
      return false;
    }
    seen.put(key, expiresAt);
    lastExpiry.put(key, expiresAt);
    return true;
  }

  synchronized int size() {
    return seen.size();
  }

  synchronized Instant expiryOf(String scope, String jti) {
    return lastExpiry.get(scope + "\u0000" + jti);
  }
}
