package io.ledgerbridge.ports.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the console and the admin API: operator accounts with passwords (hashed), sessions
 * kept in the database so several web processes share them, login throttling, API tokens for
 * automation, and the audit log of every action.
 *
 * <p>Two roles: an {@link Role#OPERATOR} sees and acts on every binding; a {@link Role#MERCHANT} is
 * scoped to one tenant and sees only its runs, settings and binding (anything else is "not found"
 * to it).
 */
public interface ConsoleAccessUseCase {

  /** Signs in; never says whether the user exists. */
  LoginResult login(String username, String password, String remoteAddress);

  /**
   * The signed-in principal of a session token (the cookie's value), extending the session's idle
   * timeout; empty when the token is unknown, expired, or its account was removed.
   */
  Optional<Principal> session(String sessionToken);

  /** Ends the session (idempotent). */
  void logout(String sessionToken);

  /** The principal of an API token ({@code Authorization: Bearer}); empty when unknown. */
  Optional<Principal> apiToken(String token);

  /** Records what a principal did (who retried, requeued, changed a setting, disconnected). */
  void audit(Principal actor, String action, String tenantId, String target, String detail);

  /** The newest audit entries first, at most {@code limit}, only those a principal may see. */
  List<AuditEntry> auditLog(Principal viewer, int limit);

  // --- account administration (the CLI) ---

  /**
   * @throws IllegalArgumentException with a one-line reason (taken name, weak password, merchant
   *     without a tenant, operator with one)
   */
  Account addUser(String username, Role role, String tenantId, String password);

  List<Account> users();

  /** Removes the account with its sessions and API tokens; false when there was none. */
  boolean removeUser(String username);

  /**
   * Sets a new password and ends every session of the account.
   *
   * @throws IllegalArgumentException unknown user or weak password
   */
  void changePassword(String username, String password);

  /**
   * Makes an API token for the account (shown once, stored only as a hash), scoped like the user.
   *
   * @throws IllegalArgumentException unknown user
   */
  String createApiToken(String username, String label);

  /** An account's API tokens (never their values): id, label, creation time. */
  List<ApiToken> apiTokens(String username);

  /**
   * Revokes one API token of an account by its id (as {@link #apiTokens} lists it).
   *
   * @return false when the account has no such token
   */
  boolean revokeApiToken(String username, String tokenId);

  /** An API token as listed: {@code id} is the first 12 hex digits of the token's SHA-256. */
  record ApiToken(String id, String label, Instant createdAt) {}

  /** The roles. */
  enum Role {
    OPERATOR("operator"),
    MERCHANT("merchant");

    private final String db;

    Role(String db) {
      this.db = db;
    }

    public String db() {
      return db;
    }

    public static Role fromDb(String value) {
      for (Role r : values()) {
        if (r.db.equalsIgnoreCase(value)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "unknown role '" + value + "' (valid: operator, merchant)");
    }
  }

  /**
   * Someone signed in (or an API token's owner).
   *
   * @param tenantId the one tenant of a merchant; null for an operator
   * @param csrfToken the session's anti-forgery token; null for API tokens (no cookie, no forgery)
   */
  record Principal(String username, Role role, String tenantId, String csrfToken) {
    public Principal {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(role, "role");
    }

    /** Whether this principal may see and act on {@code tenant}'s data. */
    public boolean sees(String tenant) {
      return role == Role.OPERATOR || (tenant != null && tenant.equals(tenantId));
    }

    public boolean operator() {
      return role == Role.OPERATOR;
    }
  }

  /** An account as listed (never its password hash). */
  record Account(String username, Role role, String tenantId, Instant createdAt) {}

  /** One audited action. */
  record AuditEntry(
      long id,
      Instant at,
      String actor,
      String action,
      String tenantId,
      String target,
      String detail) {}

  /** The outcome of a login. */
  sealed interface LoginResult permits SignedIn, Refused, Throttled {}

  /**
   * @param sessionToken the cookie's value (only its hash is stored)
   */
  record SignedIn(String sessionToken, Principal principal, Duration idleTimeout)
      implements LoginResult {}

  /** Wrong user or password (never which). */
  record Refused() implements LoginResult {}

  /** Too many failures lately; try again after {@code retryAfter}. */
  record Throttled(Duration retryAfter) implements LoginResult {}
}
