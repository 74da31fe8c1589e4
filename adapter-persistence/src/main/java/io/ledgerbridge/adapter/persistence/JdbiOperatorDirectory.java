package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase.AuditEntry;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import io.ledgerbridge.ports.out.OperatorDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Console accounts, sessions, API tokens, login failures and the audit log (V9). */
final class JdbiOperatorDirectory implements OperatorDirectory {
  private static final String ACCOUNT_COLUMNS =
      "username, role, tenant_id, password_hash, created_at";
  private static final RowMapper<StoredAccount> ACCOUNT =
      (rs, ctx) ->
          new StoredAccount(
              rs.getString("username"),
              Role.fromDb(rs.getString("role")),
              rs.getString("tenant_id"),
              rs.getString("password_hash"),
              Db.instant(rs, "created_at"));
  private static final RowMapper<AuditEntry> AUDIT =
      (rs, ctx) ->
          new AuditEntry(
              rs.getLong("id"),
              Db.instant(rs, "at"),
              rs.getString("actor"),
              rs.getString("action"),
              rs.getString("tenant_id"),
              rs.getString("target"),
              rs.getString("detail"));

  private final Db db;

  JdbiOperatorDirectory(Db db) {
    this.db = db;
  }

  @Override
  public boolean createAccount(StoredAccount a) {
    return db.call(
            "console.account.create",
            h ->
                h.createUpdate(
                        "INSERT INTO console_account ("
                            + ACCOUNT_COLUMNS
                            + ") VALUES"
                            + " (:u, :r, :t, :p, :c) ON CONFLICT DO NOTHING")
                    .bind("u", a.username())
                    .bind("r", a.role().db())
                    .bind("t", a.tenantId())
                    .bind("p", a.passwordHash())
                    .bindByType("c", a.createdAt(), Instant.class)
                    .execute())
        == 1;
  }

  @Override
  public Optional<StoredAccount> account(String username) {
    return db.call(
        "console.account.find",
        h ->
            h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM console_account WHERE username = :u")
                .bind("u", username)
                .map(ACCOUNT)
                .findOne());
  }

  @Override
  public List<StoredAccount> accounts() {
    return db.call(
        "console.account.list",
        h ->
            h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM console_account ORDER BY username")
                .map(ACCOUNT)
                .list());
  }

  @Override
  public boolean deleteAccount(String username) {
    return db.inTransaction(
        "console.account.delete",
        h -> {
          h.createUpdate("DELETE FROM console_session WHERE username = :u")
              .bind("u", username)
              .execute();
          h.createUpdate("DELETE FROM console_api_token WHERE username = :u")
              .bind("u", username)
              .execute();
          return h.createUpdate("DELETE FROM console_account WHERE username = :u")
                  .bind("u", username)
                  .execute()
              == 1;
        });
  }

  @Override
  public boolean updatePassword(String username, String passwordHash) {
    return db.inTransaction(
        "console.account.password",
        h -> {
          int n =
              h.createUpdate("UPDATE console_account SET password_hash = :p WHERE username = :u")
                  .bind("p", passwordHash)
                  .bind("u", username)
                  .execute();
          h.createUpdate("DELETE FROM console_session WHERE username = :u")
              .bind("u", username)
              .execute();
          return n == 1;
        });
  }

  @Override
  public void createSession(StoredSession s) {
    db.call(
        "console.session.create",
        h ->
            h.createUpdate(
                    "INSERT INTO console_session (id_hash, username, csrf_token, created_at,"
                        + " last_seen_at, expires_at) VALUES (:id, :u, :csrf, :c, :seen, :exp)")
                .bind("id", s.idHash())
                .bind("u", s.username())
                .bind("csrf", s.csrfToken())
                .bindByType("c", s.createdAt(), Instant.class)
                .bindByType("seen", s.lastSeenAt(), Instant.class)
                .bindByType("exp", s.expiresAt(), Instant.class)
                .execute());
  }

  @Override
  public Optional<StoredSession> session(String idHash) {
    return db.call(
        "console.session.find",
        h ->
            h.createQuery(
                    "SELECT id_hash, username, csrf_token, created_at, last_seen_at, expires_at"
                        + " FROM console_session WHERE id_hash = :id")
                .bind("id", idHash)
                .map(
                    (rs, ctx) ->
                        new StoredSession(
                            rs.getString("id_hash"),
                            rs.getString("username"),
                            rs.getString("csrf_token"),
                            Db.instant(rs, "created_at"),
                            Db.instant(rs, "last_seen_at"),
                            Db.instant(rs, "expires_at")))
                .findOne());
  }

  @Override
  public void touchSession(String idHash, Instant lastSeenAt, Instant expiresAt) {
    db.call(
        "console.session.touch",
        h ->
            h.createUpdate(
                    "UPDATE console_session SET last_seen_at = :seen, expires_at = :exp"
                        + " WHERE id_hash = :id")
                .bind("id", idHash)
                .bindByType("seen", lastSeenAt, Instant.class)
                .bindByType("exp", expiresAt, Instant.class)
                .execute());
  }

  @Override
  public void deleteSession(String idHash) {
    db.call(
        "console.session.delete",
        h ->
            h.createUpdate("DELETE FROM console_session WHERE id_hash = :id")
                .bind("id", idHash)
                .execute());
  }

  @Override
  public int purgeSessions(Instant now) {
    return db.call(
        "console.session.purge",
        h ->
            h.createUpdate("DELETE FROM console_session WHERE expires_at < :now")
                .bindByType("now", now, Instant.class)
                .execute());
  }

  @Override
  public void createApiToken(String tokenHash, String username, String label, Instant createdAt) {
    db.call(
        "console.token.create",
        h ->
            h.createUpdate(
                    "INSERT INTO console_api_token (token_hash, username, label, created_at)"
                        + " VALUES (:t, :u, :l, :c)")
                .bind("t", tokenHash)
                .bind("u", username)
                .bind("l", label)
                .bindByType("c", createdAt, Instant.class)
                .execute());
  }

  @Override
  public List<StoredApiToken> apiTokens(String username) {
    return db.call(
        "console.token.list",
        h ->
            h.createQuery(
                    "SELECT token_hash, username, label, created_at FROM console_api_token"
                        + " WHERE username = :u ORDER BY created_at, token_hash")
                .bind("u", username)
                .map(
                    (rs, ctx) ->
                        new StoredApiToken(
                            rs.getString("token_hash").substring(0, 12),
                            rs.getString("username"),
                            rs.getString("label"),
                            Db.instant(rs, "created_at")))
                .list());
  }

  @Override
  public boolean deleteApiToken(String username, String hashPrefix) {
    return db.call(
            "console.token.delete",
            h ->
                h.createUpdate(
                        "DELETE FROM console_api_token WHERE username = :u"
                            + " AND token_hash LIKE :prefix")
                    .bind("u", username)
                    .bind("prefix", hashPrefix + "%")
                    .execute())
        > 0;
  }

  @Override
  public Optional<String> apiTokenOwner(String tokenHash) {
    return db.call(
        "console.token.find",
        h ->
            h.createQuery("SELECT username FROM console_api_token WHERE token_hash = :t")
                .bind("t", tokenHash)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public void recordLoginFailure(String key, Instant at) {
    db.call(
        "console.login.failure",
        h ->
            h.createUpdate(
                    "INSERT INTO console_login_failure (throttle_key, failed_at) VALUES (:k, :at)")
                .bind("k", clip(key))
                .bindByType("at", at, Instant.class)
                .execute());
  }

  @Override
  public List<Instant> loginFailuresSince(String key, Instant since) {
    return db.call(
        "console.login.failures",
        h ->
            h.createQuery(
                    "SELECT failed_at FROM console_login_failure WHERE throttle_key = :k"
                        + " AND failed_at >= :since ORDER BY failed_at LIMIT 100")
                .bind("k", clip(key))
                .bindByType("since", since, Instant.class)
                .map((rs, ctx) -> Db.instant(rs, "failed_at"))
                .list());
  }

  @Override
  public void clearLoginFailures(String key, Instant before) {
    db.call(
        "console.login.clear",
        h ->
            h.createUpdate(
                    "DELETE FROM console_login_failure WHERE throttle_key = :k"
                        + " OR failed_at < :before")
                .bind("k", clip(key))
                .bindByType("before", before, Instant.class)
                .execute());
  }

  @Override
  public void appendAudit(AuditEntry e) {
    db.call(
        "console.audit.append",
        h ->
            h.createUpdate(
                    "INSERT INTO console_audit (at, actor, action, tenant_id, target, detail)"
                        + " VALUES (:at, :actor, :action, :t, :target, :detail)")
                .bindByType("at", e.at(), Instant.class)
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("t", e.tenantId())
                .bind("target", e.target())
                .bind("detail", e.detail())
                .execute());
  }

  @Override
  public List<AuditEntry> audit(String tenantId, int limit) {
    String where = tenantId == null ? "" : " WHERE tenant_id = :t";
    return db.call(
        "console.audit.list",
        h ->
            h.createQuery(
                    "SELECT id, at, actor, action, tenant_id, target, detail FROM console_audit"
                        + where
                        + " ORDER BY id DESC LIMIT :n")
                .bind("t", tenantId)
                .bind("n", Math.max(1, Math.min(limit, 1000)))
                .map(AUDIT)
                .list());
  }

  private static String clip(String key) {
    return key.length() <= 160 ? key : key.substring(0, 160);
  }
}
