package io.ledgerbridge.ports.out;

import java.time.Instant;

/** Single-use token ids (JWT {@code jti}). */
public interface ReplayGuard {
  /**
   * Remembers {@code jti} until {@code expiresAt}.
   *
   * @return true the first time, false if it was already seen and has not expired
   */
  boolean firstUse(String scope, String jti, Instant expiresAt);
}
