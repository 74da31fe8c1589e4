package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.BusinessLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Per-business leases in {@code business_leases}, timed by the adapter clock (so every process
 * sharing the database needs a synchronised clock). Acquiring inserts the row ({@code ON CONFLICT
 * DO NOTHING}) or takes over an expired one with a conditional UPDATE; both are single atomic
 * statements, so of two racing acquirers exactly one sees an update count of 1. Renew and release
 * match the holder's token and an unexpired lease. Every call runs on its own auto-committed
 * connection, never inside the caller's transaction: a lease must be visible to other processes at
 * once.
 */
final class JdbiBusinessLease implements BusinessLease {
  static final int MAX_BUSINESS_ID = 64;

  private final Db db;

  JdbiBusinessLease(Db db) {
    this.db = db;
  }

  @Override
  public Optional<Lease> tryAcquire(String businessId, Duration ttl) {
    check(businessId, ttl);
    String token = UUID.randomUUID().toString();
    Instant now = db.now();
    Instant expires = now.plus(ttl);
    boolean won =
        autoCommit(
            "lease.acquire",
            h -> {
              // a row released between the two statements is retried once by the second insert
              return insert(h, businessId, token, expires)
                  || takeOver(h, businessId, token, now, expires)
                  || insert(h, businessId, token, expires);
            });
    return won ? Optional.of(new Lease(businessId, token)) : Optional.empty();
  }

  private static boolean insert(Handle h, String businessId, String token, Instant expires) {
    return h.createUpdate(
                "INSERT INTO business_leases (business_id, token, expires_at)"
                    + " VALUES (:b, :t, :exp) ON CONFLICT DO NOTHING")
            .bind("b", businessId)
            .bind("t", token)
            .bindByType("exp", expires, Instant.class)
            .execute()
        == 1;
  }

  private static boolean takeOver(
      Handle h, String businessId, String token, Instant now, Instant expires) {
    return h.createUpdate(
                "UPDATE business_leases SET token = :t, expires_at = :exp"
                    + " WHERE business_id = :b AND expires_at <= :now")
            .bind("b", businessId)
            .bind("t", token)
            .bindByType("exp", expires, Instant.class)
            .bindByType("now", now, Instant.class)
            .execute()
        == 1;
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    check(lease.businessId(), ttl);
    Instant now = db.now();
    return autoCommit(
        "lease.renew",
        h ->
            h.createUpdate(
                        "UPDATE business_leases SET expires_at = :exp"
                            + " WHERE business_id = :b AND token = :t AND expires_at > :now")
                    .bind("b", lease.businessId())
                    .bind("t", lease.token())
                    .bindByType("exp", now.plus(ttl), Instant.class)
                    .bindByType("now", now, Instant.class)
                    .execute()
                == 1);
  }

  @Override
  public boolean release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    Instant now = db.now();
    return autoCommit(
        "lease.release",
        h ->
            h.createUpdate(
                        "DELETE FROM business_leases"
                            + " WHERE business_id = :b AND token = :t AND expires_at > :now")
                    .bind("b", lease.businessId())
                    .bind("t", lease.token())
                    .bindByType("now", now, Instant.class)
                    .execute()
                == 1);
  }

  /**
   * Deletes up to {@code batch} leases that expired and were never taken over; returns how many.
   */
  int purgeExpired(int batch) {
    Instant now = db.now();
    return autoCommit(
        "lease.purge",
        h ->
            h.createUpdate(
                    "DELETE FROM business_leases WHERE business_id IN (SELECT business_id FROM"
                        + " business_leases WHERE expires_at <= :now LIMIT :batch)")
                .bindByType("now", now, Instant.class)
                .bind("batch", batch)
                .execute());
  }

  private <T> T autoCommit(String operation, Db.Work<T> work) {
    try (Handle h = db.jdbi.open()) {
      return work.apply(h);
    } catch (JdbiException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  private static void check(String businessId, Duration ttl) {
    Objects.requireNonNull(businessId, "businessId");
    Objects.requireNonNull(ttl, "ttl");
    if (businessId.isEmpty() || businessId.length() > MAX_BUSINESS_ID) {
      throw new IllegalArgumentException("businessId must have 1 to 64 characters");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
  }
}
