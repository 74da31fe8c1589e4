package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ConnectionRevokedException;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out Sage access tokens (SAGE §1.3–§1.4). The vault is the cache: its access token is used
 * while it has more than {@link #EXPIRY_MARGIN} left. Otherwise the refresh-token grant runs, and
 * the rotated refresh token is persisted with a compare-and-set; a process that loses the race
 * re-reads the vault instead of keeping a token that may already be spent. Refreshes of one tenant
 * are serialised in this process by a lock per tenant and across processes by a claim in the vault
 * ({@link TokenVault#claimRefresh}): a refresh spends the refresh token, so a second one at the
 * same time would be refused and could look like a revocation. A refresh Sage refuses with {@code
 * invalid_grant}, while the vault still holds the refused token, is a {@link
 * ConnectionRevokedException}.
 */
final class SageTokenManager {
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
  private static final int MAX_ROUNDS = 3;

  /** How long a refresh claim lasts: longer than a token request can take (connect + read). */
  static final Duration CLAIM_TTL = Duration.ofSeconds(60);

  /** How long a process waits for another one's refresh before giving up for now (transient). */
  static final Duration CLAIM_WAIT = Duration.ofSeconds(45);

  static final Duration CLAIM_POLL = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(SageTokenManager.class);

  private final TokenVault vault;
  private final TokenEndpoint endpoint;
  private final Clock clock;
  private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** This manager's name on refresh claims (one per process, in practice). */
  private final String holder = java.util.UUID.randomUUID().toString();

  SageTokenManager(TokenVault vault, SageHttp http, Clock clock, ObjectMapper json) {
    this.vault = Objects.requireNonNull(vault, "vault");
    this.endpoint = new TokenEndpoint(http, clock, json);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A usable access token for the connection's tenant.
   *
   * @param rejected an access token Sage just answered 401 to, never to be handed out again; null
   *     on a first attempt
   * @throws ConnectionRevokedException if Sage refused the binding's refresh token and no other
   *     process rotated it: the binding must be connected to Sage again
   */
  String accessToken(SageConnection sage, String rejected) {
    String tenant = sage.tenantId();
    ReentrantLock lock = locks.computeIfAbsent(tenant, t -> new ReentrantLock());
    lock.lock();
    try {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        SageTokens stored = stored(tenant);
        if (usable(stored, rejected)) {
          return stored.accessToken();
        }
        if (!claim(tenant)) {
          // another process is refreshing: its rotated tokens appear in the vault
          SageTokens theirs = awaitOtherRefresh(tenant, stored, rejected);
          if (theirs != null) {
            return theirs.accessToken();
          }
          continue;
        }
        try {
          // under the claim, the vault is the truth: another process may have rotated just before
          stored = stored(tenant);
          if (usable(stored, rejected)) {
            return stored.accessToken();
          }
          SageTokens next;
          try {
            next = refresh(sage, stored.refreshToken());
          } catch (InvalidGrant e) {
            SageTokens now = vault.tokens(tenant).orElse(null);
            if (now != null && !Objects.equals(now.refreshToken(), stored.refreshToken())) {
              LOG.debug(
                  "Sage refresh token of tenant {} was rotated elsewhere; re-reading", tenant);
              continue;
            }
            throw e.revoked;
          }
          // the rotated refresh token is persisted before the new access token is used
          if (vault.rotate(tenant, stored.refreshToken(), next)) {
            LOG.debug("Sage tokens of tenant {} rotated", tenant);
            return next.accessToken();
          }
          LOG.debug("Sage token rotation of tenant {} lost to another process; re-reading", tenant);
        } finally {
          vault.releaseRefresh(tenant, holder);
        }
      }
      throw SageErrors.transientError(
          SageOperation.REFRESH_TOKEN,
          0,
          null,
          ErrorClass.AUTH,
          "Sage token rotation for tenant "
              + tenant
              + " did not settle after "
              + MAX_ROUNDS
              + " rounds (concurrent refreshes)",
          null);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refreshes the tenant's tokens now, even if its access token is still valid (unless another
   * process refreshed them meanwhile), so an idle refresh token does not expire.
   */
  void refreshNow(SageConnection sage) {
    SageTokens stored = stored(sage.tenantId());
    accessToken(sage, stored.accessToken() == null ? "" : stored.accessToken());
  }

  private boolean claim(String tenant) {
    return vault.claimRefresh(tenant, holder, clock.instant().plus(CLAIM_TTL));
  }

  /**
   * Waits for another process's refresh: its rotated tokens, once usable; null when its claim is
   * gone without a usable token (it failed; this process may claim now).
   */
  private SageTokens awaitOtherRefresh(String tenant, SageTokens seen, String rejected) {
    long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(CLAIM_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      SageTokens now = stored(tenant);
      if (!Objects.equals(now.refreshToken(), seen.refreshToken()) && usable(now, rejected)) {
        return now;
      }
      if (claim(tenant)) {
        vault.releaseRefresh(tenant, holder);
        return null;
      }
    }
    throw SageErrors.transientError(
        SageOperation.REFRESH_TOKEN,
        0,
        null,
        ErrorClass.AUTH,
        "another process has been refreshing the Sage tokens of tenant "
            + tenant
            + " for over "
            + CLAIM_WAIT.toSeconds()
            + " s",
        null);
  }

  private SageTokens stored(String tenant) {
    SageTokens tokens = vault.tokens(tenant).orElse(null);
    if (tokens == null || tokens.refreshToken() == null || tokens.refreshToken().isEmpty()) {
      throw SageErrors.permanent(
          SageOperation.REFRESH_TOKEN,
          0,
          null,
          ErrorClass.AUTH,
          "no Sage tokens stored for tenant " + tenant + ": connect the binding to Sage",
          null);
    }
    return tokens;
  }

  private boolean usable(SageTokens tokens, String rejected) {
    return tokens.accessToken() != null
        && tokens.accessExpiresAt() != null
        && !tokens.accessToken().equals(rejected)
        && clock.instant().isBefore(tokens.accessExpiresAt().minus(EXPIRY_MARGIN));
  }

  /** The refresh-token grant; returns the next tokens (not yet persisted). */
  private SageTokens refresh(SageConnection sage, String refreshToken) throws InvalidGrant {
    SageOperation op = SageOperation.REFRESH_TOKEN;
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", Objects.requireNonNull(sage.clientId(), "clientId"));
    form.put("client_secret", Objects.requireNonNull(sage.clientSecret(), "clientSecret"));
    TokenEndpoint.Reply reply =
        endpoint.post(op, Objects.requireNonNull(sage.tokenUrl(), "tokenUrl"), form);
    SageHttp.Answer answer = reply.answer();
    if (answer.isSuccess()) {
      return endpoint.tokens(op, reply, refreshToken);
    }
    // an answer that echoes the request is scrubbed whole, in any encoding, before it is kept
    String kept = TokenEndpoint.kept(answer, refreshToken, sage.clientSecret());
    int status = answer.status();
    if ((status == 400 || status == 401)
        && "invalid_grant".equals(endpoint.oauthError(answer.body()))) {
      throw new InvalidGrant(
          new ConnectionRevokedException(
              SageErrors.SYSTEM,
              op.code(),
              status,
              answer.requestId(),
              "Sage refused the refresh token (invalid_grant: revoked, unused for 31 days or"
                  + " already spent): connect the binding to Sage again",
              kept));
    }
    throw endpoint.failure(op, answer, kept, "token endpoint");
  }

  /** The refresh token was refused; the caller first checks whether another process rotated. */
  private static final class InvalidGrant extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ConnectionRevokedException revoked;

    InvalidGrant(ConnectionRevokedException revoked) {
      super(null, null, false, false);
      this.revoked = revoked;
    }
  }
}
