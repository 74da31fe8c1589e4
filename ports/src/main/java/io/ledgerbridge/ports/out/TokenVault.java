package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.List;
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
   * Stores tokens just granted by an authorization (the OAuth callback), replacing any the binding
   * had.
   */
  void replace(String tenantId, SageTokens tokens);

  /** Forgets the binding's tokens (a disconnect); nothing happens if it had none. */
  void clear(String tenantId);

  /**
   * Takes the right to refresh the binding's tokens, across processes, until {@code until}: a
   * refresh spends the refresh token, so two at once would lose one of the rotated tokens. Taken
   * again by the same holder, it is extended.
   *
   * @return false if another holder has it and it has not expired, or the binding has no tokens
   */
  boolean claimRefresh(String tenantId, String holder, Instant until);

  /** Gives back a claim taken by {@code holder}; nothing happens if it changed hands. */
  void releaseRefresh(String tenantId, String holder);

  /**
   * Tenants whose refresh token was last rotated (or stored) before {@code before}: the ones to
   * refresh before Sage lets them expire unused (31 days).
   */
  List<String> refreshedBefore(Instant before);

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
