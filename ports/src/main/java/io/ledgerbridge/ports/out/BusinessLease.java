package io.ledgerbridge.ports.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Mutual exclusion per Sage business across processes: Sage asks for no parallel POSTs of contacts
 * and numbered documents for one business. A lease expires by itself, so a holder that dies does
 * not block the business forever; release and renew check the holder's token.
 */
public interface BusinessLease {

  /** Takes the lease if nobody holds it. */
  Optional<Lease> tryAcquire(String businessId, Duration ttl);

  /** Extends a lease still held; false if it expired or another holder has it now. */
  boolean renew(Lease lease, Duration ttl);

  /** Releases a lease still held; false if it had already expired or changed hands. */
  boolean release(Lease lease);

  /** A held lease: the business and the holder's random token. */
  record Lease(String businessId, String token) {
    public Lease {
      Objects.requireNonNull(businessId, "businessId");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Lease[" + businessId + "]";
    }
  }
}
