package io.ledgerbridge.ports.fake;

import io.ledgerbridge.ports.out.BusinessLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Leases in a map, expiring by the given clock. */
public final class InMemoryBusinessLease implements BusinessLease {
  private final Clock clock;
  private final Map<String, Held> held = new HashMap<>();

  private record Held(String token, Instant until) {}

  public InMemoryBusinessLease(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Lease> tryAcquire(String businessId, Duration ttl) {
    Instant now = clock.instant();
    Held current = held.get(businessId);
    if (current != null && current.until().isAfter(now)) {
      return Optional.empty();
    }
    String token = UUID.randomUUID().toString();
    held.put(businessId, new Held(token, now.plus(ttl)));
    return Optional.of(new Lease(businessId, token));
  }

  @Override
  public synchronized boolean renew(Lease lease, Duration ttl) {
    Instant now = clock.instant();
    if (!holds(lease, now)) {
      return false;
    }
    held.put(lease.businessId(), new Held(lease.token(), now.plus(ttl)));
    return true;
  }

  @Override
  public synchronized boolean release(Lease lease) {
    if (!holds(lease, clock.instant())) {
      return false;
    }
    held.remove(lease.businessId());
    return true;
  }

  private boolean holds(Lease lease, Instant now) {
    Held current = held.get(lease.businessId());
    return current != null && current.token().equals(lease.token()) && current.until().isAfter(now);
  }
}
