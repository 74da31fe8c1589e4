package io.ledgerbridge.adapter.persistence;

import com.google.common.hash.Hashing;
import io.ledgerbridge.ports.out.ReplayGuard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Single-use token ids in {@code replay_guard}, stored as SHA-256 hashes. First use inserts; a
 * remembered id whose expiry has passed (by the adapter clock) may be taken again.
 */
final class JdbiReplayGuard implements ReplayGuard {
  private final Db db;

  JdbiReplayGuard(Db db) {
    this.db = db;
  }

  static String hash(String jti) {
    return Hashing.sha256().hashString(jti, StandardCharsets.UTF_8).toString();
  }

  @Override
  public boolean firstUse(String scope, String jti, Instant expiresAt) {
    String h = hash(jti);
    Instant now = db.now();
    return db.call(
        "replay_guard.first_use",
        handle -> {
          int inserted =
              handle
                  .createUpdate(
                      "INSERT INTO replay_guard (scope, jti_hash, expires_at)"
                          + " VALUES (:scope, :h, :exp) ON CONFLICT DO NOTHING")
                  .bind("scope", scope)
                  .bind("h", h)
                  .bindByType("exp", expiresAt, Instant.class)
                  .execute();
          if (inserted == 1) {
            return true;
          }
          return handle
                  .createUpdate(
                      "UPDATE replay_guard SET expires_at = :exp"
                          + " WHERE scope = :scope AND jti_hash = :h AND expires_at <= :now")
                  .bind("scope", scope)
                  .bind("h", h)
                  .bindByType("exp", expiresAt, Instant.class)
                  .bindByType("now", now, Instant.class)
                  .execute()
              == 1;
        });
  }

  /**
   * Forgets up to {@code batch} ids that have expired, in one short statement; returns how many.
   */
  int purgeExpired(int batch) {
    Instant now = db.now();
    return db.call(
        "replay_guard.purge",
        h ->
            h.createUpdate(
                    "DELETE FROM replay_guard WHERE (scope, jti_hash) IN (SELECT scope, jti_hash"
                        + " FROM replay_guard WHERE expires_at <= :now LIMIT :batch)")
                .bindByType("now", now, Instant.class)
                .bind("batch", batch)
                .execute());
  }

  /** Forgets every id that has expired; returns how many. */
  int purgeExpired() {
    Instant now = db.now();
    return db.call(
        "replay_guard.purge",
        h ->
            h.createUpdate("DELETE FROM replay_guard WHERE expires_at <= :now")
                .bindByType("now", now, Instant.class)
                .execute());
  }
}
