package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sage's OAuth token endpoint, refresh-token grant only: registered clients, rotating single-use
 * refresh tokens (31 days), access tokens (300 s). Tokens are opaque strings from a {@link
 * SecureRandom}, even when the sandbox runs with a fixed seed.
 */
final class OAuthTokens {

  static final Duration ACCESS_TTL = Duration.ofSeconds(300);
  static final Duration REFRESH_TTL = Duration.ofSeconds(2_678_400);

  private record Client(String secret, String userId) {}

  private record RefreshGrant(String clientId, String userId, Instant expiresAt) {}

  private record AccessGrant(String clientId, String userId, Instant expiresAt) {}

  private final Clock clock;
  private final Random random;
  private final SecureRandom secure = new SecureRandom();
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();

  OAuthTokens(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  void registerClient(String clientId, String clientSecret) {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("client id and secret are required");
    }
    clients.compute(
        clientId,
        (id, existing) ->
            new Client(
                clientSecret,
                existing != null
                    ? existing.userId()
                    : new UUID(random.nextLong(), random.nextLong()).toString()));
  }

  String issueRefreshToken(String clientId) {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new IllegalArgumentException("unknown client: " + clientId);
    }
    String token = newToken("rt");
    refreshTokens.put(
        token, new RefreshGrant(clientId, client.userId(), clock.instant().plus(REFRESH_TTL)));
    return token;
  }

  /** Issues an access token directly, for tests that do not exercise the token endpoint. */
  String issueAccessToken(String clientId) {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new IllegalArgumentException("unknown client: " + clientId);
    }
    String token = newToken("at");
    accessTokens.put(
        token, new AccessGrant(clientId, client.userId(), clock.instant().plus(ACCESS_TTL)));
    return token;
  }

  boolean isValidAccessToken(String token) {
    if (token == null) {
      return false;
    }
    AccessGrant grant = accessTokens.get(token);
    if (grant == null) {
      return false;
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      accessTokens.remove(token);
      return false;
    }
    return true;
  }

  /** {@code POST /oauth/token}; the form is already decoded. */
  ApiResponse token(Map<String, String> form) {
    String grantType = form.get("grant_type");
    if (grantType == null || grantType.isBlank()) {
      return oauthError("invalid_request", "grant_type is required");
    }
    Client client = clients.get(form.getOrDefault("client_id", ""));
    if (client == null || !constantTimeEquals(client.secret(), form.get("client_secret"))) {
      return oauthError("invalid_client", "Client authentication failed");
    }
    String clientId = form.get("client_id");
    if ("authorization_code".equals(grantType)) {
      return oauthError("invalid_grant", "The authorization code is invalid or has expired");
    }
    if (!"refresh_token".equals(grantType)) {
      return oauthError("unsupported_grant_type", "The grant type is not supported");
    }
    String presented = form.get("refresh_token");
    if (presented == null || presented.isBlank()) {
      return oauthError("invalid_request", "refresh_token is required");
    }
    RefreshGrant grant = refreshTokens.remove(presented); // single use: rotation
    if (grant == null) {
      return oauthError(
          "invalid_grant", "The refresh token is invalid, expired, revoked or already used");
    }
    if (!grant.clientId().equals(clientId)) {
      refreshTokens.put(presented, grant); // not ours to consume
      return oauthError("invalid_grant", "The refresh token was issued to another client");
    }
    Instant now = clock.instant();
    if (!now.isBefore(grant.expiresAt())) {
      return oauthError(
          "invalid_grant", "The refresh token is invalid, expired, revoked or already used");
    }
    String access = newToken("at");
    String refresh = newToken("rt");
    accessTokens.put(access, new AccessGrant(clientId, grant.userId(), now.plus(ACCESS_TTL)));
    refreshTokens.put(refresh, new RefreshGrant(clientId, grant.userId(), now.plus(REFRESH_TTL)));
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("access_token", access);
    body.put("scope", "full_access");
    body.put("token_type", "bearer");
    body.put("expires_in", ACCESS_TTL.toSeconds());
    body.put("refresh_token", refresh);
    body.put("refresh_token_expires_in", REFRESH_TTL.toSeconds());
    body.put("requested_by_id", grant.userId());
    return ApiResponse.ok(body);
  }

  /** {@code POST /oauth/revoke}: revokes a refresh token. */
  ApiResponse revoke(Map<String, String> form) {
    Client client = clients.get(form.getOrDefault("client_id", ""));
    if (client == null || !constantTimeEquals(client.secret(), form.get("client_secret"))) {
      return oauthError("invalid_client", "Client authentication failed");
    }
    String token = form.get("token");
    if (token != null) {
      refreshTokens.computeIfPresent(
          token, (t, g) -> g.clientId().equals(form.get("client_id")) ? null : g);
    }
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("success", "ok");
    return ApiResponse.ok(body);
  }

  private static ApiResponse oauthError(String error, String description) {
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return new ApiResponse(400, body);
  }

  private String newToken(String kind) {
    return "sbx" + kind + "." + SageJson.newId(secure) + SageJson.newId(secure);
  }

  private static boolean constantTimeEquals(String expected, String given) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
