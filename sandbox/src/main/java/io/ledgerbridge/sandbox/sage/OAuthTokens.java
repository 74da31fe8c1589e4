package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.AuthorizationCodes.Redemption;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sage's OAuth token and revoke endpoints (SAGE.md §1.3 to §1.5): registered clients with their
 * callback URLs, the {@code authorization_code} grant (codes from {@link AuthorizationCodes}) and
 * the {@code refresh_token} grant with rotating single-use refresh tokens (31 days), access tokens
 * (300 s unless {@link #setAccessTtl set} shorter or longer), revocation of refresh tokens. Every
 * token belongs to the sandbox's one user. Tokens are opaque strings from a {@link SecureRandom},
 * even when the sandbox runs with a fixed seed.
 */
final class OAuthTokens {

  static final Duration ACCESS_TTL = Duration.ofSeconds(300);
  static final Duration REFRESH_TTL = Duration.ofSeconds(2_678_400);
  static final String FULL_ACCESS = "full_access";
  static final String READONLY = "readonly";

  /** A live access token: the client it was issued to and the granted scope. */
  record AccessGrant(String clientId, String scope, Instant expiresAt) {}

  private record Client(String secret, Set<String> redirectUris) {}

  /** {@code family}: the code (or direct issue) the token descends from through rotations. */
  private record RefreshGrant(String clientId, String scope, String family, Instant expiresAt) {}

  /** The authenticated client id, or the error to answer. */
  private record ClientCheck(String clientId, ApiResponse error) {}

  private final Clock clock;
  private final String userId;
  private final AuthorizationCodes codes;
  private final SecureRandom secure = new SecureRandom();
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
  private final AtomicInteger revoked = new AtomicInteger();
  private final AtomicInteger refreshGrants = new AtomicInteger();
  private final AtomicInteger invalidGrantRefreshes = new AtomicInteger();
  private volatile Duration accessTtl = ACCESS_TTL;

  OAuthTokens(Clock clock, String userId, AuthorizationCodes codes) {
    this.clock = clock;
    this.userId = userId;
    this.codes = codes;
  }

  /**
   * Registers a client, or re-keys it: the secret is replaced, the callback URLs are added to those
   * already registered. Each must be an absolute http(s) URL without a fragment.
   */
  void registerClient(String clientId, String clientSecret, Collection<String> redirectUris) {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("client id and secret are required");
    }
    for (String uri : redirectUris) {
      checkRedirectUri(uri);
    }
    clients.compute(
        clientId,
        (id, existing) -> {
          Set<String> uris = new LinkedHashSet<>();
          if (existing != null) {
            uris.addAll(existing.redirectUris());
          }
          uris.addAll(redirectUris);
          return new Client(clientSecret, Set.copyOf(uris));
        });
  }

  boolean isClient(String clientId) {
    return clientId != null && clients.containsKey(clientId);
  }

  /** Whether {@code redirectUri} is, character for character, a callback of the client. */
  boolean allowsRedirect(String clientId, String redirectUri) {
    Client c = clientId == null ? null : clients.get(clientId);
    return c != null && redirectUri != null && c.redirectUris().contains(redirectUri);
  }

  String userId() {
    return userId;
  }

  String issueRefreshToken(String clientId) {
    requireClient(clientId);
    String token = newToken("rt");
    refreshTokens.put(
        token,
        new RefreshGrant(
            clientId, FULL_ACCESS, newToken("family"), clock.instant().plus(REFRESH_TTL)));
    return token;
  }

  /** Issues an access token directly, for tests that do not exercise the token endpoint. */
  String issueAccessToken(String clientId) {
    requireClient(clientId);
    String token = newToken("at");
    accessTokens.put(
        token, new AccessGrant(clientId, FULL_ACCESS, clock.instant().plus(accessTtl)));
    return token;
  }

  /**
   * The lifetime of the access tokens issued from now on ({@code expires_in}); tokens already
   * issued keep theirs. Whole seconds, at least one, as {@code expires_in} is a number of seconds.
   */
  void setAccessTtl(Duration ttl) {
    if (ttl == null
        || ttl.compareTo(Duration.ofSeconds(1)) < 0
        || !ttl.equals(Duration.ofSeconds(ttl.toSeconds()))) {
      throw new IllegalArgumentException(
          "access token lifetime must be whole seconds >= 1: " + ttl);
    }
    accessTtl = ttl;
  }

  Duration accessTtl() {
    return accessTtl;
  }

  /** Refresh-token grants answered with new tokens. */
  int refreshGrantCount() {
    return refreshGrants.get();
  }

  /**
   * Refresh-token grants refused with {@code invalid_grant}: a refresh token that is unknown,
   * already rotated (spent), revoked, expired or another client's.
   */
  int invalidGrantRefreshCount() {
    return invalidGrantRefreshes.get();
  }

  /**
   * Whether {@code token} is a refresh token Sage would still accept: issued, unspent, unexpired.
   */
  boolean isLiveRefreshToken(String token) {
    RefreshGrant grant = token == null ? null : refreshTokens.get(token);
    return grant != null && clock.instant().isBefore(grant.expiresAt());
  }

  /** The grant of a live access token; null for an unknown or expired one. */
  AccessGrant accessGrant(String token) {
    if (token == null) {
      return null;
    }
    AccessGrant grant = accessTokens.get(token);
    if (grant == null) {
      return null;
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      accessTokens.remove(token);
      return null;
    }
    return grant;
  }

  /** Refresh tokens revoked through {@code POST /revoke} or because their code was replayed. */
  int revokedCount() {
    return revoked.get();
  }

  /**
   * {@code POST /token}; the form is already decoded, {@code authorization} is the request's {@code
   * Authorization} header (HTTP Basic client credentials) or null.
   */
  ApiResponse token(Map<String, String> form, String authorization) {
    String grantType = form.get("grant_type");
    if (grantType == null || grantType.isBlank()) {
      return oauthError("invalid_request", "grant_type is required");
    }
    ClientCheck client = authenticate(form, authorization);
    if (client.error() != null) {
      return client.error();
    }
    return switch (grantType) {
      case "authorization_code" -> exchangeCode(client.clientId(), form);
      case "refresh_token" -> refresh(client.clientId(), form);
      default -> oauthError("unsupported_grant_type", "The grant type is not supported");
    };
  }

  private ApiResponse exchangeCode(String clientId, Map<String, String> form) {
    String code = form.get("code");
    if (code == null || code.isBlank()) {
      return oauthError("invalid_request", "code is required");
    }
    String redirectUri = form.get("redirect_uri");
    if (redirectUri == null || redirectUri.isBlank()) {
      return oauthError("invalid_request", "redirect_uri is required");
    }
    Redemption r = codes.redeem(code, clientId, redirectUri, form.get("code_verifier"));
    if (r instanceof Redemption.Replayed replayed) {
      // RFC 6749 §4.1.2: deny, and revoke the tokens issued from the code
      revokeFamily(replayed.family());
      return oauthError("invalid_grant", "The authorization code has already been used");
    }
    if (r instanceof Redemption.Rejected rejected) {
      return oauthError("invalid_grant", rejected.description());
    }
    Redemption.Redeemed redeemed = (Redemption.Redeemed) r;
    return issue(clientId, redeemed.grant().scope(), code);
  }

  private ApiResponse refresh(String clientId, Map<String, String> form) {
    String presented = form.get("refresh_token");
    if (presented == null || presented.isBlank()) {
      return oauthError("invalid_request", "refresh_token is required");
    }
    RefreshGrant grant = refreshTokens.remove(presented); // single use: rotation
    if (grant == null) {
      invalidGrantRefreshes.incrementAndGet();
      return oauthError(
          "invalid_grant", "The refresh token is invalid, expired, revoked or already used");
    }
    if (!grant.clientId().equals(clientId)) {
      refreshTokens.put(presented, grant); // not ours to consume
      invalidGrantRefreshes.incrementAndGet();
      return oauthError("invalid_grant", "The refresh token was issued to another client");
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      invalidGrantRefreshes.incrementAndGet();
      return oauthError(
          "invalid_grant", "The refresh token is invalid, expired, revoked or already used");
    }
    refreshGrants.incrementAndGet();
    return issue(clientId, grant.scope(), grant.family());
  }

  /** The §1.3 answer: a new access token and a new refresh token of the family. */
  private ApiResponse issue(String clientId, String scope, String family) {
    Instant now = clock.instant();
    Duration ttl = accessTtl;
    String access = newToken("at");
    String refresh = newToken("rt");
    accessTokens.put(access, new AccessGrant(clientId, scope, now.plus(ttl)));
    refreshTokens.put(refresh, new RefreshGrant(clientId, scope, family, now.plus(REFRESH_TTL)));
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("access_token", access);
    body.put("scope", scope);
    body.put("token_type", "bearer");
    body.put("expires_in", ttl.toSeconds());
    body.put("refresh_token", refresh);
    body.put("refresh_token_expires_in", REFRESH_TTL.toSeconds());
    body.put("requested_by_id", userId);
    return ApiResponse.ok(body);
  }

  /**
   * {@code POST /revoke} (§1.5): revokes a refresh token of the client. A token the client does not
   * hold (unknown, expired, another client's) changes nothing and still answers {@code
   * {"success":"ok"}} (RFC 7009 §2.2); an access token cannot be revoked (§1.5) and answers 400
   * {@code unsupported_token_type} (RFC 7009 §2.2.1).
   */
  ApiResponse revoke(Map<String, String> form, String authorization) {
    ClientCheck client = authenticate(form, authorization);
    if (client.error() != null) {
      return client.error();
    }
    String token = form.get("token");
    if (token == null || token.isBlank()) {
      return oauthError("invalid_request", "token is required");
    }
    if (accessTokens.containsKey(token)) {
      return oauthError("unsupported_token_type", "Only refresh tokens can be revoked");
    }
    Instant now = clock.instant();
    refreshTokens.computeIfPresent(
        token,
        (t, g) -> {
          if (!g.clientId().equals(client.clientId())) {
            return g;
          }
          if (now.isBefore(g.expiresAt())) {
            revoked.incrementAndGet();
          }
          return null;
        });
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("success", "ok");
    return ApiResponse.ok(body);
  }

  /**
   * Client authentication: {@code client_id} and {@code client_secret} in the form, as Sage
   * documents, or HTTP Basic (RFC 6749 §2.3.1), not both. A failure is 400 {@code invalid_client}
   * for form credentials and 401 (the server adds {@code WWW-Authenticate: Basic}) for Basic ones.
   */
  private ClientCheck authenticate(Map<String, String> form, String authorization) {
    boolean basic =
        authorization != null && authorization.trim().toLowerCase(Locale.ROOT).startsWith("basic ");
    String id;
    String secret;
    if (basic) {
      if (form.containsKey("client_secret")) {
        return new ClientCheck(
            null, oauthError("invalid_request", "Use one client authentication method, not two"));
      }
      String[] pair = basicCredentials(authorization.trim().substring(6).trim());
      id = pair == null ? null : pair[0];
      secret = pair == null ? null : pair[1];
      String formId = form.get("client_id");
      if (formId != null && !formId.equals(id)) {
        return new ClientCheck(null, clientFailure(true));
      }
    } else {
      id = form.get("client_id");
      secret = form.get("client_secret");
    }
    Client client = id == null ? null : clients.get(id);
    if (client == null || !constantTimeEquals(client.secret(), secret)) {
      return new ClientCheck(null, clientFailure(basic));
    }
    return new ClientCheck(id, null);
  }

  private static ApiResponse clientFailure(boolean basic) {
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("error", "invalid_client");
    body.put("error_description", "Client authentication failed");
    return new ApiResponse(basic ? 401 : 400, body);
  }

  /** {@code id:secret}, each form-encoded, in Base64 (RFC 6749 §2.3.1); null if malformed. */
  private static String[] basicCredentials(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return null;
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static ApiResponse oauthError(String error, String description) {
    ObjectNode body = SageJson.MAPPER.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return new ApiResponse(400, body);
  }

  private void revokeFamily(String family) {
    for (Iterator<RefreshGrant> it = refreshTokens.values().iterator(); it.hasNext(); ) {
      if (it.next().family().equals(family)) {
        it.remove();
        revoked.incrementAndGet();
      }
    }
  }

  private void requireClient(String clientId) {
    if (!isClient(clientId)) {
      throw new IllegalArgumentException("unknown client: " + clientId);
    }
  }

  private static void checkRedirectUri(String uri) {
    if (uri == null) {
      throw new IllegalArgumentException("redirect URI must not be null");
    }
    try {
      URI u = new URI(uri);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!u.isAbsolute()
          || !(scheme.equals("http") || scheme.equals("https"))
          || u.getHost() == null
          || u.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "redirect URI must be an absolute http(s) URL without a fragment: " + uri);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("redirect URI is not a URI: " + uri, e);
    }
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
