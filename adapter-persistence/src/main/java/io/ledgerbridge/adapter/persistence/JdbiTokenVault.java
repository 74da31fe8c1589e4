package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.TokenVault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
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
