package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.TokenVault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sage tokens, encrypted, in {@code sage_tokens}. The ciphertext differs on every write, so the
 * compare-and-set of {@link #rotate} compares the decrypted refresh token in memory and then
 * updates on the row's {@code version}.
 */
final class JdbiTokenVault implements TokenVault {
  private final Db db;
  private final SecretCipher cipher;

  JdbiTokenVault(Db db, SecretCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  private record Row(long version, SageTokens tokens) {}

  private static String aad(String tenantId, String column) {
    return "sage_tokens/" + tenantId + "/" + column;
  }

  private Optional<Row> row(String tenantId) {
    return db.call(
        "tokens.read",
        h ->
            h.createQuery(
                    "SELECT version, refresh_token_enc, access_token_enc, access_expires_at"
                        + " FROM sage_tokens WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map(
                    (rs, ctx) -> {
                      String access = rs.getString("access_token_enc");
                      return new Row(
                          rs.getLong("version"),
                          new SageTokens(
                              cipher.decrypt(
                                  rs.getString("refresh_token_enc"), aad(tenantId, "refresh")),
                              access == null
                                  ? null
                                  : cipher.decrypt(access, aad(tenantId, "access")),
                              Db.instant(rs, "access_expires_at")));
                    })
                .findOne());
  }

  @Override
  public Optional<SageTokens> tokens(String tenantId) {
    return row(tenantId).map(Row::tokens);
  }

  @Override
  public void initialise(String tenantId, String refreshToken) {
    Objects.requireNonNull(refreshToken, "refreshToken");
    SageTokens first = new SageTokens(refreshToken, null, null);
    for (int i = 0; i < 10; i++) {
      if (overwrite(tenantId, first) > 0) {
        return;
      }
      Instant now = db.now();
      int inserted =
          db.call(
              "tokens.initialise",
              h ->
                  h.createUpdate(
                          "INSERT INTO sage_tokens (tenant_id, refresh_token_enc, access_token_enc,"
                              + " access_expires_at, version, updated_at)"
                              + " VALUES (:t, :r, NULL, NULL, 0, :now) ON CONFLICT DO NOTHING")
                      .bind("t", tenantId)
                      .bind("r", cipher.encrypt(refreshToken, aad(tenantId, "refresh")))
                      .bindByType("now", now, Instant.class)
                      .execute());
      if (inserted > 0) {
        return;
      }
    }
    throw new IllegalStateException("could not initialise the tokens of tenant " + tenantId);
  }

  @Override
  public void replace(String tenantId, SageTokens tokens) {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(tokens.refreshToken(), "tokens.refreshToken");
    for (int i = 0; i < 10; i++) {
      if (overwrite(tenantId, tokens) > 0) {
        return;
      }
      Instant now = db.now();
      String access =
          tokens.accessToken() == null
              ? null
              : cipher.encrypt(tokens.accessToken(), aad(tenantId, "access"));
      int inserted =
          db.call(
              "tokens.replace",
              h ->
                  h.createUpdate(
                          "INSERT INTO sage_tokens (tenant_id, refresh_token_enc, access_token_enc,"
                              + " access_expires_at, version, updated_at)"
                              + " VALUES (:t, :r, :a, :exp, 0, :now) ON CONFLICT DO NOTHING")
                      .bind("t", tenantId)
                      .bind("r", cipher.encrypt(tokens.refreshToken(), aad(tenantId, "refresh")))
                      .bindByType("a", access, String.class)
                      .bindByType("exp", tokens.accessExpiresAt(), Instant.class)
                      .bindByType("now", now, Instant.class)
                      .execute());
      if (inserted > 0) {
        return;
      }
    }
    throw new IllegalStateException("could not store the tokens of tenant " + tenantId);
  }

  @Override
  public void clear(String tenantId) {
    db.call(
        "tokens.clear",
        h ->
            h.createUpdate("DELETE FROM sage_tokens WHERE tenant_id = :t")
                .bind("t", tenantId)
                .execute());
  }

  @Override
  public boolean claimRefresh(String tenantId, String holder, Instant until) {
    Objects.requireNonNull(holder, "holder");
    Instant now = db.now();
    return db.call(
            "tokens.claim_refresh",
            h ->
                h.createUpdate(
                        "UPDATE sage_tokens SET refresh_holder = :holder,"
                            + " refresh_held_until = :until WHERE tenant_id = :t"
                            + " AND (refresh_holder IS NULL OR refresh_holder = :holder"
                            + " OR refresh_held_until IS NULL OR refresh_held_until <= :now)")
                    .bind("t", tenantId)
                    .bind("holder", holder)
                    .bindByType("until", until, Instant.class)
                    .bindByType("now", now, Instant.class)
                    .execute())
        == 1;
  }

  @Override
  public void releaseRefresh(String tenantId, String holder) {
    db.call(
        "tokens.release_refresh",
        h ->
            h.createUpdate(
                    "UPDATE sage_tokens SET refresh_holder = NULL, refresh_held_until = NULL"
                        + " WHERE tenant_id = :t AND refresh_holder = :holder")
                .bind("t", tenantId)
                .bind("holder", holder)
                .execute());
  }

  @Override
  public List<String> refreshedBefore(Instant before) {
    return db.call(
        "tokens.refreshed_before",
        h ->
            h.createQuery(
                    "SELECT tenant_id FROM sage_tokens WHERE updated_at < :before"
                        + " ORDER BY tenant_id")
                .bindByType("before", before, Instant.class)
                .mapTo(String.class)
                .list());
  }

  private int overwrite(String tenantId, SageTokens next) {
    return update(tenantId, null, next);
  }

  /** Writes {@code next}; with {@code expectedVersion} only if the row still has that version. */
  private int update(String tenantId, Long expectedVersion, SageTokens next) {
    Instant now = db.now();
    String access =
        next.accessToken() == null
            ? null
            : cipher.encrypt(next.accessToken(), aad(tenantId, "access"));
    return db.call(
        "tokens.write",
        h -> {
          var update =
              h.createUpdate(
                      "UPDATE sage_tokens SET refresh_token_enc = :r, access_token_enc = :a,"
                          + " access_expires_at = :exp, version = version + 1, updated_at = :now"
                          + " WHERE tenant_id = :t"
                          + (expectedVersion == null ? "" : " AND version = :v"))
                  .bind("t", tenantId)
                  .bind("r", cipher.encrypt(next.refreshToken(), aad(tenantId, "refresh")))
                  .bindByType("a", access, String.class)
                  .bindByType("exp", next.accessExpiresAt(), Instant.class)
                  .bindByType("now", now, Instant.class);
          if (expectedVersion != null) {
            update.bind("v", expectedVersion.longValue());
          }
          return update.execute();
        });
  }

  @Override
  public boolean rotate(String tenantId, String expectedRefreshToken, SageTokens next) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(next.refreshToken(), "next.refreshToken");
    Optional<Row> current = row(tenantId);
    if (current.isEmpty() || expectedRefreshToken == null) {
      return false;
    }
    boolean same =
        MessageDigest.isEqual(
            current.get().tokens().refreshToken().getBytes(StandardCharsets.UTF_8),
            expectedRefreshToken.getBytes(StandardCharsets.UTF_8));
    return same && update(tenantId, current.get().version(), next) == 1;
  }
}
