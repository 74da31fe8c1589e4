package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.out.TokenVault;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Tokens in a map; rotation is compare-and-set under the monitor. */
public final class InMemoryTokenVault implements TokenVault {
  private final Map<String, SageTokens> tokens = new HashMap<>();

  @Override
  public synchronized Optional<SageTokens> tokens(String tenantId) {
    return Optional.ofNullable(tokens.get(tenantId));
  }

  @Override
  public synchronized void initialise(String tenantId, String refreshToken) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    tokens.put(tenantId, new SageTokens(refreshToken, null, null));
  }

  @Override
  public synchronized boolean rotate(String tenantId, String expectedRefreshToken, SageTokens next) {
    Objects.requireNonNull(next, "next");
    SageTokens current = tokens.get(tenantId);
    if (current == null || !current.refreshToken().equals(expectedRefreshToken)) {
      return false;
    }
    tokens.put(tenantId, next);
    return true;
  }
}
