package io.ledgerbridge.sandbox.sage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sage's authorize endpoint (SAGE.md §1.2): {@code GET <authorizePath>?response_type=code&...}.
 *
 * <p>A missing, repeated or unknown {@code client_id}, or a {@code redirect_uri} that is not a
 * callback registered for the client, answers an HTML error page and never redirects (RFC 6749
 * §4.1.2.1). Any other error redirects to the callback with {@code error}, {@code
 * error_description} and {@code state}. A valid request is decided by the {@link
 * AuthorizeDecision}: at once (302 with {@code code}, {@code country}, {@code state}, or with
 * {@code error=access_denied}), or through a consent page whose form posts {@code consent} and
 * {@code decision=allow|deny} back to the same path. The sandbox's one user is always signed in.
 */
final class AuthorizeEndpoint {

  /** How long a consent page can be answered. */
  static final Duration CONSENT_TTL = Duration.ofMinutes(10);

  /** The newest and the older documented {@code country} values (§1.2), by region (§1.1). */
  private static final Map<String, String> REGION_OF_COUNTRY =
      Map.of("gb", "UK", "ie", "UK", "de", "UK", "es", "UK", "fr", "UK", "ca", "NA", "us", "NA");

  private static final Set<String> SCOPES = Set.of(OAuthTokens.FULL_ACCESS, OAuthTokens.READONLY);

  /** An answer: a redirect to {@code location}, or an HTML page with {@code status}. */
  record Page(int status, String location, String html) {
    static Page redirect(String location) {
      return new Page(302, location, null);
    }
  }

  /** A validated authorize request; the PKCE fields are null without PKCE. */
  private record Authorization(
      String clientId,
      String redirectUri,
      String scope,
      String state,
      String country,
      String codeChallenge,
      String codeChallengeMethod) {}

  private record Pending(Authorization authorization, Instant expiresAt) {}

  private final OAuthTokens tokens;
  private final AuthorizationCodes codes;
  private final Clock clock;
  private final Supplier<List<SandboxBusiness>> userBusinesses;
  private final String path;
  private final SecureRandom secure = new SecureRandom();
  private final Map<String, Pending> consents = new ConcurrentHashMap<>();
  private volatile AuthorizeDecision decision = AuthorizeDecision.ALLOW;

  /**
   * @param userBusinesses the user's businesses, lead business first
   * @param path the authorize path, where the consent form posts too
   */
  AuthorizeEndpoint(
      OAuthTokens tokens,
      AuthorizationCodes codes,
      Clock clock,
      Supplier<List<SandboxBusiness>> userBusinesses,
      String path) {
    this.tokens = tokens;
    this.codes = codes;
    this.clock = clock;
    this.userBusinesses = userBusinesses;
    this.path = path;
  }

  void setDecision(AuthorizeDecision d) {
    if (d == null) {
      throw new IllegalArgumentException("decision must not be null");
    }
    decision = d;
  }

  AuthorizeDecision decision() {
    return decision;
  }

  /** Answers a request to the authorize path. */
  Page handle(String method, String rawQuery, String contentType, byte[] body) {
    try {
      if (method.equals("GET")) {
        return authorize(params(rawQuery));
      }
      if (method.equals("POST")) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!ct.startsWith("application/x-www-form-urlencoded")) {
          return errorPage(415, "The consent form must be posted as a form.");
        }
        return consent(params(new String(body, StandardCharsets.UTF_8)));
      }
      return errorPage(405, "The authorize page accepts GET, and POST from its consent form.");
    } catch (IllegalArgumentException e) { // URLDecoder: a malformed %-escape
      return errorPage(400, "The request is not well-formed URL encoding.");
    }
  }

  private Page authorize(Map<String, List<String>> q) {
    String clientId = single(q, "client_id");
    if (clientId == null || clientId.isBlank()) {
      return errorPage(400, "client_id is missing or repeated.");
    }
    if (!tokens.isClient(clientId)) {
      return errorPage(400, "Unknown client_id: " + clientId);
    }
    String redirectUri = single(q, "redirect_uri");
    if (redirectUri == null || redirectUri.isBlank()) {
      return errorPage(400, "redirect_uri is missing or repeated.");
    }
    if (!tokens.allowsRedirect(clientId, redirectUri)) {
      return errorPage(
          400, "redirect_uri is not a callback URL registered for the app: " + redirectUri);
    }
    // from here on, errors go back to the app's callback
    List<String> states = q.get("state");
    String state = states == null ? null : states.get(0);
    for (Map.Entry<String, List<String>> e : q.entrySet()) {
      if (e.getValue().size() > 1) {
        return errorRedirect(redirectUri, "invalid_request", e.getKey() + " is repeated", state);
      }
    }
    String responseType = single(q, "response_type");
    if (responseType == null || responseType.isBlank()) {
      return errorRedirect(redirectUri, "invalid_request", "response_type is required", state);
    }
    if (!responseType.equals("code")) {
      return errorRedirect(
          redirectUri, "unsupported_response_type", "response_type must be code", state);
    }
    String scope = single(q, "scope");
    scope = scope == null || scope.isBlank() ? OAuthTokens.FULL_ACCESS : scope;
    if (!SCOPES.contains(scope)) {
      return errorRedirect(
          redirectUri, "invalid_scope", "scope must be full_access or readonly", state);
    }
    List<SandboxBusiness> owned = userBusinesses.get();
    String country = single(q, "country");
    if (country == null || country.isBlank()) {
      country = owned.get(0).country;
    } else {
      String region = REGION_OF_COUNTRY.get(country.toLowerCase(Locale.ROOT));
      if (region == null) {
        return errorRedirect(
            redirectUri,
            "invalid_request",
            "country must be one of ca, de, es, fr, gb, ie, us",
            state);
      }
      boolean inRegion =
          owned.stream()
              .anyMatch(
                  b -> region.equals(REGION_OF_COUNTRY.get(b.country.toLowerCase(Locale.ROOT))));
      if (!inRegion) {
        return errorRedirect(
            redirectUri,
            "access_denied",
            "The user has no business in the " + region + " region",
            state);
      }
    }
    country = country.toUpperCase(Locale.ROOT);
    String challenge = single(q, "code_challenge");
    String challengeMethod = single(q, "code_challenge_method");
    if (challenge != null) {
      challengeMethod = challengeMethod == null ? "plain" : challengeMethod;
      if (!AuthorizationCodes.PKCE_VALUE.matcher(challenge).matches()) {
        return errorRedirect(
            redirectUri,
            "invalid_request",
            "code_challenge must be 43 to 128 unreserved characters",
            state);
      }
      if (!challengeMethod.equals("S256") && !challengeMethod.equals("plain")) {
        return errorRedirect(
            redirectUri, "invalid_request", "code_challenge_method must be S256 or plain", state);
      }
    } else if (challengeMethod != null) {
      return errorRedirect(
          redirectUri, "invalid_request", "code_challenge_method without code_challenge", state);
    }
    Authorization a =
        new Authorization(clientId, redirectUri, scope, state, country, challenge, challengeMethod);
    return switch (decision) {
      case ALLOW -> allow(a);
      case DENY -> deny(a);
      case ASK -> consentPage(a, owned);
    };
  }

  private Page consent(Map<String, List<String>> form) {
    String id = single(form, "consent");
    Pending p = id == null ? null : consents.remove(id);
    Instant now = clock.instant();
    consents.values().removeIf(x -> !now.isBefore(x.expiresAt()));
    if (p == null || !now.isBefore(p.expiresAt())) {
      return errorPage(400, "This authorisation request has expired or was already answered.");
    }
    String d = single(form, "decision");
    if ("allow".equals(d)) {
      return allow(p.authorization());
    }
    if ("deny".equals(d)) {
      return deny(p.authorization());
    }
    return errorPage(400, "decision must be allow or deny.");
  }

  private Page allow(Authorization a) {
    String code =
        codes.issue(
            a.clientId(),
            a.redirectUri(),
            a.scope(),
            a.country(),
            a.codeChallenge(),
            a.codeChallengeMethod());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("code", code);
    p.put("country", a.country());
    p.put("state", a.state());
    return Page.redirect(withQuery(a.redirectUri(), p));
  }

  private static Page deny(Authorization a) {
    return errorRedirect(
        a.redirectUri(), "access_denied", "The user denied access to the app", a.state());
  }

  private Page consentPage(Authorization a, List<SandboxBusiness> owned) {
    String id = SageJson.newId(secure) + SageJson.newId(secure);
    consents.put(id, new Pending(a, clock.instant().plus(CONSENT_TTL)));
    StringBuilder items = new StringBuilder();
    for (SandboxBusiness b : owned) {
      items.append("<li>").append(esc(b.name)).append(" (").append(esc(b.country));
      items.append(")</li>");
    }
    String access =
        a.scope().equals(OAuthTokens.READONLY)
            ? "read-only access"
            : "full access (read and write)";
    String html =
        "<h1>Authorise "
            + esc(a.clientId())
            + "</h1>\n<p>The app <strong>"
            + esc(a.clientId())
            + "</strong> asks for "
            + access
            + " to your Sage Accounting businesses:</p>\n<ul>"
            + items
            + "</ul>\n<p>You will be sent back to "
            + esc(a.redirectUri())
            + "</p>\n<form method=\"post\" action=\""
            + esc(path)
            + "\">\n<input type=\"hidden\" name=\"consent\" value=\""
            + id
            + "\">\n<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
            + "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>";
    return new Page(200, null, document("Sage Accounting: authorise an app", html));
  }

  private static Page errorRedirect(
      String redirectUri, String error, String description, String state) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("error", error);
    p.put("error_description", description);
    p.put("state", state);
    return Page.redirect(withQuery(redirectUri, p));
  }

  private static Page errorPage(int status, String message) {
    return new Page(
        status,
        null,
        document(
            "Sage Accounting: authorisation error",
            "<h1>Authorisation error</h1>\n<p>" + esc(message) + "</p>"));
  }

  private static String document(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>"
        + esc(title)
        + "</title></head>\n<body>\n"
        + body
        + "\n</body>\n</html>\n";
  }

  /** The callback URL with the parameters (null values left out) appended, form-encoded. */
  static String withQuery(String uri, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(uri);
    char sep = uri.indexOf('?') < 0 ? '?' : '&';
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      sb.append(sep).append(e.getKey()).append('=');
      sb.append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }

  /** HTML-escapes text for element content and quoted attribute values. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The value of a parameter sent exactly once; null if absent or repeated. */
  private static String single(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.size() != 1 ? null : v.get(0);
  }

  /** Decodes a query or form body, keeping repeated parameters. */
  private static Map<String, List<String>> params(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }
}
