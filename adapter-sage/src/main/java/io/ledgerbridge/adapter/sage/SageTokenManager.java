package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out Sage access tokens (SAGE §1.3–§1.4). The vault is the cache: its access token is used
 * while it has more than {@link #EXPIRY_MARGIN} left. Otherwise the refresh-token grant runs, and
 * the rotated refresh token is persisted with a compare-and-set; a process that loses the race
 * re-reads the vault instead of keeping a token that may already be spent. Refreshes of one tenant
 * are serialised in this process by a lock per tenant.
 */
final class SageTokenManager {
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
  private static final long DEFAULT_EXPIRES_IN_SECONDS = 300;
  private static final int MAX_ROUNDS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(SageTokenManager.class);

  private final TokenVault vault;
  private final SageHttp http;
  private final Clock clock;
  private final ObjectMapper json;
  private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  SageTokenManager(TokenVault vault, SageHttp http, Clock clock, ObjectMapper json) {
    this.vault = Objects.requireNonNull(vault, "vault");
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * A usable access token for the connection's tenant.
   *
   * @param rejected an access token Sage just answered 401 to, never to be handed out again; null
   *     on a first attempt
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
        SageTokens next;
        try {
          next = refresh(sage, stored.refreshToken());
        } catch (InvalidGrant e) {
          SageTokens now = vault.tokens(tenant).orElse(null);
          if (now != null && !Objects.equals(now.refreshToken(), stored.refreshToken())) {
            LOG.debug("Sage refresh token of tenant {} was rotated elsewhere; re-reading", tenant);
            continue;
          }
          throw e.exception;
        }
        if (vault.rotate(tenant, stored.refreshToken(), next)) {
          LOG.debug("Sage tokens of tenant {} rotated", tenant);
          return next.accessToken();
        }
        LOG.debug("Sage token rotation of tenant {} lost to another process; re-reading", tenant);
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
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(sage.tokenUrl(), "tokenUrl"));
    if (url == null) {
      throw new IllegalArgumentException("tokenUrl is not an http(s) URL: " + sage.tokenUrl());
    }
    FormBody form =
        new FormBody.Builder()
            .add("grant_type", "refresh_token")
            .add("refresh_token", refreshToken)
            .add("client_id", Objects.requireNonNull(sage.clientId(), "clientId"))
            .add("client_secret", Objects.requireNonNull(sage.clientSecret(), "clientSecret"))
            .build();
    Request request =
        new Request.Builder().url(url).header("Accept", "application/json").post(form).build();
    Instant sentAt = clock.instant();
    SageHttp.Answer answer = http.execute(op, request);
    if (answer.isSuccess()) {
      return parseTokens(answer, refreshToken, sentAt);
    }
    // the request (refresh token, client secret) is never kept; an answer that echoes it is
    // scrubbed whole, in any encoding, before it is cut to size
    String kept =
        SageErrors.truncate(
            SecretScrubber.of(refreshToken, sage.clientSecret()).scrub(answer.body()));
    int status = answer.status();
    String requestId = answer.requestId();
    if (status == 400 || status == 401) {
      String error = oauthError(answer.body());
      if ("invalid_grant".equals(error)) {
        throw new InvalidGrant(
            SageErrors.permanent(
                op,
                status,
                requestId,
                ErrorClass.AUTH,
                "Sage refresh token rejected (invalid_grant): reconnect the binding",
                kept));
      }
      if ("invalid_client".equals(error)) {
        throw SageErrors.permanent(
            op,
            status,
            requestId,
            ErrorClass.AUTH,
            "Sage rejected the OAuth client (invalid_client): check the client id and secret"
                + " configured for the binding",
            kept);
      }
      throw SageErrors.permanent(
          op,
          status,
          requestId,
          ErrorClass.AUTH,
          "Sage token endpoint refused the refresh ("
              + (error == null ? "HTTP " + status : error)
              + "): reconnect the binding",
          kept);
    }
    if (status == 429) {
      throw SageErrors.transientError(
          op,
          status,
          requestId,
          ErrorClass.RATE_LIMITED,
          "Sage token endpoint rate limit reached (HTTP 429)",
          kept);
    }
    if (status >= 500 && status <= 599) {
      throw SageErrors.transientError(
          op,
          status,
          requestId,
          ErrorClass.PROVIDER,
          "Sage token endpoint server error (HTTP " + status + ")",
          kept);
    }
    throw SageErrors.permanent(
        op,
        status,
        requestId,
        ErrorClass.HTTP,
        "unexpected Sage token endpoint response (HTTP " + status + ")",
        kept);
  }

  private SageTokens parseTokens(SageHttp.Answer answer, String oldRefresh, Instant sentAt) {
    JsonNode root;
    try {
      root = json.readTree(answer.body());
    } catch (IOException e) {
      // never keep a token response body: it holds the tokens
      throw SageErrors.unreadable(
          SageOperation.REFRESH_TOKEN,
          answer.status(),
          answer.requestId(),
          "token response is not JSON",
          null,
          null);
    }
    String access = root == null ? null : text(root, "access_token");
    if (access == null) {
      throw SageErrors.unreadable(
          SageOperation.REFRESH_TOKEN,
          answer.status(),
          answer.requestId(),
          "token response has no access_token",
          null,
          null);
    }
    String refresh = text(root, "refresh_token");
    long expiresIn = root.path("expires_in").asLong(DEFAULT_EXPIRES_IN_SECONDS);
    if (expiresIn <= 0) {
      expiresIn = DEFAULT_EXPIRES_IN_SECONDS;
    }
    // measured from when the request left, so the token never outlives what we assume
    return new SageTokens(
        refresh == null ? oldRefresh : refresh, access, sentAt.plusSeconds(expiresIn));
  }

  private String oauthError(String body) {
    try {
      JsonNode root = json.readTree(body == null ? "" : body);
      return root == null ? null : text(root, "error");
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
  }

  /** The refresh token was refused; the caller first checks whether another process rotated. */
  private static final class InvalidGrant extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient GatewayException exception;

    InvalidGrant(GatewayException exception) {
      super(null, null, false, false);
      this.exception = exception;
    }
  }
}
