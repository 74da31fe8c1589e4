package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.ReplayGuard;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Redis first, the database when Redis cannot be reached: accepting webhooks must not depend on
 * Redis being up. During an outage a token first seen in Redis is unknown to the database, so a
 * replay inside its 60-second lifetime could pass the guard; it still cannot cause double work,
 * because deliveries are deduplicated on the Idempotency-Key.
 */
public final class FallbackReplayGuard implements ReplayGuard {
  private static final Logger LOG = Logger.getLogger(FallbackReplayGuard.class.getName());

  private final ReplayGuard primary;
  private final ReplayGuard fallback;
  private volatile boolean degraded;

  public FallbackReplayGuard(ReplayGuard primary, ReplayGuard fallback) {
    this.primary = primary;
    this.fallback = fallback;
  }

  @Override
  public boolean firstUse(String scope, String jti, Instant expiresAt) {
    try {
      boolean first = primary.firstUse(scope, jti, expiresAt);
      if (degraded) {
        degraded = false;
        LOG.info("replay guard: primary store is back");
      }
      return first;
    } catch (RuntimeException e) {
      if (!degraded) {
        degraded = true;
        LOG.log(
            Level.WARNING,
            "replay guard: primary store unavailable, using the fallback: " + e.getMessage());
      }
      return fallback.firstUse(scope, jti, expiresAt);
    }
  }
}
