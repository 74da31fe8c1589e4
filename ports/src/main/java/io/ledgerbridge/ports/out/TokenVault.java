package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.Optional;

/**
 * The Sage OAuth tokens of each binding, encrypted at rest. The refresh token rotates on every use,
 * so replacing it is a compare-and-set: a process that lost the race re-reads instead of using a
 * token that is already spent.
 */
public interface TokenVault {

  Optional<SageTokens> tokens(String tenantId);

  /** Stores the first refresh token of a binding (no access token yet). */
  void initialise(String tenantId, String refreshToken);

  /**
   * Replaces the tokens only if the stored refresh token still equals {@code expectedRefreshToken}.
   *
   * @return false if another process rotated first
   */
  boolean rotate(String tenantId, String expectedRefreshToken, SageTokens next);

  /** Tokens of one binding. {@code accessToken} and {@code accessExpiresAt} may be null. */
  record SageTokens(String refreshToken, String accessToken, Instant accessExpiresAt) {
    @Override
    public String toString() {
      return "SageTokens[redacted, accessExpiresAt=" + accessExpiresAt + "]";
    }
  }
}
