package io.ledgerbridge.ports.out;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase.AuditEntry;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where console accounts, sessions, API tokens, login failures and the audit log are kept. Sessions
 * and API tokens are looked up by the SHA-256 of their value: the values themselves are never
 * stored.
 */
public interface OperatorDirectory {

  /** An account with its password hash (an encoded Argon2id string). */
  record StoredAccount(
      String username, Role role, String tenantId, String passwordHash, Instant createdAt) {}

  /** A session row. */
  record StoredSession(
      String idHash,
      String username,
      String csrfToken,
      Instant createdAt,
      Instant lastSeenAt,
      Instant expiresAt) {}

  /**
   * @return false when the username is taken
   */
  boolean createAccount(StoredAccount account);

  Optional<StoredAccount> account(String username);

  List<StoredAccount> accounts();

  /** Deletes the account, its sessions and its API tokens; false when there was none. */
  boolean deleteAccount(String username);

  /** Sets the password hash and deletes the account's sessions; false when there was none. */
  boolean updatePassword(String username, String passwordHash);

  void createSession(StoredSession session);

  Optional<StoredSession> session(String idHash);

  /** Moves a session's last-seen time and expiry. */
  void touchSession(String idHash, Instant lastSeenAt, Instant expiresAt);

  void deleteSession(String idHash);

  /** Deletes sessions that expired before {@code now}; returns how many. */
  int purgeSessions(Instant now);

  void createApiToken(String tokenHash, String username, String label, Instant createdAt);

  /**
   * An API token as listed: the first 12 hex digits of its hash name it; the value is never kept.
   */
  record StoredApiToken(String hashPrefix, String username, String label, Instant createdAt) {}

  /** The API tokens of an account, oldest first. */
  List<StoredApiToken> apiTokens(String username);

  /** Deletes the account's API token whose hash starts with {@code hashPrefix}; false if none. */
  boolean deleteApiToken(String username, String hashPrefix);

  /** The username owning the API token. */
  Optional<String> apiTokenOwner(String tokenHash);

  /** Records one failed login under {@code key} (a username or a remote address). */
  void recordLoginFailure(String key, Instant at);

  /** Failed logins under {@code key} since {@code since}, with the oldest of them. */
  List<Instant> loginFailuresSince(String key, Instant since);

  /**
   * Forgets {@code key}'s failures (after a successful login) and every one before {@code before}.
   */
  void clearLoginFailures(String key, Instant before);

  void appendAudit(AuditEntry entry);

  /** Newest first; {@code tenantId} null lists every entry. */
  List<AuditEntry> audit(String tenantId, int limit);
}
