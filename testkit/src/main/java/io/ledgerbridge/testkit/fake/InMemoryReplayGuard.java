package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.ReplayGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Remembers (scope, jti) until it expires by the given clock. */
public final class InMemoryReplayGuard implements ReplayGuard {
  private final Clock clock;
  private final Map<List<String>, Instant> seen = new HashMap<>();

  public InMemoryReplayGuard(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized boolean firstUse(String scope, String jti, Instant expiresAt) {
    List<String> key = List.of(scope, jti);
    Instant until = seen.get(key);
    if (until != null && until.isAfter(clock.instant())) {
      return false;
    }
    seen.put(key, expiresAt);
    return true;
  }

  /** How many (scope, jti) pairs are remembered, expired or not. */
  public synchronized int size() {
    return seen.size();
  }

  /** Until when {@code jti} is remembered in {@code scope}; null if never seen. */
  public synchronized Instant expiryOf(String scope, String jti) {
    return seen.get(List.of(scope, jti));
  }
}
