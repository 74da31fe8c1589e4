package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.TokenVault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens in a map; rotation is compare-and-set under the monitor. {@link #beforeNextRotate} lets a
 * test play "another process rotated first" right before this process's compare-and-set.
 */
public final class InMemoryTokenVault implements TokenVault {
  private final Map<String, SageTokens> tokens = new HashMap<>();
  private final List<SageTokens> rotations = new ArrayList<>();
  private Runnable beforeNextRotate;

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
  public boolean rotate(String tenantId, String expectedRefreshToken, SageTokens next) {
    Objects.requireNonNull(next, "next");
    Runnable hook;
    synchronized (this) {
      hook = beforeNextRotate;
      beforeNextRotate = null;
    }
    if (hook != null) {
      hook.run();
    }
    synchronized (this) {
      SageTokens current = tokens.get(tenantId);
      if (current == null || !current.refreshToken().equals(expectedRefreshToken)) {
        return false;
      }
      tokens.put(tenantId, next);
      rotations.add(next);
      return true;
    }
  }

  /** Stores tokens directly, as another process (or a test's setup) would. */
  public synchronized void put(String tenantId, SageTokens value) {
    tokens.put(tenantId, value);
  }

  /** Runs {@code hook} once, at the start of the next {@link #rotate}. */
  public synchronized void beforeNextRotate(Runnable hook) {
    this.beforeNextRotate = hook;
  }

  /** Successful rotations made through {@link #rotate}, in order. */
  public synchronized List<SageTokens> rotations() {
    return List.copyOf(rotations);
  }
}
