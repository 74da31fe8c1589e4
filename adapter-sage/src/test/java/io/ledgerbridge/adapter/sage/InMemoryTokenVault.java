package io.ledgerbridge.adapter.sage;

import io.ledgerbridge.ports.out.TokenVault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token vault in memory with a compare-and-set rotate. {@link #beforeNextRotate} lets a test play
 * "another process rotated first" right before this process's compare-and-set.
 */
final class InMemoryTokenVault implements TokenVault {
  private final Map<String, SageTokens> tokens = new ConcurrentHashMap<>();
  private final List<SageTokens> rotations = new ArrayList<>();
  private Runnable beforeNextRotate;

  @Override
  public Optional<SageTokens> tokens(String tenantId) {
    return Optional.ofNullable(tokens.get(tenantId));
  }

  @Override
  public void initialise(String tenantId, String refreshToken) {
    tokens.put(tenantId, new SageTokens(refreshToken, null, null));
  }

  @Override
  public synchronized boolean rotate(
      String tenantId, String expectedRefreshToken, SageTokens next) {
    if (beforeNextRotate != null) {
      Runnable hook = beforeNextRotate;
      beforeNextRotate = null;
      hook.run();
    }
    SageTokens current = tokens.get(tenantId);
    if (current == null || !Objects.equals(current.refreshToken(), expectedRefreshToken)) {
      return false;
    }
    tokens.put(tenantId, next);
    rotations.add(next);
    return true;
  }

  /** Stores tokens directly, as another process (or a test's setup) would. */
  void put(String tenantId, SageTokens value) {
    tokens.put(tenantId, value);
  }

  synchronized void beforeNextRotate(Runnable hook) {
    this.beforeNextRotate = hook;
  }

  /** Successful rotations made through {@link #rotate}, in order. */
  synchronized List<SageTokens> rotations() {
    return List.copyOf(rotations);
  }
}
