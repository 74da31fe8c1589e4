package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.BusinessLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Business leases inside one process, for the embedded default where every worker shares a JVM.
 * Processes that share work across machines use the Redis or database implementation instead.
 */
public final class LocalBusinessLease implements BusinessLease {
  private final Clock clock;
  private final Map<String, Held> held = new HashMap<>();

  private record Held(String token, Instant until) {}

  public LocalBusinessLease(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Lease> tryAcquire(String businessId, Duration ttl) {
    Instant now = clock.instant();
    Held h = held.get(businessId);
    if (h != null && h.until().isAfter(now)) {
      return Optional.empty();
    }
    String token = UUID.randomUUID().toString();
    held.put(businessId, new Held(token, now.plus(ttl)));
    return Optional.of(new Lease(businessId, token));
  }

  @Override
  public synchronized boolean renew(Lease lease, Duration ttl) {
    Instant now = clock.instant();
    Held h = held.get(lease.businessId());
    if (h == null || !h.token().equals(lease.token()) || !h.until().isAfter(now)) {
      return false;
    }
    held.put(lease.businessId(), new Held(h.token(), now.plus(ttl)));
    return true;
  }

  @Override
  public synchronized boolean release(Lease lease) {
    Held h = held.get(lease.businessId());
    if (h == null || !h.token().equals(lease.token())) {
      return false;
    }
    held.remove(lease.businessId());
    return h.until().isAfter(clock.instant());
  }
}
