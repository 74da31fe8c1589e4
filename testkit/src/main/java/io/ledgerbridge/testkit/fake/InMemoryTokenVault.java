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
  private final Map<String, java.time.Instant> refreshedAt = new HashMap<>();
  private final Map<String, Claim> claims = new HashMap<>();
  private Runnable beforeNextRotate;
  private java.time.Clock clock = java.time.Clock.systemUTC();

  private record Claim(String holder, java.time.Instant until) {}

  /** The clock that stamps rotations and judges claims. */
  public synchronized InMemoryTokenVault withClock(java.time.Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  @Override
  public synchronized Optional<SageTokens> tokens(String tenantId) {
    return Optional.ofNullable(tokens.get(tenantId));
  }

  @Override
  public synchronized void initialise(String tenantId, String refreshToken) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    tokens.put(tenantId, new SageTokens(refreshToken, null, null));
    refreshedAt.put(tenantId, clock.instant());
  }

  @Override
  public synchronized void replace(String tenantId, SageTokens value) {
    Objects.requireNonNull(value.refreshToken(), "refreshToken");
    tokens.put(tenantId, value);
    refreshedAt.put(tenantId, clock.instant());
  }

  @Override
  public synchronized void clear(String tenantId) {
    tokens.remove(tenantId);
    refreshedAt.remove(tenantId);
    claims.remove(tenantId);
  }

  @Override
  public synchronized boolean claimRefresh(
      String tenantId, String holder, java.time.Instant until) {
    if (!tokens.containsKey(tenantId)) {
      return false;
    }
    Claim c = claims.get(tenantId);
    if (c != null && !c.holder().equals(holder) && c.until().isAfter(clock.instant())) {
      return false;
    }
    claims.put(tenantId, new Claim(holder, until));
    return true;
  }

  @Override
  public synchronized void releaseRefresh(String tenantId, String holder) {
    Claim c = claims.get(tenantId);
    if (c != null && c.holder().equals(holder)) {
      claims.remove(tenantId);
    }
  }

  @Override
  public synchronized List<String> refreshedBefore(java.time.Instant before) {
    return refreshedAt.entrySet().stream()
        .filter(e -> e.getValue().isBefore(before))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
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
      refreshedAt.put(tenantId, clock.instant());
      rotations.add(next);
      return true;
    }
  }

  /** Stores tokens directly, as another process (or a test's setup) would. */
  public synchronized void put(String tenantId, SageTokens value) {
    tokens.put(tenantId, value);
    refreshedAt.putIfAbsent(tenantId, clock.instant());
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
